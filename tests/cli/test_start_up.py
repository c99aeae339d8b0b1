"""The command line imports only what the command being run needs: `assess` starts without
the database layer, the web app or the reader, and every command is found by its name."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

from backrelief.cli import COMMAND_MODULE, app, load_commands

PROBE = """
import sys
sys.argv = ["backrelief", *sys.argv[1:]]
from backrelief.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("sqlalchemy", "alembic", "spacy", "weasyprint", "fastapi", "pydantic_settings")
               if m in sys.modules)
print("HEAVY", ",".join(heavy), file=sys.stderr)
"""


def _heavy(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    line = next(x for x in out.stderr.splitlines() if x.startswith("HEAVY"))
    return set(filter(None, line.removeprefix("HEAVY").strip().split(",")))


def test_assess_with_json_output_imports_no_database_web_or_reader_library(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"age": 41, "findings": [], "history": []}))
    assert _heavy("assess", "--input", str(one), "--json") == set()


def test_each_command_is_registered_by_the_module_the_start_up_table_names() -> None:
    load_commands()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert command.callback is not None
        assert command.callback.__module__ == f"backrelief.cli.{COMMAND_MODULE[name]}", name
    for group in app.registered_groups:
        module = importlib.import_module(f"backrelief.cli.{COMMAND_MODULE[str(group.name)]}")
        assert any(value is group.typer_instance for value in vars(module).values()), group.name


def test_the_help_still_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "backrelief", "--help"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    for name in COMMAND_MODULE:
        assert name in out.stdout


ENTRY_PROBE = """
import gc, sys
sys.argv = ["backrelief", *sys.argv[1:]]
from backrelief.command import main
try:
    main()
except SystemExit:
    pass
print("AFTER", gc.isenabled(), "importlib.metadata" in sys.modules, file=sys.stderr)
"""


def test_the_command_answers_as_before_without_pydantics_plugin_lookup_and_collects_garbage_once_started(
        tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"age": 41, "findings": [], "history": []}))
    through_entry = subprocess.run([sys.executable, "-c", ENTRY_PROBE, "assess", "--input", str(one), "--json"],
                                   capture_output=True, text=True, timeout=120)
    assert "AFTER True False" in through_entry.stderr
    plain = subprocess.run([sys.executable, "-c", PROBE, "assess", "--input", str(one), "--json"],
                           capture_output=True, text=True, timeout=120)
    assert json.loads(through_entry.stdout) == json.loads(plain.stdout)
    assert json.loads(through_entry.stdout)["disposition"]


def test_importing_the_command_line_leaves_the_garbage_collector_and_pydantic_alone() -> None:
    probe = ("import gc, sys; import backrelief.cli, backrelief.command; "
             "print(gc.isenabled(), 'pydantic.plugin._loader' in sys.modules and "
             "not hasattr(sys.modules['pydantic.plugin._loader'], '__file__'))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["True", "False"]
