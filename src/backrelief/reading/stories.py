"""The reader scored on whole stories written to test it (data/reading/frozen/): the
answers that matter for safety, story by story.

A story's labels say which warning signs it states (to be read as present or not sure),
which it hedges (not sure, never no), which it plainly denies, which belong only to a
past episode (history, not now), and the range its duration and pain score fall in.
The figure that matters most is the **wrong denial**: a sign the story states or hedges
that the reader marks absent, so the follow-up questions never ask it again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import Field

from backrelief.assessment import Assessment, Finding
from backrelief.knowledge import Level
from backrelief.reading import read
from backrelief.values import Frozen, Strict

STORIES_TODAY = date(2026, 11, 26)


class Expect(Strict):
    findings: tuple[Finding, ...] = ()
    hedged: tuple[Finding, ...] = ()
    denied: tuple[Finding, ...] = ()
    past: tuple[Finding, ...] = ()
    duration_days: tuple[int, int] | None = None
    severity: tuple[int, int] | None = None


class Story(Strict):
    id: str
    style: str
    text: str
    acceptable: tuple[Level, ...] = Field(min_length=1)
    expect: Expect


class StoryResult(Frozen):
    story: Story
    assessment: Assessment
    problems: tuple[str, ...]
    wrong_denials: tuple[str, ...]
    missed_signs: tuple[str, ...]
    past_read_as_now: tuple[str, ...]
    signs_due: int
    signs_caught: int


def read_stories(path: Path) -> list[Story]:
    return [Story.model_validate(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def judge(story: Story, today: date = STORIES_TODAY) -> StoryResult:
    assessment = read(story.text, today).assessment
    present, absent = set(assessment.findings or ()), set(assessment.findings_absent or ())
    unsure = set(assessment.findings_unsure or ())
    e = story.expect
    stated = set(e.findings) | set(e.hedged)
    wrong = sorted(stated & absent)
    missed = sorted(f for f in stated if f not in present | unsure)
    past_now = sorted(f for f in e.past if f in present and f not in stated)
    problems = [f"wrong denial: {f}" for f in wrong]
    problems += [f"missed: {f}" for f in missed if f not in wrong]
    problems += [f"past episode read as now: {f}" for f in past_now]
    problems += [f"hedged read as sure: {f}" for f in e.hedged if f in present]
    problems += [f"plain denial not read: {f}" for f in e.denied if f not in absent]
    for name, want in (("duration_days", e.duration_days), ("severity", e.severity)):
        got = getattr(assessment, name)
        if want is not None and (got is None or not want[0] <= got <= want[1]):
            problems.append(f"{name}: {got}, want {want[0]}-{want[1]}")
    return StoryResult(story=story, assessment=assessment, problems=tuple(problems), wrong_denials=tuple(wrong),
                       missed_signs=tuple(missed), past_read_as_now=tuple(past_now), signs_due=len(stated),
                       signs_caught=len(stated) - len(missed))


def judge_all(stories: Iterable[Story], today: date = STORIES_TODAY) -> list[StoryResult]:
    return [judge(s, today) for s in stories]
