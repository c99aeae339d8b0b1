"""The writer's age (and a sex given with it) in the many ways people state it: "52F",
"aged 71", "I'm sixty-two", "M/58", "27 fell off a ladder", "in my seventies".

Works on the normalised text. Returns the value and the span that gave it, or None.
"""

from __future__ import annotations

import re

from backrelief.reading.numbers import _TENS_WORDS, AGE_NUMBER, Found, number

_SEX_LETTER = {"f": "female", "m": "male"}
# Words after a number that make it a measure, not an age.
_NOT_AN_AGE_AFTER = (r"units?|days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|seconds?|secs?|nights?|"
                     r"times?|stone|kg|kilos?|pounds|lbs?|percent|%|miles?|metres?|meters?|m|km|feet|foot|ft|cm|mm|"
                     r"mg|ml|degrees?|out|of|to|or|and|x|steps|pills?|tablets?|paracetamol|ibuprofen|co|mph|am|pm|"
                     r"quid|pence|calories|floors?|flights?|stairs|rounds?|reps?|sets?|laps?|k")
_AGE_PATTERNS = [
    # 52F, 38 m, 60yo, 43 yr old, 50 years old, aged 50, age 50, i am 46, i am a 46 year old
    re.compile(rf"\b(?P<n>\d{{2,3}}|{_TENS_WORDS})\s*(?:-\s*)?(?P<sex>f|m)\b(?!\s*(?:/|out of))"),
    re.compile(rf"\b(?P<n>{AGE_NUMBER})[\s-]*(?:years?|yrs?|y)[\s-]*(?:old|o|of age)\b"),
    re.compile(rf"\b(?P<n>{AGE_NUMBER})\s*(?:yo|y/o|y\.o\.)\b"),
    re.compile(rf"\bage(?:d)?\s*(?:is\s*)?:?\s*(?P<n>{AGE_NUMBER})\b"),
    re.compile(rf"\bi am (?:a |an |only |just )?(?P<n>{AGE_NUMBER})\b(?!\s*(?:weeks|months|days|hours|minutes|"
               rf"stone|kg|kilos|pounds|lbs|percent|%|/|out of|cm|feet|ft|times|miles|steps))"),
    re.compile(rf"\b(?:i am|am|a|man|woman|male|female|lady|guy|me)\s+(?:a\s+)?(?:man\s+|woman\s+)?(?P<n>{AGE_NUMBER})"
               rf"\s*(?:years?|yrs?)\b(?!\s*(?:ago|of|back|later|since|now))"),
    re.compile(rf"\b(?:man|woman|lady|gentleman|male|female|guy|bloke|chap|mum|dad) of (?P<n>{AGE_NUMBER})\b"),
    re.compile(r"^\W*(?P<n>\d{2,3})(?![.,/]\d)\s*(?:[.,;:!]|$|\s+(?:female|male|woman|man|lady|guy|bloke|here|and|with|"
               r"years|yo|retired|work|working|mum|dad))"),
    re.compile(r"[,.;]\s*(?P<n>\d{2,3})\s*(?P<sex>f|m|female|male)?\s*(?:[,.;!]|$)"),
    # A number opening the message, set off by a dash or colon ("24 - four months of...") or
    # followed straight by what happened ("27 fell off a ladder"), unless a unit follows.
    re.compile(r"^\W*(?P<n>\d{2,3})(?![.,/]\d)\s*(?:[-:\u2013\u2014]\s+|\s+(?=[a-z]))"
               r"(?!(?:" + _NOT_AN_AGE_AFTER + r")\b)"),
]
_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
            "eighties": 80, "nineties": 90, "20s": 20, "30s": 30, "40s": 40, "50s": 50, "60s": 60, "70s": 70,
            "80s": 80, "90s": 90}
# "I'm in my seventies", "late 50s": the middle of the decade, moved by early or late. Not a
# bare "in my twenties", which is more often when something happened than how old one is.
_DECADE_AGE = re.compile(r"\b(?:(?:i am|i'm|am|me|man|woman|male|female|lady|guy|aged|age)\s+(?:in\s+)?(?:my\s+)?|^\W*)"
                         r"(?P<part>early|mid|mid-|middle|late)?[\s-]*(?P<decade>" + "|".join(_DECADES) + r")\b")
# "M/58", "58/F", "F 44": the clinician's way.
_CLINICAL_AGE = re.compile(r"(?:^|[\s,(])(?:(?P<sex1>m|f)\s*/\s*(?P<n1>\d{2})|(?P<n2>\d{2})\s*/\s*(?P<sex2>m|f)|"
                           r"^\W*(?P<sex3>m|f)\s+(?P<n3>\d{2}))\b")
# Patterns that can only be an age ("14 years old"): a young age from these is believed.
_SAYS_AGE = {1, 2, 3, 4}
# "my 12 year old daughter", "I have a 3 year old": the age of someone else.
_SOMEONE_ELSES_AGE = re.compile(r"\b(?:my|our|his|her|their|have a|got a|with a|of a|and a|for a|mum to a|"
                                r"dad to a|the)\s*$")
# "since age 35", "from the age of 20": when something began, not the writer's age now.
_AN_AGE_BACK_THEN = re.compile(r"\b(?:since|from|at|ever since|started at|began at|until|till)\s*(?:the\s*)?$")
_SEX_AFTER_AGE = re.compile(r"\s*(?:,\s*)?(female|male|woman|man|lady|f|m)\b")


def age(text: str) -> tuple[Found | None, str | None, tuple[int, int] | None]:
    """The writer's age, and a sex letter given with it ('52F'), with their spans."""
    for index, pattern in enumerate(_AGE_PATTERNS):
        for match in pattern.finditer(text):
            value = number(match.group("n"))
            if value is None or value != int(value) or not 1 <= value <= 120:
                continue
            if value < 16 and index not in _SAYS_AGE:
                continue
            if match.start() == match.start("n") and _SOMEONE_ELSES_AGE.search(
                    text[max(0, match.start() - 25): match.start()]):
                continue
            if _AN_AGE_BACK_THEN.search(text[max(0, match.start() - 20): match.start()]):
                continue
            found = Found(int(value), match.start("n"), match.end("n"))
            sex: str | None = None
            sex_span: tuple[int, int] | None = None
            letter = match.groupdict().get("sex")
            if letter:
                sex = _SEX_LETTER.get(letter, letter)
                sex = {"woman": "female", "lady": "female", "man": "male"}.get(sex, sex)
                sex_span = match.span("sex")
            else:
                after = _SEX_AFTER_AGE.match(text, match.end())
                if after:
                    word = after.group(1)
                    sex = {"f": "female", "woman": "female", "lady": "female", "m": "male", "man": "male"}.get(
                        word, word)
                    sex_span = after.span(1)
            return found, sex, sex_span
    clinical = _CLINICAL_AGE.search(text)
    if clinical:
        key = next(k for k in ("1", "2", "3") if clinical.group("n" + k))
        value = int(clinical.group("n" + key))
        if 16 <= value <= 120:
            letter = clinical.group("sex" + key)
            return (Found(value, clinical.start("n" + key), clinical.end("n" + key)), _SEX_LETTER[letter],
                    clinical.span("sex" + key))
    decade = _DECADE_AGE.search(text)
    if decade:
        shift = {"early": 2, "late": 8}.get(decade.group("part") or "", 5)
        return Found(_DECADES[decade.group("decade")] + shift, decade.start("decade"), decade.end("decade")), None, None
    return None, None, None
