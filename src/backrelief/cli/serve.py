"""`backrelief serve`: the web app on this machine (127.0.0.1:8000 unless told otherwise)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import typer

from backrelief.cli import app
from backrelief.cli.common import check_diary
from backrelief.errors import InvalidInput, Problem
from backrelief.settings import Settings, default_data_dir

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DATA_DIR_HELP = ("The folder for the diary and reports (default: BACKRELIEF_DATA_DIR, else your user data folder, "
                 f"here {default_data_dir()}).")


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Keep 127.0.0.1 at home."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", help="Number of app processes."),
    db: str | None = typer.Option(None, "--db", help="The diary database: a SQLite file path or a database URL "
                                  "(default: BACKRELIEF_DATABASE_URL, else backrelief.sqlite in the data folder)."),
    data_dir: Path | None = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
) -> None:
    """Start the web app. Open the address it prints in your browser."""
    import uvicorn

    if not 1 <= port <= 65535:
        raise InvalidInput([Problem(field="port", message=f"--port must be from 1 to 65535, not {port}")])
    if not 1 <= workers <= 64:
        raise InvalidInput([Problem(field="workers", message=f"--workers must be from 1 to 64, not {workers}")])
    check_port_free(host, port)
    # The app's processes read their settings from the environment (app_from_environment),
    # so the options are handed to them there.
    if data_dir is not None:
        os.environ["BACKRELIEF_DATA_DIR"] = str(_data_folder(data_dir))
    if db is not None:
        os.environ["BACKRELIEF_DATABASE_URL"] = db
    settings = Settings()
    check_diary(settings)
    from backrelief.web.proxy import parse_networks

    trusted = [str(n) for n in parse_networks(settings.trusted_proxies)]
    if settings.mode == "clinic":
        # Checked here, once, so that N workers do not each fail with a traceback.
        from backrelief.clinic.service import check_clinic_settings

        check_clinic_settings(settings)
    prepare_database(settings)
    if host in LOOPBACK:
        # Answer only to loopback names, so a web page cannot reach the app by DNS rebinding.
        os.environ["BACKRELIEF_TRUSTED_HOSTS"] = ",".join(LOOPBACK)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"backrelief is running at http://{shown}:{port}/  (press Ctrl+C to stop)")
    typer.echo(f"Your data is kept in {settings.database_url.split('@')[-1].removeprefix('sqlite:///')}")
    typer.echo("backrelief is not a diagnosis. In an emergency call 999, 112 or 911.")
    # Forwarded headers only from the proxies the clinic names (uvicorn's own reading of
    # them, and the app's, see web/proxy.py, follow the same list).
    uvicorn.run("backrelief.web.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", server_header=False, proxy_headers=bool(trusted),
                forwarded_allow_ips=trusted or None)


def _data_folder(given: Path) -> Path:
    """The folder given with --data-dir, made if it is missing; refused plainly when it is a
    file or cannot be made (uvicorn's workers would each fail with a traceback)."""
    folder = given.expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput([Problem("data_dir", f"--data-dir must be a folder, and {folder} is a file")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput([Problem("data_dir", f"--data-dir: cannot make the folder {folder} "
                                                f"({error.strerror or error})")]) from None
    return folder


def check_port_free(host: str, port: int) -> None:
    """Say plainly when another program already uses the port (uvicorn would print an OS error)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except socket.gaierror as error:
            raise InvalidInput([Problem(field="host", message=(
                f"cannot listen on '{host[:60]}': it is not an address of this computer ({error.strerror}); "
                "give one like 127.0.0.1 (this computer only) or 0.0.0.0 (every network)"))]) from None
        except OSError as error:
            raise InvalidInput([Problem(field="port", message=(
                f"cannot listen on {host}:{port} ({error.strerror}); is backrelief already running? "
                f"Open http://{host}:{port}/ or start on another port, e.g. --port {port + 1}"))]) from None


def prepare_database(settings: Settings) -> None:
    """Create or upgrade the diary's database before the app starts (once, not per worker),
    refused in plain words as every command refuses it (cli/common.py: a folder, a 0-byte
    file, a file that is not a diary, an unknown scheme, a server that does not answer)."""
    from backrelief.cli.common import open_database

    open_database(settings).dispose()
