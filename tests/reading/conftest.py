"""Shared helpers for the reader's tests."""

from __future__ import annotations

from datetime import date

from backrelief.assessment import Assessment
from backrelief.reading import read

# A Thursday: "since Tuesday" is 2 days, "on Saturday" 5.
TODAY = date(2026, 11, 26)


def assess(text: str) -> Assessment:
    return read(text, TODAY).assessment
