"""How far along a pregnancy is, from the person's words ("32 weeks pregnant", "7 months gone").

Weeks stated as a number are taken as they are. Months are turned into weeks at 4.3 weeks a
month and marked inferred (the range of weeks that month covers), so the questions show it
and ask the person to confirm. A trimester alone is too wide to stand for a number of weeks
(the third runs from 28 to 40): it sets nothing and the weeks are asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
}
_NUM = (r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
        + r")(?:[ -](one|two|three|four|five|six|seven|eight|nine))?")
_PREGNANT = r"(?:pregnant|preg|gone|along|in|of pregnancy|pregnancy|into (?:my|the) pregnancy|gestation|pg)"
# "32 weeks pregnant", "I'm 32 wks", "at 32 weeks", "32/40" (the midwives' shorthand).
_WEEKS = re.compile(r"\b" + _NUM + r"\s*(?:\+\d\s*)?(?:weeks?|wks?|w)\b\s*" + _PREGNANT + r"\b")
_WEEKS_OF = re.compile(r"\b" + _NUM + r"\s*/\s*40\b")
# "Pregnant (20 weeks)", "pregnant, at 34 weeks", "pregnant - about 12 wks", "pregnant with my
# son, 30 weeks": the weeks said after.
_PREGNANT_THEN_WEEKS = re.compile(r"\b(?:pregnant|preg|pg)(?:\s+with\s+(?:my|our|the|a|an|her)?\s*[a-z']+)?"
                                  # Within the sentence: "not pregnant. Three weeks of
                                  # sciatica" is the pain's three weeks, not a pregnancy's.
                                  r"[^\w.!?;]{0,3}(?:(?:at|about|around|roughly|nearly|almost|now|"
                                  r"currently|just over|just under)\s+)*" + _NUM + r"\s*(?:\+\d\s*)?(?:weeks?|wks?)\b"
                                  r"(?!\s*(?:ago|back|later|since))")
_MONTHS = re.compile(r"\b" + _NUM + r"(?: and a half)?\s*months?\s*" + _PREGNANT + r"\b")
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@dataclass(frozen=True)
class Gestation:
    weeks: int
    start: int
    end: int
    inferred: bool = False
    low: int | None = None
    high: int | None = None


def _number(tens: str, ones: str | None) -> int:
    n = int(tens) if tens.isdigit() else _NUMBER_WORDS[tens]
    return n + (_ONES[ones] if ones else 0)


def read_gestation(text: str) -> Gestation | None:
    """The first stated length of pregnancy in normalised text, or None."""
    for pattern in (_WEEKS, _WEEKS_OF, _PREGNANT_THEN_WEEKS):
        m = pattern.search(text)
        if m:
            weeks = _number(m.group(1), m.group(2))
            if 0 <= weeks <= 45:
                return Gestation(weeks, m.start(), m.end())
    m = _MONTHS.search(text)
    if m:
        months = _number(m.group(1), m.group(2))
        if 1 <= months <= 10:
            low, high = round((months - 1) * 4.3) + 1, min(round(months * 4.3) + 4, 45)
            # Month 7 runs from about week 26 to week 30; weeks are counted from the last period,
            # so the range reaches a few weeks further on. The value is asked to be confirmed.
            return Gestation(min(round(months * 4.3), 45), m.start(), m.end(), True, low, high)
    return None
