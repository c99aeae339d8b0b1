"""Numbers in words and digits: age, pain score, how long, how many times before.

Works on the normalised text (lower case, contractions written out). Each function
returns the value and the character span that gave it, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backrelief.reading.times import find_times

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "couple": 2, "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 4,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "mon": 0, "tues": 1, "tue": 1, "wed": 2, "weds": 2, "thurs": 3, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_SIMPLE_WORDS = "|".join(sorted((w for w in _UNITS if " " not in w and w not in {"a", "an", "no"}),
                                key=len, reverse=True))
_TENS_WORDS = "|".join(_TENS)
NUMBER = (rf"(?:\d+(?:\.\d+)?|(?:{_TENS_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
          rf"|{_SIMPLE_WORDS}|a couple of|a couple|couple of|a few|an|a)")


# Ages are whole numbers in digits or words ("seventy-one"), never "a" or "a few".
AGE_NUMBER = (rf"(?:\d{{1,3}}|(?:{_TENS_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
              rf"|sixteen|seventeen|eighteen|nineteen|fifteen|fourteen|thirteen|twelve)")


@dataclass(frozen=True)
class Found:
    value: int
    start: int
    end: int


def number(text: str) -> float | None:
    """'seventy-one' -> 71, 'a few' -> 3, '3.5' -> 3.5."""
    t = text.strip().replace("-", " ")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in _UNITS:
        return float(_UNITS[t])
    parts = t.split()
    if parts and parts[0] in _TENS:
        rest = _UNITS.get(parts[1], 0) if len(parts) > 1 else 0
        return float(_TENS[parts[0]] + rest)
    return None


# -- pain score ---------------------------------------------------------------------------

_SCORE = r"(?:10|[0-9]|ten|nine|eight|seven|six|five|four|three|two|one|zero|eleven|11|12|twelve|100)"
_SCORE_PATTERNS = [
    re.compile(rf"(?P<n>{_SCORE})(?:\s*(?:-|to|or)\s*(?P<hi>{_SCORE}))?\s*(?:/|out of|outta|over|of)\s*(?:10|ten)\b"),
    re.compile(rf"\b(?:pain|it|score|scale|level|rate it|rate|rating|about|maybe|like|around|probably|at|"
               rf"is|'s|its|a solid|solid|as)\s+(?:is\s+|at\s+|of\s+|about\s+|around\s+)?(?:a|an)\s+(?P<n>{_SCORE})"
               rf"(?:\s*(?:-|or|to)\s*(?P<hi>{_SCORE}))?\b(?!\s*(?:day|days|week|weeks|month|months|year|years|"
               rf"hour|hours|minute|minutes|times|time|am|pm|o'clock|stone|kg|mile|miles|/|out))"),
    re.compile(rf"\b(?:pain|scale)\s+(?:level\s+|score\s+|rating\s+)?(?:is\s+|of\s+|at\s+|score\s+)?(?P<n>{_SCORE})"
               rf"(?:\s*(?:-|or|to)\s*(?P<hi>{_SCORE}))?\b(?!\s*(?:day|days|week|weeks|"
               rf"month|months|year|years|hour|hours|times|/|out|\.\d))"),
]
_WORST_AFTER = re.compile(r"\s*(?:at (?:its|it's|the) worst|at worst|when it is bad|when it's bad|at night)")
_WORST = re.compile(r"(?:worst|at its worst|at worst|peak|goes up to|gets to|up to|max)\W+(?:\w+\W+){0,3}$")


def severity(text: str) -> tuple[Found | None, Found | None]:
    """(now, worst in the last day). A range takes the higher end; above 10 counts as 10."""
    now: Found | None = None
    worst: Found | None = None
    for pattern in _SCORE_PATTERNS:
        for match in pattern.finditer(text):
            raw = match.groupdict().get("hi") or match.group("n")
            value = number(raw)
            if value is None:
                continue
            score = min(10, int(value))
            found = Found(score, match.start(), match.end())
            if _WORST.search(text[max(0, match.start() - 40): match.start()]) or _WORST_AFTER.match(
                    text[match.end(): match.end() + 25]):
                worst = worst or found
            elif now is None:
                now = found
        if now is not None:
            break
    return now, worst


# -- how long -----------------------------------------------------------------------------

# Durations that belong to something else: pregnancy, an old illness, a medicine,
# the age at an event, a new symptom within the episode.
_NOT_EPISODE = re.compile(
    r"(?:pregnant|baby|born|(?<!just )gone|along|expecting|weeks gone|cancer|chemo|tumour|tumor|steroid|prednisolone|"
    r"tablets|pills|injections|diagnosed|operation|surgery|transplant|ulcer|aneurysm|infection|hospital|"
    r"smoked|drink|drinking|married|retired|job|(?<!off )work|worked|working|at \d+|old|ago i had|"
    r"last time|better in|better after|lasted|took|drove|"
    r"drive|driving|flight|every|times|sitting|standing|\bsit\b|\bstand\b|takes|(?<!give or )take|hours' drive|birth(?!day)|"
    r"delivered|wedding|holiday|dialysis|weeks pregnant|preg\b|gestation|\bca\b|\bop\b|procedure|twins|my son|my daughter)"
)
_EPISODE_WORDS = re.compile(
    r"(?:back|pain|ache|aching|achy|sore|hurt|hurting|sciatica|spasm|twinge|twinged|stiff|started|began|"
    r"been|since|had|for|ago|leg|this|it|went|gone|did|lifting|lifted|fell|slipped|twisted|bent|hauled|"
    r"shifted|cleared|strained|pulled|crash|knocked|came on|tweaked|put|fall|injur|spine|lumbar|lbp)"
)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("!", 0, start),
               text.rfind("?", 0, start), text.rfind(",", 0, start))
    right_candidates = [i for i in (text.find(c, end) for c in ".;!?,") if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def _clause(text: str, start: int, end: int) -> str:
    left, right = _clause_bounds(text, start, end)
    return text[left:right]


# Words that mark the episode now, after an older or longer one: "this time", "the latest
# bout", "properly bad since", "worse since", "flared up again".
_THIS_EPISODE = re.compile(r"\bthis (?:time|latest|last|bout|episode|flare|one|spell|attack)\b|\b(?:latest|current|"
                           r"present|recent) (?:bout|episode|flare|flare-up|spell|attack|one)\b|"
                           r"\b(?:(?:really|properly|much|very|a lot|got|getting|gone|went) (?:bad|worse)|worse|"
                           r"flared(?: up)?(?: again)?|gone again|went again) since\b")
_SYMPTOM_CLAUSE_OK = re.compile(r"(?<!years )(?<!year )(?<!months )\b(?:back(?! then)|pain|ache|aching|achy|sore|"
                                r"hurt|hurts|hurting|sciatica|spasm|twinge|"
                                r"twinged|stiff|agony|lbp|lumbago)")


def names_the_pain(words: str) -> bool:
    """Whether the words name the back pain itself ("back pain", "sore", "sciatica")."""
    return _SYMPTOM_CLAUSE_OK.search(words) is not None


def duration(text: str, today: date, age_years: int | None = None,
             symptoms: Sequence[tuple[int, int]] = (), episode: Sequence[tuple[int, int]] = (),
             claimed: Sequence[tuple[int, int]] = (),
             earlier_bout: Callable[[int, int], bool] | None = None) -> Found | None:
    """Days since this episode began. `symptoms` are spans of findings: a time given for a
    new symptom ("can't pee since last night") is not the episode's. `claimed` are spans
    another reading owns (the weeks of a pregnancy). `earlier_bout(start, end)` says a time
    is an earlier bout's ("the last time my back went, 5 years ago"): never this one's."""
    candidates: list[tuple[int, Found]] = []
    recurring: list[tuple[int, Found]] = []
    events: set[int] = set()
    for expr in find_times(text, today, age_years):
        if expr.short:
            continue  # "stiff for over an hour" is not how long the episode has lasted
        if any(a < expr.end and expr.start < b for a, b in claimed):
            continue
        if earlier_bout is not None and earlier_bout(expr.start, expr.end):
            continue
        found = Found(expr.days, expr.start, expr.end)
        if expr.since_event:
            events.add(expr.start)
        (recurring if expr.kind == "recurring" else candidates).append((expr.start, found))
    # "On and off since 2019, this bout a fortnight": the episode's own start, not the first.
    this_time = [c for c in candidates if _THIS_EPISODE.search(_near(text, c[1].start, c[1].end))]
    candidates = this_time + [c for c in candidates if c not in this_time] + recurring
    best: tuple[int, Found] | None = None
    for rank_pos, found in candidates:
        clause = _clause(text, found.start, found.end)
        # The words around a time, never reaching into the sentence before or after: "had
        # cancer 5 years ago. For 10 days I've had back pain" is about the back pain.
        left_edge, right_edge = _sentence_bounds(text, found.start, found.end)
        a, b = max(left_edge, found.start - 30), min(right_edge, found.end + 15)
        clause_a, clause_b = _clause_bounds(text, found.start, found.end)
        if b - a >= clause_b - clause_a:
            a, b = clause_a, clause_b  # or its comma clause, when that is shorter
        before, after = text[a:found.start], text[found.end:max(b, found.end)]
        # Nor across an "and" or a "but" before it: in "pregnant and for 2 weeks my back has
        # hurt" the time opens its own clause, about the back.
        joined = list(_JOINED.finditer(before))
        if joined:
            before = before[joined[-1].end():]
        # "since my birthday in June" dates what came before "since"; the event's own words
        # (a birthday, a holiday, a wedding) do not own the time.
        near = before if found.start in events else before + text[found.start:found.end] + after
        if _NOT_EPISODE.search(near):
            continue
        if _closer_to_other(text, found, symptoms, episode):
            continue
        if re.search(r"\bsince (?:the day before yesterday|yesterday)\b.*\b(?:toes|foot|numb|weak|catch)", clause):
            continue
        sentence = _sentence(text, found.start, found.end)
        left, right = _sentence_bounds(text, found.start, found.end)
        # A fragment that is only a time ("since Tuesday", "3 weeks on Friday") is the episode's.
        fragment = (len(sentence.split()) <= 5 and not any(left <= a < right for a, _ in symptoms)
                    and not re.search(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", sentence))
        said_about_episode = _EPISODE_WORDS.search(sentence) or any(left <= a < right for a, _ in episode)
        if not (said_about_episode or fragment):
            continue
        best = best or (rank_pos, found)
    return best[1] if best else None


_JOINED = re.compile(r"(?<!on )(?<!off )\band\b(?! off| on)|\bbut\b")


def _near(text: str, start: int, end: int) -> str:
    """The words just before a time and the time, within its sentence ("but this time it's just
    a stiff low back since Monday" reaches back to "this time"; "for months in 2019, but this
    time" does not reach forward to it)."""
    left, _ = _sentence_bounds(text, start, end)
    return text[max(left, start - 60):end]


def _closer_to_other(text: str, found: Found, others: Sequence[tuple[int, int]],
                     episode: Sequence[tuple[int, int]]) -> bool:
    """True when, in its sentence, the time sits nearer a symptom or an old illness than
    any word about the back pain: "can't pee since last night", "sepsis last month"."""
    left, right = _sentence_bounds(text, found.start, found.end)

    def gap(a: int, b: int) -> int:
        return max(a - found.end, found.start - b, 0)

    other = [gap(a, b) for a, b in others if left <= a and b <= right]
    if not other:
        return False
    pain = [gap(m.start() + left, m.end() + left) for m in _SYMPTOM_CLAUSE_OK.finditer(text[left:right])]
    pain += [gap(a, b) for a, b in episode if left <= a and b <= right]
    return not pain or min(other) < min(pain)


_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]; a decimal point ("38.3") does not end one."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    after = _SENTENCE_END.search(text, end)
    return left, after.start() if after else len(text)


def _sentence(text: str, start: int, end: int) -> str:
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


def _days_since_weekend(today: date, last: bool) -> int:
    # Saturday of the most recent weekend (or the one before, for "last weekend").
    back = (today.weekday() - 5) % 7
    if back == 0 and not last:
        back = 0
    days = back if back <= 6 else 0
    if last and today.weekday() >= 5:
        days += 7
    return max(days, 0)


# -- earlier episodes ---------------------------------------------------------------------

_EPISODE_PATTERNS = [
    (re.compile(rf"\b(?:the|my|only the|only my|this is the|this is my|its the|it is the)?\s*(?P<ord>"
                rf"{'|'.join(_ORDINALS)})\s+(?:time|episode|attack|flare|flare-up|one)\b(?P<rest>[^.;]{{0,40}})"),
     "ordinal"),
    (re.compile(rf"\b(?P<n>{NUMBER}|once|twice)\s+(?:(?:times?|episodes?|attacks?|flares?|flare-ups?)\s+)?"
                rf"(?P<before>before\s+|already\s+)?"
                rf"(?P<when>(?:in|over|during)\s+the\s+(?:last|past)\s+(?:year|12 months|twelve months)|last year|"
                rf"this year|in a year|a year|per year|every year|before|already|previously)"),
     "count"),
    (re.compile(r"\b(?:never had (?:this|it|back pain|anything like (?:this|it)) before|first time|"
                r"never had back (?:pain|problems|trouble) (?:before|until now|till now|before now)|not had this before|"
                r"have not had this before|never had (?:any )?(?:back )?(?:problems|trouble|pain) (?:until now|before)|"
                r"never had (?:this|it) happen before)\b"),
     "never"),
    (re.compile(rf"\bevery\s+(?P<n>{NUMBER})\s+(?P<unit>weeks?|months?)\b"), "every"),
    (re.compile(r"\b(?:once|twice)\s+(?:a|per|every)\s+(?:month|week)\b"), "freq"),
]


_SCHEDULE = re.compile(r"\b(?:check|checks|checked|checking|scan|scans|scanned|scanning|monitor|monitors|monitored|"
                       r"review|reviews|reviewed|see|sees|seen|appointment|appointments|follow|follow-up|injection|"
                       r"injections|jab|jabs|bloods|test|tests|tested|x-ray|xray|mri|clinic)\b")


def episodes(text: str) -> Found | None:
    """Earlier episodes in the last year; this one is not counted."""
    for pattern, kind in _EPISODE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        if kind == "ordinal":
            rest = match.group("rest")
            # "the first time" with no time frame still means no earlier episode.
            if not re.search(r"\b(?:year|months|12 months|twelve months)\b", rest) and match.group("ord") != "first":
                continue
            return Found(_ORDINALS[match.group("ord")] - 1, match.start("ord"), match.end())
        if kind == "count":
            raw = match.group("n")
            n = {"once": 1, "twice": 2}.get(raw) or number(raw)
            if n is None:
                continue
            when = match.group("when")
            # "the third time this year" counts this one; "four times a year" is a rate.
            count = int(n) - 1 if when in {"this year", "in a year"} and not match.group("before") else int(n)
            return Found(max(count, 0), match.start(), match.end())
        if kind == "never":
            return Found(0, match.start(), match.end())
        if kind == "every":
            # "they scan it every 6 months" is a check-up schedule, not how often the back goes.
            if _SCHEDULE.search(text[max(0, match.start() - 40): match.start()]):
                continue
            n = number(match.group("n"))
            if not n:
                continue
            per_year = 52 / n if match.group("unit").startswith("week") else 12 / n
            return Found(min(365, round(per_year)), match.start(), match.end())
        if kind == "freq":
            per = 12 if "month" in match.group(0) else 52
            times = 2 if "twice" in match.group(0) else 1
            return Found(min(365, per * times), match.start(), match.end())
    return None


def days_before(today: date, days: int) -> date:
    return today - timedelta(days=days)
