"""Where backrelief keeps its data and how it runs, read from the environment.

Every setting can be given as an environment variable with the prefix `BACKRELIEF_`
(for example `BACKRELIEF_DATABASE_URL=postgresql+psycopg://user@host/db`). Build one
`Settings()` at the edge (the CLI, the web app) and pass it in; nothing imports a
global instance, so tests and a clinic server can run with their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The user's own data folder, e.g. ~/.local/share/backrelief on Linux."""
    return Path(user_data_dir("backrelief", appauthor=False))


class Settings(BaseSettings):
    """backrelief's settings. Defaults suit one person at home."""

    model_config = SettingsConfigDict(env_prefix="BACKRELIEF_", extra="ignore", frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir, description="Folder for the diary and reports.")
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL or a SQLite file path. Empty means a SQLite file 'backrelief.sqlite' in data_dir. "
        "PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname",
    )
    mode: Literal["home", "clinic"] = Field(default="home", description="home: one person; clinic: accounts.")
    secret_key: str | None = Field(default=None, description="Signs web sessions. Needed in clinic mode only.")
    trusted_proxies: str = Field(
        default="",
        description="Addresses or networks of the reverse proxies in front of the app (comma-separated, e.g. "
        "127.0.0.1 or 10.0.0.0/8). X-Forwarded-For and X-Forwarded-Proto are read only from these.",
    )
    https_only: bool = Field(
        default=False,
        description="The site is reached only over HTTPS: cookies are always Secure and HSTS is always sent.",
    )
    clinician_mfa: bool = Field(
        default=True,
        description="Clinic mode: clinicians must log in with a second factor (a code from an authenticator app). "
        "A clinician without one is sent to set it up, and reaches no patient data until then.",
    )
    # PostgreSQL only (see docs/clinic.md, "Scaling"): connections each app process keeps
    # open, and how many more it may open at a peak (closed again afterwards).
    db_pool_size: int = Field(default=10, ge=1, le=200, description="PostgreSQL connections kept per process.")
    db_max_overflow: int = Field(default=5, ge=0, le=200, description="Extra PostgreSQL connections at a peak.")
    db_prepared_statements: bool = Field(
        default=True, description="Let psycopg prepare repeated statements on the server. Set false behind "
        "PgBouncer in transaction mode (before 1.21), where a prepared statement may reach another backend.")

    @model_validator(mode="after")
    def _fill_database_url(self) -> Settings:
        if not self.database_url:
            # frozen model: set through object.__setattr__ once, while validating.
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'backrelief.sqlite'}")
        elif "://" not in self.database_url:
            # A plain file path, as `--db` takes: the same diary whichever way it is named.
            path = Path(self.database_url).expanduser().resolve()
            object.__setattr__(self, "database_url", f"sqlite:///{path}")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
