"""`backrelief admin ...`: clinic administration (create accounts, migrate the database)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from backrelief.cli import app
from backrelief.errors import InvalidInput, Problem

if TYPE_CHECKING:  # imported when a command runs: `backrelief assess` should start fast
    from sqlalchemy import Engine

admin = typer.Typer(help="Clinic administration (clinic mode, PostgreSQL).", no_args_is_help=True)
app.add_typer(admin, name="admin")


def _clinic_engine() -> tuple[Engine, str]:
    from backrelief.cli.common import open_database
    from backrelief.clinic.service import check_clinic_settings
    from backrelief.settings import Settings

    settings = Settings()
    check_clinic_settings(settings)
    assert settings.secret_key is not None
    # Opened as every command opens it: a server that does not answer is a plain message.
    return open_database(settings), settings.secret_key


@admin.command("migrate")
def migrate_command() -> None:
    """Create or upgrade the clinic's database tables."""
    engine, _ = _clinic_engine()
    engine.dispose()
    typer.echo("The database is up to date.")


@admin.command("create-user")
def create_user(
    email: str = typer.Option(..., "--email", help="The person's email address (their login)."),
    role: str = typer.Option(..., "--role", help="clinician or admin (patients sign up themselves)."),
    name: str = typer.Option("", "--name", help="The name shown to patients."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Make a clinician or admin account. Asks for the password unless --password-stdin."""
    from backrelief.clinic.service import make_clinic

    if role not in ("clinician", "admin"):
        raise InvalidInput([Problem("role", f"--role must be clinician or admin, not '{role}'")])
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine, secret = _clinic_engine()
    try:
        user = make_clinic(engine, secret).accounts.create(email, password, role, name)
    finally:
        engine.dispose()
    typer.echo(f"Made {user.role} account {user.email} (id {user.id}).")


@admin.command("reset-mfa")
def reset_mfa(email: str = typer.Option(..., "--email", help="The account whose second factor goes.")) -> None:
    """Remove an account's second factor (a lost phone, no recovery code left). Every session
    of the account ends; at the next login a clinician sets it up again."""
    from backrelief.clinic.accounts import normalise_email
    from backrelief.clinic.service import make_clinic

    address = normalise_email(email)
    engine, secret = _clinic_engine()
    try:
        clinic = make_clinic(engine, secret)
        user = clinic.accounts.by_email(address)
        if user is None:
            raise InvalidInput([Problem("email", f"There is no account with the address {address}.")])
        clinic.second_factor.reset(user.id)
    finally:
        engine.dispose()
    typer.echo(f"The second factor of {address} is removed; it is set up again at the next login.")
