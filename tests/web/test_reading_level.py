"""The words on our pages are plain: Flesch-Kincaid grade 9 or less for each sentence group,
median 7 or less (the project's rule). Lines with template values are left out: their words
come from the knowledge files, which are checked where they are written."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from backrelief.interview import layout
from backrelief.plan.grade import reading_grade

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "backrelief" / "web" / "templates"


def page_texts() -> list[str]:
    texts = []
    for template in sorted(TEMPLATES.glob("*.html")):
        for line in template.read_text(encoding="utf-8").splitlines():
            if "{{" in line or "{%" in line:
                continue
            words = re.sub(r"<[^>]+>", " ", line).strip()
            if len(words.split()) >= 6:
                texts.append(words)
    return texts + [group.lead for group in layout().groups if group.lead]


def test_every_text_on_our_pages_is_grade_9_or_less_and_the_median_7_or_less() -> None:
    texts = page_texts()
    assert len(texts) >= 20
    grades = {text: reading_grade(text) for text in texts}
    assert {t: g for t, g in grades.items() if g > 9} == {}
    assert statistics.median(grades.values()) <= 7
