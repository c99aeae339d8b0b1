"""`backrelief admin create-user`, through the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from backrelief.clinic.tables import UserRow
from backrelief.storage import make_engine
from tests.clinic.conftest import SECRET, clinic_settings


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backrelief", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120, check=False)


def test_an_admin_makes_a_clinician_with_a_password_from_stdin(clinic_url: str, tmp_path: Path) -> None:
    env = {"BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": clinic_url, "BACKRELIEF_SECRET_KEY": SECRET,
           "BACKRELIEF_DATA_DIR": str(tmp_path)}
    made = run(["admin", "create-user", "--role", "clinician", "--email", "Dr.Who@Example.org", "--name", "Dr Who",
                "--password-stdin"], env, "a long clinic password\n")
    assert made.returncode == 0, made.stderr
    assert made.stdout == "Made clinician account dr.who@example.org (id 1).\n"
    engine = make_engine(clinic_settings(clinic_url, tmp_path))
    with Session(engine) as session:
        row = session.scalars(select(UserRow)).one()
    engine.dispose()
    assert (row.email, row.role, row.name) == ("dr.who@example.org", "clinician", "Dr Who")
    assert row.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    again = run(["admin", "create-user", "--role", "clinician", "--email", "dr.who@example.org", "--password-stdin"],
                env, "another long password\n")
    assert (again.returncode, again.stderr) == (2, "backrelief: There is already an account with this email address.\n")


def test_a_patient_role_or_a_weak_password_is_refused_in_one_line(clinic_url: str, tmp_path: Path) -> None:
    env = {"BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": clinic_url, "BACKRELIEF_SECRET_KEY": SECRET}
    role = run(["admin", "create-user", "--role", "patient", "--email", "p@example.org", "--password-stdin"], env, "x\n")
    assert (role.returncode, role.stderr) == (2, "backrelief: --role must be clinician or admin, not 'patient'\n")
    weak = run(["admin", "create-user", "--role", "admin", "--email", "a@example.org", "--password-stdin"], env, "short\n")
    assert (weak.returncode, weak.stderr) == (2, "backrelief: The password must be at least 12 characters long.\n")


def test_clinic_commands_refuse_to_run_without_a_secret_and_postgresql(tmp_path: Path) -> None:
    env = {"BACKRELIEF_MODE": "clinic", "BACKRELIEF_DATABASE_URL": "", "BACKRELIEF_SECRET_KEY": "",
           "BACKRELIEF_DATA_DIR": str(tmp_path)}
    refused = run(["admin", "migrate"], env)
    assert refused.returncode == 2
    assert refused.stderr.startswith("backrelief: Clinic mode needs BACKRELIEF_SECRET_KEY set to a random text")
    assert "Clinic mode needs BACKRELIEF_DATABASE_URL pointing at PostgreSQL" in refused.stderr
    assert refused.stderr.count("\n") == 1
