"""Every command, every option: a bad value is refused plainly (exit 2, a short message,
never a traceback) and the diary, or the clinic's accounts, already saved are unchanged.

The commands and their options are read from the real command tree, not listed here, so a
new command or option is in the corpus the day it is added: a command with no valid
invocation below fails `test_every_command_has_a_valid_invocation`, and an option gets the
bad values of its kind (from its type and name: a file to read, a file to write, a
number, a date, a time zone, a database, a word from a list, free text). Each case is a
valid invocation (checked to succeed) with one value made bad, so the bad value is what is
refused. The diary is also given by BACKRELIEF_DATABASE_URL to every command, and the
clinic's commands run in clinic mode on a real PostgreSQL.

`serve` runs as a real process (it would block if it accepted a value); every other command
runs in this process through `backrelief.cli.main`, the real entry point. See also
tests/cli/test_bad_input_corpus.py (file contents such as bad CSV and import files).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import typer

from backrelief.cli import app, load_commands, main
from tests.fixtures_postgres import PostgresCluster

SECRET = "corpus-secret-" + "k" * 40
PASSWORD = "a long enough password here"
ROOT = Path(__file__).resolve().parents[2]
BAD_BYTE = "\udcff"  # how Python hands over an argument that is not UTF-8 (a stray byte)


def command_tree() -> dict[tuple[str, ...], list[Any]]:
    """Each command's words and the parameters it takes (its groups' too, e.g. `diary --db`)."""
    load_commands()
    found: dict[tuple[str, ...], list[Any]] = {}

    def walk(command: Any, words: tuple[str, ...], inherited: list[Any]) -> None:
        own = [p for p in command.params if p.name not in ("help", "version")]
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, (*words, name), [*inherited, *[(words, p) for p in own]])
        else:
            found[words] = [*inherited, *[(words, p) for p in own]]

    walk(typer.main.get_command(app), (), [])
    return found


# -- the valid invocation of each command: {placeholders} are filled per case -----------------

@dataclass(frozen=True)
class Base:
    args: tuple[str, ...]
    clinic: bool = False  # runs in clinic mode on PostgreSQL
    stdin: str = ""
    setting: bool = False  # opens the database of the setting BACKRELIEF_DATABASE_URL (no --db)

    @property
    def uses_database(self) -> bool:
        return self.clinic or self.setting or "{db}" in self.args


EMERGENCY = "My lower back hurts and since this morning I cannot feel anything between my legs and I cannot pee."
# Each command's valid invocations: an option's bad values go into the first that names the
# option (else the first), so each way a command runs is tried (assess: a file, a batch of
# words, or words kept in the diary; plan: a file, or the last check kept).
BASES: dict[tuple[str, ...], list[Base]] = {
    ("assess",): [Base(("assess", "--input", "{good}", "--today", "2026-11-26")),
                  Base(("assess", "--text-file", "{narratives}", "--today", "2026-11-26")),
                  Base(("assess", "--text", EMERGENCY, "--today", "2026-11-26", "--db", "{db}"))],
    ("evaluate",): [Base(("evaluate", "{vignettes}", "--today", "2026-11-26"))],
    ("export",): [Base(("export", "--out", "{out}.json", "--format", "json", "--db", "{db}"))],
    ("report",): [Base(("report", "--out", "{out}.html", "--format", "html", "--today", "2026-11-26",
                        "--db", "{db}"))],
    ("knowledge",): [Base(("knowledge",))],
    ("plan",): [Base(("plan", "--input", "{good}", "--today", "2026-11-26", "--out", "{out}.txt",
                      "--tz", "Europe/London")),
                Base(("plan", "--db", "{db}", "--today", "2026-11-26", "--out", "{out}.txt"))],
    ("serve",): [Base(("serve", "--port", "{port}"), setting=True)],
    ("admin", "migrate"): [Base(("admin", "migrate"), clinic=True)],
    ("admin", "create-user"): [Base(("admin", "create-user", "--email", "{email}", "--role", "clinician",
                                     "--name", "Dr New", "--password-stdin"), clinic=True, stdin=PASSWORD + "\n")],
    ("admin", "reset-mfa"): [Base(("admin", "reset-mfa", "--email", "dr@example.org"), clinic=True)],
    ("diary", "add"): [Base(("diary", "--db", "{db}", "add", "--pain", "4", "--at", "2026-11-25 10:00"))],
    ("diary", "start"): [Base(("diary", "--db", "{db}", "start", "--on", "2026-11-20"))],
    ("diary", "how-it-started"): [Base(("diary", "--db", "{db}", "how-it-started", "--on", "2026-11-20",
                                         "--onset", "sudden", "--trigger", "lifting", "--how", "a box"))],
    ("diary", "list"): [Base(("diary", "--db", "{db}", "list", "--last", "5"))],
    ("diary", "edit"): [Base(("diary", "--db", "{db}", "edit", "1", "--pain", "3"))],
    ("diary", "delete"): [Base(("diary", "--db", "{db}", "delete", "1", "--yes"))],
    ("diary", "import"): [Base(("diary", "--db", "{db}", "import", "{export}", "--format", "json"))],
    ("diary", "export"): [Base(("diary", "--db", "{db}", "export", "--format", "csv", "--out", "{out}.csv"))],
    ("diary", "check"): [Base(("diary", "--db", "{db}", "check", "--input", "{good}", "--today", "2026-11-26"))],
}


def base_for(case: Case) -> Base:
    bases = BASES[case.command]
    if case.option == "environment":
        return next(b for b in bases if b.uses_database)
    return next((b for b in bases if case.option in b.args), bases[0])


# -- the bad values of each kind of option -----------------------------------------------------

HUGE_TEXT = "x" * 1_000_000


def _unreadable() -> str | None:
    """A file that is there and cannot be read, even by root (who reads a file of mode 000):
    on Linux /proc/self/mem, whose first page is never mapped (an I/O error). None elsewhere."""
    try:
        with open("/proc/self/mem", "rb") as file:
            file.read(1)
    except OSError:
        return "/proc/self/mem"
    return None


UNREADABLE = _unreadable()


def kind_of(param: Any) -> str:
    """What an option holds, from its type and name."""
    annotation = param.type_descriptor.annotation
    name = param.name
    if getattr(param, "is_flag", False) or annotation is bool:
        return "flag"
    if name == "db":
        return "database"
    if name.endswith("_dir"):
        return "folder"  # a folder to keep data in (made when missing)
    if annotation is Path:
        return "file to write" if name == "out" else "file to read"
    if annotation is int:
        return "number"
    if name in ("today", "start", "end", "on", "at"):
        return "date"
    if name == "tz":
        return "time zone"
    if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
        return "word from a list"  # an Enum of words
    if name in ("fmt", "mode", "role", "region", "leg", "sleep", "impact", "onset", "trigger"):
        return "word from a list"
    if name == "email":
        return "email"
    if name == "host":
        return "host"
    return "free text"


BAD_VALUES: dict[str, dict[str, str]] = {
    "file to read": {"binary": "{f_binary}", "folder": "{f_folder}", "missing": "{f_missing}", "empty": "{f_empty}",
                     "in a missing folder": "{f_missing}/deeper/in.json", "under a file": "{f_binary}/in.json",
                     **({"unreadable": UNREADABLE} if UNREADABLE else {}),
                     "nested 100000 deep": "{f_deep}", "objects nested 5000 deep": "{f_deep_object}",
                     "5000-digit number": "{f_long_number}",
                     "20 MB value": "{f_huge_value}", "not UTF-8 name": "{f_folder}/" + BAD_BYTE + ".json"},
    "folder": {"a file": "{f_binary}", "under a file": "{f_binary}/data", "not UTF-8": "{f_folder}/" + BAD_BYTE},
    "file to write": {"folder": "{f_folder}", "under a file": "{f_binary}/out.txt",
                      "in a missing folder": "{f_missing}/deeper/out.txt"},
    "number": {"1e20": "1e20", "5000 digits": "9" * 5000, "2^63": str(2**63), "negative": "-1", "empty": ""},
    "date": {"9999-12-31": "9999-12-31 23:59", "0001-01-01": "0001-01-01", "30 February": "2026-02-30",
             "10000 characters": "2" * 10_000, "not UTF-8": "2026-11-2" + BAD_BYTE, "empty": ""},
    "time zone": {"unknown": "Mars/Olympus", "a path": "../../../../etc/passwd", "10000 characters": "x" * 10_000,
                  "not UTF-8": "Europe/Lond" + BAD_BYTE, "empty": ""},
    "database": {"folder": "{f_folder}", "empty file": "{f_empty}", "not a database": "{f_binary}",
                 "in a missing folder": "{f_missing}/deeper/diary.sqlite", "under a file": "{f_binary}/diary.sqlite",
                 **({"unreadable": UNREADABLE} if UNREADABLE else {}),
                 "unknown scheme": "mongodb://localhost/diary", "unreachable": "postgresql+psycopg://nobody@127.0.0.1:1/x",
                 "bad address": "postgresql://[::1", "not UTF-8": "{f_folder}/" + BAD_BYTE + ".sqlite"},
    "word from a list": {"unknown": "no-such-word", "10000 characters": "x" * 10_000, "not UTF-8": "csv" + BAD_BYTE},
    "email": {"not an address": "not-an-address", "10000 characters": "a" * 10_000 + "@example.org",
              "not UTF-8": "dr" + BAD_BYTE + "@example.org"},
    "host": {"10000 characters": "x" * 10_000, "not an address": "no-such-host.invalid", "not UTF-8": "127.0.0." + BAD_BYTE},
    "free text": {"a million characters": HUGE_TEXT, "not UTF-8": "my back " + BAD_BYTE},
}

# What the refusal must say for a path that is wrong: its own cause, never another's (a
# folder is "a folder", not "cannot tell the format"; a typo in a folder is "does not exist").
CAUSE: dict[tuple[str, str], str] = {
    ("file to read", "folder"): "is a folder", ("file to read", "missing"): "no such file",
    ("file to read", "in a missing folder"): "folder .* does not exist",
    ("file to read", "under a file"): "is a file, not a folder", ("file to read", "unreadable"): "cannot read",
    ("file to write", "folder"): "is a folder", ("file to write", "under a file"): "is a file, not a folder",
    ("file to write", "in a missing folder"): "folder .* does not exist",
    ("database", "folder"): "is a folder", ("database", "empty file"): "an empty file",
    ("database", "in a missing folder"): "folder .* does not exist",
    ("database", "under a file"): "is a file, not a folder", ("database", "unreadable"): "cannot read",
}

# Values of a kind that an option takes as valid, each argued.
ACCEPTED: dict[tuple[str, str], str] = {
    # One period parser for every way in (diary/parsing.py): an empty day is an open end, as
    # a blank field of the web's form is.
    ("--from", "empty"): "an open start",
    ("--to", "empty"): "an open end",
    # The same for a moment: empty is now (add) or unchanged (edit), as a blank form field.
    ("--at", "empty"): "now, or unchanged",
    # Empty is this computer's time zone, as when --tz is not given.
    ("--tz", "empty"): "this computer's zone",
}


@dataclass
class Case:
    command: tuple[str, ...]
    where: tuple[str, ...]  # the words the option follows (its group's, or the command's)
    option: str  # the option's first name, or the argument's name, or "environment"
    kind: str
    label: str
    value: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{' '.join(self.command)} {self.option} {self.label}"


def cases() -> list[Case]:
    found: list[Case] = []
    for command, params in sorted(command_tree().items()):
        for where, param in params:
            kind = kind_of(param)
            if kind == "flag":
                continue
            option = param.opts[0] if param.param_type_name == "option" else param.name
            for label, value in BAD_VALUES[kind].items():
                if (option, label) in ACCEPTED:
                    continue
                found.append(Case(command, where, option, kind, label, value))
        # The database the command would use, when none is named on the command line.
        if any(b.uses_database for b in BASES.get(command, [])):
            for label, value in BAD_VALUES["database"].items():
                found.append(Case(command, (), "environment", "database", label, value))
        found.append(Case(command, command, "--no-such-option", "option", "unknown option", "1"))
    return found


CASES = cases()


# -- running a command --------------------------------------------------------------------------

@dataclass
class Ran:
    code: int
    err: str
    out: str = ""


def run(args: list[str], env: dict[str, str], stdin: str = "") -> Ran:
    """`backrelief ARGS` in this process, with these environment variables."""
    err, out = io.StringIO(), io.StringIO()
    old_argv, old_stdin = sys.argv, sys.stdin
    sys.argv = ["backrelief", *args]
    sys.stdin = io.StringIO(stdin)
    code = 0
    with pytest.MonkeyPatch.context() as patch:
        for name in ("BACKRELIEF_DATABASE_URL", "BACKRELIEF_MODE", "BACKRELIEF_SECRET_KEY"):
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException as error:  # a traceback: reported by the assertion, with its text
            import traceback

            code, err = -1, io.StringIO("Traceback\n" + "".join(traceback.format_exception(error)))
        finally:
            sys.argv, sys.stdin = old_argv, old_stdin
    return Ran(code, err.getvalue(), out.getvalue())


def assert_plain_refusal(ran: Ran, case: str) -> None:
    assert ran.code == 2, (case, ran.code, ran.err[-3000:])
    assert "Traceback" not in ran.err, (case, ran.err[-3000:])
    # Ours ("backrelief: ..."; a batch's "line N: ..."), or click's usage message.
    assert re.search(r"^(backrelief: |line \d+: |Usage: | Usage: )", ran.err, re.MULTILINE), (case, ran.err[:300])
    # A few lines, never a huge value echoed back in full.
    assert len(ran.err) < 2000, (case, len(ran.err), ran.err[:300])


# -- the world each case runs in ---------------------------------------------------------------

@dataclass
class World:
    folder: Path
    template: Path  # a diary with entries and an episode, copied for each case
    files: dict[str, str]
    clinic_url: str
    clinic_admin: PostgresCluster
    clinic_db: str

    def fill(self, value: str, out: Path, db: Path) -> str:
        return value.format(out=out, db=db, email=f"dr{uuid.uuid4().hex[:8]}@example.org", port="{port}",
                            **self.files)

    def diary_digest(self, db: Path) -> str:
        with contextlib.closing(sqlite3.connect(db)) as connection:
            rows = [connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                    for t in ("diary_entries", "episodes", "assessments")]
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    def clinic_digest(self) -> str:
        with psycopg.connect(self.clinic_url.replace("postgresql+psycopg", "postgresql")) as connection:
            rows = connection.execute("SELECT id, email, name, role, password_hash, totp_secret FROM users ORDER BY id"
                                      ).fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest()


def _files(folder: Path) -> dict[str, str]:
    contents = {
        "binary": bytes(range(256)) * 64,
        "empty": b"",
        "deep": ("[" * 100_000 + "]" * 100_000).encode(),
        "deep_object": ('{"age":' * 5000 + "1" + "}" * 5000).encode(),
        "long_number": ('{"age": ' + "9" * 5000 + "}").encode(),
        "huge_value": ('{"age": "' + "x" * (20 * 1024 * 1024) + '"}').encode(),
    }
    files: dict[str, str] = {}
    for name, content in contents.items():
        path = folder / f"{name}.dat"
        path.write_bytes(content)
        files["f_" + name] = str(path)
    (folder / "a folder").mkdir()
    files["f_folder"] = str(folder / "a folder")
    files["f_missing"] = str(folder / "no such file")
    good = folder / "good.json"
    good.write_text(json.dumps({"age": 40, "region": "lower", "severity": 5, "duration_days": 3}), encoding="utf-8")
    files["good"] = str(good)
    vignettes = folder / "vignettes.jsonl"
    vignettes.write_text((ROOT / "data" / "vignettes" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
                         encoding="utf-8")
    files["vignettes"] = str(vignettes)
    narratives = folder / "narratives.txt"
    narratives.write_text("My lower back went when I lifted a box two days ago.\n", encoding="utf-8")
    files["narratives"] = str(narratives)
    return files


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, postgres_cluster: PostgresCluster) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("every-command")
    files = _files(folder)
    template = folder / "template.sqlite"
    env = {"BACKRELIEF_DATA_DIR": str(folder / "data")}
    for args in (["diary", "--db", str(template), "add", "--pain", "4", "--at", "2026-11-24 09:00"],
                 ["diary", "--db", str(template), "add", "--pain", "6", "--at", "2026-11-25 09:00", "--note", "hi"],
                 ["diary", "--db", str(template), "start", "--on", "2026-11-20"],
                 ["assess", "--text", EMERGENCY, "--today", "2026-11-26", "--db", str(template)],
                 ["diary", "--db", str(template), "export", "--format", "json", "--out", str(folder / "export.json")]):
        assert run(args, env).code == 0, args
    files["export"] = str(folder / "export.json")
    with contextlib.closing(sqlite3.connect(template)) as connection:
        # Into the file itself, so that a copy of the file is the whole diary.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    name = f"corpus_{uuid.uuid4().hex[:10]}"
    with postgres_cluster.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = postgres_cluster.url(name)
    clinic = {**env, "BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": url, "BACKRELIEF_SECRET_KEY": SECRET}
    assert run(["admin", "migrate"], clinic).code == 0
    made = run(["admin", "create-user", "--email", "dr@example.org", "--role", "clinician", "--password-stdin"],
               clinic, stdin=PASSWORD + "\n")
    assert made.code == 0, made.err
    yield World(folder, template, files, url, postgres_cluster, name)
    with postgres_cluster.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def invocation(world: World, case: Case | None, base: Base, tmp: Path) -> tuple[list[str], dict[str, str], Path]:
    """The command line and environment for `case` (None: the valid invocation itself)."""
    db = tmp / "diary.sqlite"
    shutil.copyfile(world.template, db)
    out = tmp / "written"
    env = {"BACKRELIEF_DATA_DIR": str(tmp / "data"), "BACKRELIEF_DATABASE_URL": str(db)}
    if base.clinic:
        env.update(BACKRELIEF_MODE="clinic", BACKRELIEF_DATABASE_URL=world.clinic_url, BACKRELIEF_SECRET_KEY=SECRET)
    args = [world.fill(a, out, db) for a in base.args]
    if case is None:
        return args, env, db
    value = world.fill(case.value, out, db)
    if case.option == "environment":
        env["BACKRELIEF_DATABASE_URL"] = value
        # The command line's own --db would win over the setting: take it out.
        while "--db" in args:
            at = args.index("--db")
            del args[at:at + 2]
        return args, env, db
    # Where the words the option belongs to end ("diary --db X add": after "add").
    at = 0
    for word in case.where:
        at = args.index(word, at) + 1
    if case.option.startswith("-"):
        # The option goes right after its words; a valid value given for it goes.
        if case.option in args[at:]:
            old = args.index(case.option, at)
            del args[old:old + 2]
        args[at:at] = [case.option, value]
        return args, env, db
    # An argument: the first word after the command's words that is not an option's.
    while args[at].startswith("-"):
        at += 2
    args[at] = value
    return args, env, db


def test_every_command_has_a_valid_invocation() -> None:
    assert sorted(command_tree()) == sorted(BASES)


VALID = [b for c, bases in sorted(BASES.items()) if c != ("serve",) for b in bases]


@pytest.mark.parametrize("base", VALID, ids=lambda b: " ".join(a[:20] for a in b.args[:4]))
def test_each_valid_invocation_succeeds(world: World, tmp_path: Path, base: Base) -> None:
    args, env, _ = invocation(world, None, base, tmp_path)
    ran = run(args, env, base.stdin)
    assert ran.code == 0, (args, ran.err[-2000:])


@pytest.mark.parametrize("case", [c for c in CASES if c.command != ("serve",)], ids=lambda c: c.id)
def test_a_bad_value_is_refused_plainly_and_nothing_saved_changes(world: World, tmp_path: Path, case: Case) -> None:
    base = base_for(case)
    args, env, db = invocation(world, case, base, tmp_path)
    before = world.clinic_digest() if base.clinic else world.diary_digest(db)
    ran = run(args, env, base.stdin)
    assert_plain_refusal(ran, case.id)
    assert (world.clinic_digest() if base.clinic else world.diary_digest(db)) == before, case.id
    assert_cause_said(ran, case, base)
    # Nothing is made where a path was mistyped (a missing folder, a diary in it).
    assert not Path(world.files["f_missing"]).exists(), case.id


def assert_cause_said(ran: Ran, case: Case, base: Base) -> None:
    """A path that is wrong is refused by its own cause (CAUSE). The clinic's commands are
    refused first for a diary file as their database (clinic mode needs PostgreSQL)."""
    cause = CAUSE.get((case.kind, case.label))
    if cause is not None and not base.clinic:
        assert re.search(cause, ran.err), (case.id, cause, ran.err[:500])


def test_a_diary_that_cannot_be_used_is_said_before_the_first_question(world: World, tmp_path: Path) -> None:
    ran = run(["assess", "--text", "my lower back went when I lifted a box", "--db", world.files["f_folder"]],
              {"BACKRELIEF_DATA_DIR": str(tmp_path)}, stdin="40\n" * 30)
    assert_plain_refusal(ran, "assess --db folder")
    assert "?" not in ran.out  # not one question was asked


@pytest.mark.parametrize("args", [["assess", "--input", "{good}", "--db", "{db}"],
                                  ["assess", "--text-file", "{narratives}", "--db", "{db}"],
                                  ["plan", "--input", "{good}", "--db", "{db}"]], ids=" ".join)
def test_a_diary_named_where_nothing_would_be_kept_or_read_is_refused(world: World, tmp_path: Path,
                                                                     args: list[str]) -> None:
    _, env, db = invocation(world, None, BASES[("diary", "list")][0], tmp_path)
    before = world.diary_digest(db)
    ran = run([world.fill(a, tmp_path / "out", db) for a in args], env)
    assert_plain_refusal(ran, " ".join(args))
    assert "--db" in ran.err
    assert world.diary_digest(db) == before


# -- serve, as a real process -------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(world: World, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Each serve case's answer, the processes run side by side (each takes a second to start).
    A process still running after 60 s took the bad value: it is stopped and counted as such."""
    serve_cases = [c for c in CASES if c.command == ("serve",)]

    def one(case: Case) -> Ran:
        tmp = tmp_path_factory.mktemp("serve")
        args, env, _ = invocation(world, case, base_for(case), tmp)
        # As a shell passes them: bytes (a value that is not UTF-8 goes as its stray byte).
        argv = [a.replace("{port}", str(_free_port())).encode("utf-8", "surrogateescape") for a in args]
        environ = {k.encode(): v.encode("utf-8", "surrogateescape") for k, v in {**os.environ, **env}.items()}
        process = subprocess.Popen([sys.executable.encode(), b"-m", b"backrelief", *argv], env=environ,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return Ran(-1, "still running: the value was taken")
        return Ran(process.returncode, err)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip([c.id for c in serve_cases], pool.map(one, serve_cases), strict=True))


@pytest.mark.parametrize("case", [c for c in CASES if c.command == ("serve",)], ids=lambda c: c.id)
def test_serve_refuses_a_bad_value_before_it_starts(world: World, served: dict[str, Ran], case: Case) -> None:
    assert_plain_refusal(served[case.id], case.id)
    assert_cause_said(served[case.id], case, base_for(case))
    assert not Path(world.files["f_missing"]).exists(), case.id
