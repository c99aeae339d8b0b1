"""The command's own words: help that names what each option takes in plain words (never
<bool> or a Python type name), `serve` saying where the data is kept and taking where to
keep it, NO_COLOR giving plain text with no style at all, and one answer form for every
terminal prompt."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from backrelief.cli import app, load_commands
from tests.cli.conftest import Run


def _commands() -> list[list[str]]:
    load_commands()
    found: list[list[str]] = [[]]

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "backrelief" for c in COMMANDS])
def test_no_help_text_shows_a_python_type_or_a_value_for_a_flag(backrelief: Run, command: list[str]) -> None:
    done = backrelief(*command, "--help", columns=200)
    assert done.returncode == 0, done.stderr
    for label in ("<bool>", "<str>", "<int>", "<path>", "<float>", "list[str]"):
        assert label not in done.stdout, (command, label)


def test_serve_help_names_where_the_data_is_kept_and_how_to_choose_it(backrelief: Run) -> None:
    done = backrelief("serve", "--help", columns=200)
    assert "--db" in done.stdout and "--data-dir" in done.stdout
    assert "BACKRELIEF_DATABASE_URL" in done.stdout and "BACKRELIEF_DATA_DIR" in done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_with_a_database_it_cannot_open_is_refused_before_it_starts(backrelief: Run, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    done = backrelief("serve", "--port", str(_free_port()), "--db", str(tmp_path / "a-file" / "diary.sqlite"))
    assert done.returncode == 2
    assert done.stderr.startswith("backrelief: ")
    assert "Traceback" not in done.stderr


def test_serve_keeps_the_data_in_the_folder_given_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "my-backrelief"
    env = {**os.environ, "BACKRELIEF_DATABASE_URL": "", "BACKRELIEF_DATA_DIR": str(tmp_path / "elsewhere")}
    with subprocess.Popen([sys.executable, "-m", "backrelief", "serve", "--port", str(_free_port()),
                           "--data-dir", str(folder)], stdout=subprocess.PIPE, text=True, env=env) as server:
        try:
            assert server.stdout is not None
            lines = [server.stdout.readline() for _ in range(3)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert f"Your data is kept in {folder / 'backrelief.sqlite'}\n" in lines
    assert (folder / "backrelief.sqlite").exists()


EMERGENCY = ('{"age": 40, "sex": "male", "region": "lower", "radiation": "none", "trigger": "lifting", '
             '"onset": "sudden", "duration_days": 2, "severity": 4, "findings": ["saddle_numbness"]}')


@pytest.mark.parametrize("command", [["assess", "--input", "-"], ["serve", "--help"], ["plan", "--input", "-"]])
def test_no_color_gives_plain_text_with_no_style_at_all(backrelief: Run, command: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "BACKRELIEF_DATA_DIR": str(tmp_path)}
    styled = subprocess.run([sys.executable, "-m", "backrelief", *command], input=EMERGENCY, capture_output=True,
                            text=True, env=env, timeout=120, check=False)
    assert "\x1b[" in styled.stdout  # the control: a terminal that wants styles gets them
    plain = subprocess.run([sys.executable, "-m", "backrelief", *command], input=EMERGENCY, capture_output=True,
                           text=True, env={**env, "NO_COLOR": "1"}, timeout=120, check=False)
    assert plain.returncode == styled.returncode
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.strip()


# Sex on its own line, then the emergency groups straight after it (6b3dc58), then the pain.
SPASM = ["40", "2", "none", "1, 1", "3, 1", "2", "4, 4", "4, 0", "none", "none", "none", "20 uk", "", "none"]


def test_every_prompt_ends_with_what_to_type_in_brackets_not_sure_included(backrelief: Run) -> None:
    done = backrelief("assess", "--today", "2026-11-26", input="\n".join(SPASM) + "\n")
    assert done.returncode == 0, done.stderr
    prompts = done.stdout.split("> ")[:-1]
    assert len(prompts) == len(SPASM)
    for prompt in prompts:
        found = re.search(r"\n\s*\[([^\[\]]*)\]\s*$", prompt)
        assert found is not None, prompt[-200:]
        assert "not sure" in found.group(1), found.group(1)
