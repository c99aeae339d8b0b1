#!/usr/bin/env bash
# `make clinic`: try clinic mode on this machine. Starts a throwaway PostgreSQL cluster (data in a
# temporary folder, a free loopback port), migrates it, makes a demo clinician (printing its
# login), and serves backrelief in clinic mode with a generated secret. Ctrl+C stops everything
# and removes the folder.
set -euo pipefail

PG_BIN=${BACKRELIEF_PG_BIN:-/usr/lib/postgresql/15/bin}
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
WORKERS=${WORKERS:-2}

if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found in $PG_BIN: run 'apt-get install postgresql' or set BACKRELIEF_PG_BIN." >&2
    exit 1
fi

as_server_user() {
    # initdb refuses to run as root.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

folder=$(mktemp -d /tmp/backrelief-clinic.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$folder"; db_user=postgres; else db_user=$(id -un); fi
pg_port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
    as_server_user "$PG_BIN/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
}
trap stop EXIT

as_server_user "$PG_BIN/initdb" -D "$folder/data" -A trust -U "$db_user" -E UTF8 >/dev/null
as_server_user "$PG_BIN/pg_ctl" -D "$folder/data" -l "$folder/postgres.log" -w \
    -o "-p $pg_port -k $folder -c listen_addresses=127.0.0.1" start >/dev/null
"$BIN/python" -c "import psycopg; psycopg.connect(host='127.0.0.1', port=$pg_port, user='$db_user', dbname='postgres', autocommit=True).execute('CREATE DATABASE backrelief')"

export BACKRELIEF_MODE=clinic
export BACKRELIEF_DATABASE_URL="postgresql+psycopg://$db_user@127.0.0.1:$pg_port/backrelief"
BACKRELIEF_SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_hex(32))')
export BACKRELIEF_SECRET_KEY
export BACKRELIEF_DATA_DIR="$folder/app"

"$BIN/backrelief" admin migrate
password=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(15))')
printf '%s\n' "$password" | "$BIN/backrelief" admin create-user --role clinician --email clinician@example.org \
    --name "Demo Clinician" --password-stdin
echo
echo "Demo clinician login: clinician@example.org  password: $password"
echo "Log in at http://127.0.0.1:$PORT/account/login ; patients sign up at http://127.0.0.1:$PORT/account/signup"
echo "PostgreSQL (throwaway) on 127.0.0.1:$pg_port, data in $folder"
echo
"$BIN/backrelief" serve --port "$PORT" --workers "$WORKERS"
