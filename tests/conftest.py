"""Fixtures shared by every test area. Area fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

pytest_plugins: list[str] = ["tests.fixtures_postgres"]
