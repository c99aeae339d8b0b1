"""`backrelief knowledge --hazards` prints the hazard log for review, and the version line
states the regulatory status (HAZ-026, HAZ-034)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from backrelief import REGULATORY_STATUS
from backrelief.knowledge import load_knowledge


def _backrelief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from backrelief.cli import main; main()", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "160"}, check=False,
    )


def test_the_hazards_option_prints_a_table_with_every_hazard_and_the_checks() -> None:
    done = _backrelief("knowledge", "--hazards")
    assert done.returncode == 0, done.stderr
    assert "backrelief clinical hazard log (reviewed against knowledge" in done.stdout
    assert "HAZ-001" in done.stdout and "A cauda equina warning sign is missed" in done.stdout
    assert "4 Ma/H -> 2 Ma/VL" in done.stdout
    assert "Signed by: nobody. Not signed." in done.stdout
    assert "Checks: every rule and test named exists, every red flag is covered" in done.stdout
    assert 'What "not sure" does, red-flag rule by rule' in done.stdout
    rows = [line for line in done.stdout.splitlines() if "ces-saddle-numbness" in line and "saddle_numbness" in line]
    assert len(rows) == 1 and "yes" in rows[0] and "emergency" in rows[0]


def test_the_hazards_option_with_json_gives_the_log_its_problems_and_review_notes() -> None:
    done = _backrelief("knowledge", "--hazards", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["knowledge_version"] == load_knowledge().version
    assert out["problems"] == []
    assert "no clinical safety officer has signed this hazard log" in out["review_notes"]
    assert out["sign_off"]["clinical_safety_officer"] == ""
    assert out["matrix"]["likelihood_rows"]["very_low"] == [1, 1, 2, 2, 3]
    first = out["hazards"][0]
    assert first["id"] == "HAZ-001"
    assert first["residual"] == {"severity": "major", "likelihood": "very_low", "rating": 2}
    assert {"rule": "ces-saddle-numbness", "question": "saddle_numbness", "clarify": True, "then": "emergency",
            "given": {}} in first["not_sure"]


def test_the_version_line_shows_the_knowledge_version_and_the_regulatory_status() -> None:
    done = _backrelief("--version")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"knowledge {load_knowledge().version}")
    assert lines[1] == REGULATORY_STATUS
