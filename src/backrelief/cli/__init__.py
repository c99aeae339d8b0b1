"""The `backrelief` command. Thin: each command parses, calls the core and renders.

Each area registers its commands in its own module; `main` turns every error a person
can cause into one plain line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys

import typer

from backrelief import REGULATORY_STATUS, __version__
from backrelief.errors import BackreliefError

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


# Each module adds its commands to `app` when imported.
from backrelief.cli import admin as _admin  # noqa: E402,F401
from backrelief.cli import assess as _assess  # noqa: E402,F401
from backrelief.cli import diary as _diary  # noqa: E402,F401
from backrelief.cli import knowledge as _knowledge  # noqa: E402,F401
from backrelief.cli import plan as _plan  # noqa: E402,F401
from backrelief.cli import serve as _serve  # noqa: E402,F401


def main() -> None:
    try:
        # Standalone mode: usage errors print click's message and exit 2.
        app()
    except BackreliefError as error:
        typer.echo(f"backrelief: {error}", err=True)
        sys.exit(2)
