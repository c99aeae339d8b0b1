"""The `backrelief` command. Thin: each command parses, calls the core and renders.

Each area registers its commands in its own module; `main` turns every error a person
can cause into one plain line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer
import typer.core
from typer._click.exceptions import ClickException  # typer 0.29 carries its own click
from typer.core import TyperArgument, TyperOption

from backrelief import REGULATORY_STATUS, __version__
from backrelief.cli.common import plain
from backrelief.errors import BackreliefError, InvalidInput, Problem

app = typer.Typer(
    name="backrelief",
    help="Back spasm: is this serious, what do I do now, what do I tell my doctor, how do I stop it coming back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from backrelief.knowledge import load_knowledge

        typer.echo(f"backrelief {__version__}, knowledge {load_knowledge().version}")
        typer.echo(REGULATORY_STATUS)
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """backrelief is not a diagnosis. In an emergency call 999, 112 or 911."""


# Each module adds its commands to `app` when imported. Only the module of the command being
# run is imported (start-up time: `assess` needs neither SQLAlchemy nor the web app); with no
# command, `--help` or a name not listed here, all of them are, so help and click's "no such
# command" message see every command.
MODULES = ("admin", "assess", "diary", "knowledge", "plan", "serve")
COMMAND_MODULE = {
    "admin": "admin", "assess": "assess", "evaluate": "assess", "diary": "diary", "export": "diary",
    "report": "diary", "knowledge": "knowledge", "plan": "plan", "serve": "serve",
}


def load_commands(command: str | None = None) -> None:
    """Register the commands: only `command`'s module when it is known, else every module."""
    import importlib

    wanted = [COMMAND_MODULE[command]] if command in COMMAND_MODULE else MODULES
    for name in wanted:
        importlib.import_module(f"backrelief.cli.{name}")


def _command_in(args: list[str]) -> str | None:
    """The subcommand named on the command line (the root takes only flags), if any."""
    for arg in args:
        if arg in ("--help", "-h"):
            return None
        if not arg.startswith("-"):
            return arg
    return None


# What the help shows after an option that takes a value, in words: typer's own labels
# are Python's type names (<str>, <int>, <path>), and a bare flag (--json, --help) shows
# <bool> though it takes no value at all. Typer has no setting for this, so its one label
# method is wrapped here, once, for every command (help text only; parsing is untouched).
_VALUE_WORDS = {"int": "NUMBER", "float": "NUMBER", "str": "TEXT", "path": "PATH", "file": "FILE",
                "directory": "FOLDER", "datetime": "DATE", "list[str]": "TEXT", "list[int]": "NUMBER",
                "list[path]": "PATH", "int range": "NUMBER"}
_typer_labels = {TyperOption: TyperOption.display_type_rich, TyperArgument: TyperArgument.display_type_rich}


def _label_in_words(param: TyperOption | TyperArgument, ctx: Any) -> str | None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    shown = _typer_labels[type(param) if type(param) in _typer_labels else TyperOption](param, ctx)  # type: ignore[arg-type]
    if shown is None or param.metavar is not None:
        return shown
    bare = shown.strip("<>").removesuffix("...")
    return _VALUE_WORDS.get(bare, bare)


TyperOption.display_type_rich = _label_in_words  # type: ignore[method-assign,assignment]
TyperArgument.display_type_rich = _label_in_words  # type: ignore[method-assign,assignment]


def main(started: Callable[[], None] | None = None) -> None:
    """Run the command on the command line; `started` is called once its imports are done
    (backrelief/command.py)."""
    from backrelief.cli.common import plain_text_wanted

    if plain_text_wanted():
        # The help and usage errors are typer's own rich output: no styles there either.
        from typer import rich_utils

        rich_utils.COLOR_SYSTEM = None
    try:
        _check_text(sys.argv[1:])
        load_commands(_command_in(sys.argv[1:]))
        if started is not None:
            started()
        # Not click's standalone mode, so that a usage error is ours to show: click's own
        # message quotes the value in full (a 5000-digit --pain, a million-character --note).
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)  # typer.Exit(code) from a command
    except ClickException as error:
        _show_usage_error(error)
    except typer.Abort:
        typer.echo("Aborted!", err=True)
        sys.exit(1)
    except BackreliefError as error:
        typer.echo(f"backrelief: {plain(str(error))}", err=True)
        sys.exit(2)
    except Exception as error:  # only bad input's errors are turned into words; others re-raised
        message = _input_problem(error)
        if message is None:
            raise
        typer.echo(f"backrelief: {plain(message)} Nothing was saved.", err=True)
        sys.exit(2)


def _check_text(args: list[str]) -> None:
    """Refuse an argument or a BACKRELIEF_ setting that is not UTF-8 text, before anything
    is read or written: Python hands such bytes over as lone surrogates, which no database,
    file or message can hold, so they would fail deep inside (a traceback) or be saved
    half-readable."""
    import os

    given = [(f"argument {n} ('{_shown(a)}')", a) for n, a in enumerate(args, start=1)]
    given += [(f"the setting {k}", v) for k, v in os.environ.items() if k.startswith("BACKRELIEF_")]
    for where, text in given:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput([Problem("text", f"{where} is not UTF-8 text: a byte in it is not a letter in UTF-8. "
                                                "Type it again, or rename the file so its name is UTF-8")]) from None


def _shown(arg: str) -> str:
    # The stray byte as \xff, as a person would look for it.
    return arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")[:60]


def _show_usage_error(error: ClickException) -> None:
    """Click's message for a usage error, with any value it quotes cut short, shown as typer
    shows it; exit status 2 (a usage error's)."""
    error.message = plain(error.message)
    if error.__class__.__name__ != "NoArgsIsHelpError":  # the help it stands for is shown already
        if typer.core.HAS_RICH and app.rich_markup_mode is not None:
            from typer import rich_utils

            rich_utils.rich_format_error(error)
        else:
            error.show()
    sys.exit(error.exit_code)


def _input_problem(error: BaseException) -> str | None:
    """The plain words for an error that bad input causes deep inside a library (a file that
    is a folder, JSON nested thousands deep, a 5000-digit number, a CSV field over the
    reader's limit, a date past the calendar's end), or None for a bug of ours."""
    if isinstance(error, RecursionError):
        return "the input is nested too deeply (lists or objects inside each other thousands of times)."
    if isinstance(error, OverflowError):
        return "a date or number is out of range (dates must be in the years 1900 to 2199)."
    # csv is imported only by the commands that read CSV; none other can raise its error.
    csv = sys.modules.get("csv")
    if csv is not None and isinstance(error, csv.Error):
        return f"the CSV file cannot be read ({error})."
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"cannot use{where}: {error.strerror or error}."
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        return "a number in the input has more than 4300 digits."
    return None
