"""A grammar of time expressions: how long ago something began, in days, relative to `today`.

It reads amounts ("three weeks", "a good eighteen months", "a year and a half", "2-3 weeks",
"a week or two", "3/52"), points in time ("since Tuesday", "a week last Friday", "since the
end of August", "last spring", "around Christmas last year", "since 2019", "since the 14th",
"since I was 30") and marks an expression "recurring" when it dates pain that comes and goes
("on and off since 2019"), so the episode's own start is kept apart from earlier episodes.

Conventions (the ones the labelled sets use): a month is 30 days, a year 365; "a few" is
4 days and 3 of anything longer; a range or "or two" takes the longer end; a month, season or
year named without a day is taken at its middle (a season's middle month on the 15th, a year
on 1 July), "the start of" at its first day and "the end of" near its last; "early", "mid"
and "late" a month are the 5th, 15th and 25th.
Works on the normalised text (lower case, contractions written out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

Kind = Literal["length", "point", "recurring"]


@dataclass(frozen=True)
class TimeExpr:
    days: int
    start: int
    end: int
    kind: Kind
    # The amount was under a day ("two hours"): it dates a start only with "ago" or "the last".
    short: bool = False
    # "since my birthday in June": an event dated by a point, said after "since"; what is dated
    # is what came before "since", not the event (a birthday or a holiday does not own the time).
    since_event: bool = False


_UNITS = {"zero": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "couple": 2,
          "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 4, "a good few": 4,
          "a dozen": 12, "dozen": 12, "half a dozen": 6}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = "|".join(sorted((w for w in _UNITS if w not in {"a", "an"}), key=len, reverse=True))
NUMBER = (rf"(?:\d+(?:\.\d+)?|(?:{'|'.join(_TENS)})(?:[- ](?:{_SMALL}))?|{_WORDS}|an|a)")
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365,
              "decade": 3650}
_UNIT_WORDS = {
    "minute": r"minutes?|mins?", "hour": r"hours?|hrs?", "day": r"days?|dys?", "night": r"nights?",
    "week": r"weeks?|wks?|wk", "fortnight": r"fortnights?", "month": r"months?|mths?|mnths?|mos",
    "year": r"years?|yrs?|yr", "decade": r"decades?",
}
_UNIT = "|".join(f"(?P<u_{k}>{v})" for k, v in _UNIT_WORDS.items())
_UNIT2 = "|".join(f"(?:{v})" for v in _UNIT_WORDS.values())
_QUALIFIER = (r"(?:about|around|roughly|approximately|approx|almost|nearly|over|well over|more than|at least|"
              r"just over|just under|under|less than|getting on for|coming up to|going on|close to|upwards of|"
              r"the last|the past|last|past|a good|a solid|for|for the last|for the past|for about|for over|for a good|"
              r"for nearly|for almost|like|maybe|probably|some|since|from)")

_AMOUNT = re.compile(
    rf"(?<![\w/.])(?:(?P<q>{_QUALIFIER})\s+)*?"
    rf"(?:(?P<lo>{NUMBER})\s*(?:-|–|to|or)\s*)?"
    rf"(?P<n>{NUMBER}|half an?|half)\+?(?P<half>\s+and\s+(?:a\s+)?half)?(?:\s+(?:good|solid|full|whole|long|straight))?"
    rf"[\s-]*(?:{_UNIT})\b"
    rf"(?P<half2>\s+and\s+(?:a\s+)?half)?(?P<ortwo>\s+or\s+(?:two|2|three|3|so|more))?"
    # "or thereabouts", "give or take", "-ish", "plus": an amount said roughly is still that amount.
    rf"(?:,?\s*(?:or thereabouts|give or take|or so|or more|or longer|plus|-?ish)\b)?"
    # "a couple of weeks, maybe three": a longer guess said after the amount (the longer end).
    rf"(?:,?\s+(?:maybe|possibly|perhaps|probably|or|or even|more like|nearer|closer to)\s+"
    rf"(?P<guess>{NUMBER})\b(?!\s*(?:{_UNIT2}|/|out of|over|of 10|times)\b))?"
    rf"(?P<ago>\s+(?:ago|back|prior|before now))?"
)
_LAST_UNIT = re.compile(r"\b(?:the|this)\s+(?:past|last)\s+(?P<u>week|fortnight|month|year)\b")
_BETWEEN = re.compile(rf"\bbetween\s+(?P<lo>{NUMBER})\s+and\s+(?P<n>{NUMBER})\s+(?:{_UNIT})\b")
_VAGUE = re.compile(r"\b(?:for|over|the last few|the past few|a good few|a few|many|several)\s+(?:(?:long\s+)?(?P<v>years|"
                    r"months|weeks|ages|yonks|donkey's years|decades))\b")
_VAGUE_DAYS = {"years": 730, "months": 90, "weeks": 21, "decades": 7300, "yonks": 730, "donkey's years": 1825}
_CLINICAL = re.compile(r"(?<![\d/.])(?P<n>\d{1,2})/(?P<of>7|52|12)\b(?![/\d])")
_RELATIVE = re.compile(
    r"\b(?P<w>the day before yesterday|yesterday|yday|yest|last night|overnight|this morning|this afternoon|"
    r"this evening|tonight|earlier today|today|since i woke up|when i woke up|when i got up|first thing|"
    r"earlier this week|this week|last week|the week before last|last month|the month before last|"
    r"this month|earlier this month|last year|the year before last|earlier this year|this year)\b")
_RELATIVE_DAYS = {"the day before yesterday": 2, "yesterday": 1, "yday": 1, "yest": 1, "last night": 1,
                  "overnight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
                  "earlier today": 0, "today": 0, "since i woke up": 0, "when i woke up": 0, "when i got up": 0,
                  "first thing": 0, "earlier this week": 3, "this week": 3, "last week": 7, "the week before last": 14,
                  "last month": 30, "the month before last": 60, "last year": 365, "the year before last": 730}
_WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2, "weds": 2,
             "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6,
             "sun": 6}
_WEEKDAY = re.compile(
    r"\b(?:(?P<weeks>a|one|two|three|four|\d) (?P<wu>weeks?|fortnights?) (?P<conn>last|past|on|from|ago on|ago last) |"
    r"(?:since|on|last|from|this past|this last|started|began|start|the)\s+|"
    # A full day name alone ("did it moving a fridge friday") is a day just gone.
    r"(?<!next )(?<!coming )(?<!this )(?<!until )(?<!till )(?<!by )(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
    # A short name said with a time of day ("put my back out sat night") is the day, not "sat".
    r"(?<!next )(?<!coming )(?<!this )(?<!until )(?<!till )(?<!by )(?<!i )(?<!we )(?<!have )(?<!had )"
    r"(?=(?:mon|tues|tue|weds|wed|thurs|thu|fri|sat|sun)\s+(?:morning|morn|night|nite|nght|afternoon|arvo|aft|evening|eve|am|pm|lunchtime|lunch|teatime|tea)\b))"
    r"(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed|thurs|thu|fri|sat|sun)"
    r"(?:day)?\b(?P<week>\s+(?:last week|before last|gone|just gone|of last week))?")
_WEEKEND = re.compile(r"\b(?P<w>the weekend before last|this past weekend|the past weekend|over the weekend|"
                      r"at the weekend|last weekend|this weekend|on the weekend|the weekend)\b")
_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
           "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
           "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_SEASONS = {"spring": (3, 4), "summer": (6, 7), "autumn": (9, 10), "fall": (9, 10), "winter": (12, 1)}
_HOLIDAYS = {"christmas": (12, 25), "xmas": (12, 25), "boxing day": (12, 26), "new year": (1, 1),
             "new year's": (1, 1), "the new year": (1, 1), "halloween": (10, 31), "bonfire night": (11, 5),
             "valentine's": (2, 14), "valentines": (2, 14), "easter": (0, 0), "new years": (1, 1),
             "the turn of the year": (1, 1), "the turn of the new year": (1, 1)}
_PART = (r"(?P<part>early|mid|mid-|middle of|the middle of|late|the start of|start of|the beginning of|beginning of|"
         r"the end of|end of|the tail end of|tail end of|the back end of|back end of)")
_WHEN = (r"(?:since|from|in|around|about|at|over|during|back in|back at|started in|began in|starting in|way back in|"
         r"before|just before|just after|after|round about|sometime in|some time in|towards)")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = re.compile(
    rf"\b{_WHEN}\s+(?:{_PART}\s*)?(?:(?P<last>last|this)\s+)?(?:(?:the\s+)?(?P<dom>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?P<m>{_MONTH_NAMES})\b(?:\s+(?P<dom2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d|last year|this year))?")
_SEASON = re.compile(
    rf"\b(?:{_WHEN}\s+)?(?:{_PART}\s+)?(?:(?P<rel>last|this|the|this past|this last)\s+)?"
    rf"(?P<s>spring|summer|autumn|fall|winter)(?:time)?\b(?:\s+(?P<y>before last|(?:of\s+)?last year|(?:of\s+)?(?:19|20)\d\d))?")
_HOLIDAY = re.compile(
    rf"\b(?:(?:{_WHEN}|on|ever since)\s+)(?:(?P<rel>last|this|the)\s+(?=christmas|xmas|easter|halloween|boxing|bonfire))?"
    rf"(?P<h>christmas|xmas|boxing day|new year's|new years|the turn of the new year|the turn of the year|"
    rf"the new year|new year|halloween|bonfire night|valentine's|valentines|easter)\b"
    rf"(?:\s+(?P<y>before last|last year|(?:19|20)\d\d))?")
_YEAR = re.compile(rf"\b{_WHEN}\s+(?:{_PART}\s+)?(?P<y>(?:19|20)\d\d|last year|the start of the year|this year)\b")
_START_OF = re.compile(r"\b(?:since|from)\s+the\s+(?P<what>start|beginning)\s+of\s+(?:the|this)\s+(?P<u>year|month|week)\b")
_DAY_OF_MONTH = re.compile(r"\b(?:since|from|on)\s+the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:"
                           + _MONTH_NAMES + r"))")
_WHEN_I_WAS = re.compile(r"\b(?:since|from|when|started when|began when|ever since|at)\s+(?:i was|i turned|age|aged|"
                         r"(?=my \d{1,2}(?:st|nd|rd|th)\b)my)\s+"
                         r"(?:about\s+|around\s+|roughly\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)?\b(?!\s+(?:week|month|day))")
_WEEK_OF_MONTH = re.compile(r"\b(?P<o>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+week\s+(?:of|in)\s+(?P<m>"
                            + _MONTH_NAMES + r")\b")
# "since my birthday ", "ever since our holiday ", "since we moved house ": an event named
# between "since" and the point that dates it, within one clause.
_SINCE_EVENT = re.compile(r"\b(?:ever\s+)?since\s+(?:(?!(?:and|but|or|then|when|until|till|now)\b)[a-z0-9']+\s+){1,6}")
_NUMERIC_DATE = re.compile(r"\b(?:since|from|on)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>(?:20)?\d\d))?\b")
_RECURRING = re.compile(r"(?:on and off|off and on|on off|comes and goes|come and go|came and went|intermittent(?:ly)?|"
                        r"recurr(?:ing|ent)|every so often|now and then|now and again|flares? up|flaring|episodes)\W+"
                        # "on and off for years but really bad since October": a "but" or "now"
                        # turns to the episode itself.
                        r"(?:(?!(?:but|now|until|till|then)\b)\w+\W+){0,4}$")
# An amount that is not a time ago: a rate, an age, a pregnancy, a length of sitting.
_NOT_AGO_BEFORE = re.compile(r"(?:\bevery|\beach|\bper|\bonce|\btwice|\bi am|\bam|\baged?|\bman|\bwoman|\bin|\bwithin|"
                             r"\btimes?|\bthan)\s*$")
_NOT_AGO_AFTER = re.compile(r"\s*(?:pregnant|pregnancy|pg\b|preg\b|gone|along|old|of age|drive|walk|later|apart|in a row|"
                            r"at a time|"
                            r"off work|of physio|of pregnancy)")


def number(text: str) -> float | None:
    """'seventy-one' -> 71, 'a few' -> 3, '3.5' -> 3.5."""
    t = " ".join(text.strip().replace("-", " ").split())
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in _UNITS:
        return float(_UNITS[t])
    if t.startswith("half"):
        return 0.5
    parts = t.split()
    if parts and parts[0] in _TENS:
        rest = _UNITS.get(parts[1], 0) if len(parts) > 1 else 0
        return float(_TENS[parts[0]] + rest)
    return None


def find_times(text: str, today: date, age_years: int | None = None) -> list[TimeExpr]:
    """Every time expression in the text, in order, with the days since what it dates."""
    found: list[TimeExpr] = []
    found += _amounts(text)
    found += _points(text, today, age_years)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[TimeExpr] = []
    for expr in found:
        if kept and expr.start < kept[-1].end:
            continue  # the longest expression at a place wins ("a week last friday" over "last friday")
        recurring = _RECURRING.search(text[max(0, expr.start - 45):expr.start])
        kept.append(replace(expr, kind="recurring") if recurring else expr)
    return kept


def _amounts(text: str) -> list[TimeExpr]:
    out: list[TimeExpr] = []
    for match in _AMOUNT.finditer(text):
        unit = next(k[2:] for k, v in match.groupdict().items() if k.startswith("u_") and v)
        raw = match.group("n").strip()
        n = number(raw)
        if n is None:
            continue
        lo = match.group("lo")
        if lo and lo.strip() in _TENS and raw in _SMALL.split("|"):
            n, lo = number(f"{lo} {raw}") or n, None  # "twenty-one" is one number, not a range
        if lo and number(lo) is not None and not match.group("n").startswith("half"):
            n = max(n, number(lo) or 0)
        guess = number(match.group("guess") or "")
        if guess is not None and guess > n and not match.group("half"):
            n = guess
        more = (match.group("ortwo") or "-").split()[-1]
        if more in {"two", "2", "three", "3"}:
            n = max(n, {"two": 2.0, "three": 3.0}.get(more) or float(more))
        if raw in {"few", "a few"} and unit in {"day", "night"}:
            n = 4
        if raw in {"a good few"} and unit in {"day", "night"}:
            n = 5
        half = 0.5 if match.group("half") or match.group("half2") else 0
        base = _UNIT_DAYS[unit]
        quals = re.findall(_QUALIFIER, text[match.start():match.start("n")])
        q = quals[-1] if quals else ""
        days = int((n + half) * base + 0.5)
        if q in {"almost", "nearly", "just under", "under", "less than", "getting on for", "coming up to",
                 "close to", "for nearly", "for almost"} and days > 1:
            days -= 1
        before = text[max(0, match.start() - 12): match.start()]
        if _NOT_AGO_BEFORE.search(before) and not q:
            continue
        if _NOT_AGO_AFTER.match(text, match.end()):
            continue
        short = base == 0 and not (match.group("ago") or q in {"the last", "the past", "last", "past", "for the last",
                                                                 "for the past"})
        out.append(TimeExpr(min(days, 36500), match.start(), match.end(), "length", short))
    for match in _BETWEEN.finditer(text):
        unit = next(k[2:] for k, v in match.groupdict().items() if k.startswith("u_") and v)
        n = max(number(match.group("n")) or 0, number(match.group("lo")) or 0)
        out.append(TimeExpr(int(n * _UNIT_DAYS[unit] + 0.5), match.start(), match.end(), "length"))
    for match in _LAST_UNIT.finditer(text):
        out.append(TimeExpr(_UNIT_DAYS[match.group("u")], match.start(), match.end(), "length"))
    for match in _VAGUE.finditer(text):
        if match.group("v") not in _VAGUE_DAYS:
            continue  # "for ages" says long, not how long: asked
        out.append(TimeExpr(_VAGUE_DAYS[match.group("v")], match.start(), match.end(), "length"))
    for match in _CLINICAL.finditer(text):
        # Clinicians' shorthand: 3/7 is three days, 2/52 two weeks, 6/12 six months.
        days = int(match.group("n")) * {"7": 1, "52": 7, "12": 30}[match.group("of")]
        out.append(TimeExpr(days, match.start(), match.end(), "length"))
    return out


def _points(text: str, today: date, age_years: int | None) -> list[TimeExpr]:
    out: list[TimeExpr] = []

    def add(match: re.Match[str], then: date | None) -> None:
        if then is None or then > today:
            return
        event = _SINCE_EVENT.search(text, max(0, match.start() - 60), match.start())
        if event and event.end() == match.start():
            # "since our holiday in August": the pain began at the event the point dates.
            out.append(TimeExpr((today - then).days, event.start(), match.end(), "point", since_event=True))
        else:
            out.append(TimeExpr((today - then).days, match.start(), match.end(), "point"))

    for match in _RELATIVE.finditer(text):
        word = match.group("w")
        if word in _RELATIVE_DAYS:
            out.append(TimeExpr(_RELATIVE_DAYS[word], match.start(), match.end(), "point"))
        elif word in {"this month", "earlier this month"}:
            out.append(TimeExpr(max(today.day // 2, 0), match.start(), match.end(), "point"))
        elif word in {"this year", "earlier this year"}:
            add(match, date(today.year, 1, 1) + (today - date(today.year, 1, 1)) // 2)
    for match in _WEEKDAY.finditer(text):
        back = (today.weekday() - _WEEKDAYS[match.group("d")]) % 7 or 7
        weeks = match.group("weeks")
        per = 14 if (match.group("wu") or "").startswith("fortnight") else 7
        if weeks and match.group("conn") == "on":
            # "two weeks on Friday": two weeks old on the coming Friday.
            ahead = (_WEEKDAYS[match.group("d")] - today.weekday()) % 7 or 7
            back = per * int(number(weeks) or 1) - ahead
        elif weeks:
            back += per * int(number(weeks) or 1)
        elif match.group("week") and "last" in match.group("week"):
            back += 7 if (today.weekday() - _WEEKDAYS[match.group("d")]) % 7 else 0
        out.append(TimeExpr(back, match.start(), match.end(), "point"))
    for match in _WEEKEND.finditer(text):
        back = (today.weekday() - 5) % 7
        if match.group("w") in {"last weekend", "the weekend before last"} and today.weekday() >= 5:
            back += 7
        if match.group("w") == "the weekend before last":
            back += 7
        out.append(TimeExpr(back, match.start(), match.end(), "point"))
    for match in _MONTH.finditer(text):
        add(match, _month_date(match, today))
    for match in _SEASON.finditer(text):
        if match.group(0).strip() in {"spring", "summer", "autumn", "fall", "winter"} and not match.group("rel"):
            continue  # a bare season word ("the summer holidays") dates nothing
        add(match, _season_date(match, today))
    for match in _HOLIDAY.finditer(text):
        add(match, _holiday_date(match, today))
    for match in _YEAR.finditer(text):
        add(match, _year_date(match, today))
    for match in _START_OF.finditer(text):
        unit = match.group("u")
        then = (date(today.year, 1, 1) if unit == "year" else date(today.year, today.month, 1) if unit == "month"
                else today - timedelta(days=today.weekday()))
        add(match, then)
    for match in _DAY_OF_MONTH.finditer(text):
        dom = int(match.group("dom"))
        if 1 <= dom <= 31:
            year, month = (today.year, today.month) if dom <= today.day else _previous_month(today)
            add(match, _safe_date(year, month, dom))
    for match in _WEEK_OF_MONTH.finditer(text):
        month = _MONTHS[match.group("m")]
        dom = {"first": 4, "1st": 4, "second": 11, "2nd": 11, "third": 18, "3rd": 18, "fourth": 25, "4th": 25,
               "last": 25}[match.group("o")]
        year = today.year if (month, dom) <= (today.month, today.day) else today.year - 1
        add(match, _safe_date(year, month, dom))
    for match in _NUMERIC_DATE.finditer(text):
        # A date as the British write it, day first: "since 15/10".
        dom, month = int(match.group("d")), int(match.group("m"))
        if not (1 <= dom <= 31 and 1 <= month <= 12):
            continue
        raw_year = match.group("y")
        year = (2000 + int(raw_year) % 100) if raw_year else (
            today.year if (month, dom) <= (today.month, today.day) else today.year - 1)
        add(match, _safe_date(year, month, dom))
    if age_years is not None:
        for match in _WHEN_I_WAS.finditer(text):
            at_age = int(match.group("n"))
            if 0 < age_years - at_age < 80:
                out.append(TimeExpr((age_years - at_age) * 365, match.start(), match.end(), "point"))
    return out


def _part_day(part: str | None, default: int) -> int:
    if not part:
        return default
    part = part.replace("the ", "").replace(" of", "").replace("tail ", "").replace("back ", "").strip(" -")
    return {"early": 5, "mid": 15, "middle": 15, "late": 25, "start": 1, "beginning": 1, "end": 28}.get(part, default)


def _month_date(match: re.Match[str], today: date) -> date | None:
    month = _MONTHS[match.group("m")]
    if match.group("m") in {"mar", "jun", "dec"} and not (
            match.group("dom") or match.group("dom2") or match.group("y") or match.group("part") or match.group("last")):
        return None  # a short name alone may be a slip ("mar"): believed with a day, a year or a qualifier
    dom_raw = match.group("dom") or match.group("dom2")
    starts = match.group(0).split()[0] in {"since", "from"}
    day = int(dom_raw) if dom_raw else _part_day(match.group("part"), 1 if starts else 15)
    year_raw = match.group("y")
    if year_raw and year_raw[:2] in {"19", "20"}:
        year = int(year_raw)
    elif year_raw == "last year":
        year = today.year - 1
    else:
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        if match.group("last") == "last" and month == today.month:
            year = today.year - 1
    return _safe_date(year, month, day)


def _season_date(match: re.Match[str], today: date) -> date:
    season = match.group("s")
    first = _SEASONS[season][0]
    day = _part_day(match.group("part"), 15)
    offset, on = (0, day) if day <= 5 else (2, day) if day >= 25 else (1, 15)

    def at(year: int, months: int = offset, dom: int = on) -> date:
        # Winter Y runs from December Y-1 to February Y.
        month, y = first + months, year - (1 if season == "winter" else 0)
        if month > 12:
            month, y = month - 12, y + 1
        return _safe_date(y, month, dom)

    year_raw = (match.group("y") or "").removeprefix("of ")
    explicit = re.search(r"(?:19|20)\d\d", year_raw)
    if explicit:
        return at(int(explicit.group(0)))
    year = today.year + (1 if season == "winter" and today.month == 12 else 0)
    if at(year) > today:
        year -= 1
    if (match.group("rel") or "") == "last" and at(year, 0, 1) <= today <= at(year, 2, 28):
        year -= 1  # "last summer", said in the summer, is the one before
    if year_raw == "last year" and year >= today.year:
        year = today.year - 1
    if year_raw == "before last":
        year -= 1
    return at(year)


def _holiday_date(match: re.Match[str], today: date) -> date:
    name = match.group("h")
    year_raw = match.group("y") or ""
    if year_raw[:2] in {"19", "20"}:
        return _holiday_in(name, int(year_raw))
    then = _holiday_in(name, today.year)
    if then > today:
        then = _holiday_in(name, today.year - 1)
    if year_raw == "last year" and then.year == today.year:
        then = _holiday_in(name, today.year - 1)
    if year_raw == "before last":
        then = _holiday_in(name, then.year - 1)
    return then


def _holiday_in(name: str, year: int) -> date:
    if name == "easter":
        return _easter(year)
    month, day = _HOLIDAYS[name]
    return date(year, month, day)


def _year_date(match: re.Match[str], today: date) -> date | None:
    raw = match.group("y")
    if raw == "last year" and not match.group("part"):
        return today - timedelta(days=365)
    year = today.year - 1 if raw == "last year" else today.year if raw in {"this year", "the start of the year"} \
        else int(raw)
    part = match.group("part")
    if raw == "the start of the year":
        return date(year, 1, 1)
    if part:
        day = _part_day(part, 15)
        month = 1 if day == 1 else 2 if day == 5 else 7 if day == 15 else 10 if day == 25 else 12
        return _safe_date(year, month, 15 if day not in {1, 28} else day)
    if year == today.year:
        return date(year, 1, 1) + (today - date(year, 1, 1)) // 2
    return date(year, 7, 1)


def _previous_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def _safe_date(year: int, month: int, day: int) -> date:
    for d in range(day, 0, -1):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    return date(year, month, 1)


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)
