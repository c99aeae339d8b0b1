"""Matched phrases and numbers into one Assessment, keeping the words behind each answer.

The safer side wins every tie: a finding said both ways counts as present, a "not sure"
stays unsure rather than no, and the more urgent of two places (upper or middle back
before lower, both legs before one) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from typing import Any, Literal

from backrelief.assessment import MAX_AGE, MIN_AGE, Assessment
from backrelief.errors import TooYoung
from backrelief.reading import ages, numbers
from backrelief.reading.context import Category, ContextEngine
from backrelief.reading.gestation import read_gestation
from backrelief.reading.lexicon import load_lexicon
from backrelief.reading.normalise import Normalised
from backrelief.reading.pipeline import Mention
from backrelief.reading.times import find_times

RADIATION_REACH = {"none": 0, "buttock": 1, "thigh": 2, "below_knee": 3}
REGION_URGENCY = {"lower": 0, "middle": 1, "upper": 2}
# When several causes are named, the one most likely to have done the damage.
TRIGGER_ORDER = ("road_accident", "fall_from_height", "fall", "moving_furniture", "lifting", "twisting", "bending",
                 "sports", "sleeping", "other", "none")
# Findings that describe the back pain itself: a time next to them is the episode's.
_ABOUT_THE_PAIN = {"morning_stiffness_over_30_min", "improves_with_exercise", "night_pain_at_rest", "flank_pain",
                   "spine_deformity", "previous_back_pain", "stops_daily_activities"}
EVENT_TRIGGERS = {"road_accident", "fall_from_height", "fall", "moving_furniture", "lifting", "twisting", "bending", "sports"}
RECENT_HISTORY = {"recent_spinal_procedure", "recent_serious_infection"}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "in the summer", "last spring": a season back is longer ago than the recent window.
_SEASON = re.compile(r"\b(?:in the|last|over the|during the) (?:summer|spring|autumn|fall|winter)\b")
_SELF_NEGATED = re.compile(r"(?:can not|cannot|could not|not|unable|have not|has not|had not|no|never|did not|"
                           r"do not|does not|will not|would not|nothing|hardly|barely)\b")
# The findings that cannot wait: only a plain denial ("no problems with my bladder",
# "bowels fine") marks them absent.
_CANNOT_WAIT = {"new_bladder_problem", "new_bowel_incontinence", "saddle_numbness"}
# The bladder and bowel signs by the words that name them inside a denial phrase.
_ALSO_NAMED = {
    "new_bladder_problem": re.compile(r"\b(?:bladder|urinary|urine|waterworks|peeing|weeing|pee|wee)\b"),
    "new_bowel_incontinence": re.compile(r"\b(?:bowel|bowels|faecal|fecal|faeces|feces|stool|stools|pooing|pooping|poo)\b"),
}
# History items some words imply together.
_IMPLIED_HISTORY = (
    (re.compile(r"\bkidney transplant"), ("kidney_disease", "immunosuppression")),
)


# Words for pain this bad or worse set a score; milder words leave it to be asked.
SEVERE_WORDS_FROM = 7
# Findings that say how things are now: one that has gone is asked about again, not assumed.
_NOW_ONLY = {"fever", "chills_or_night_sweats", "feels_unwell"}
# What undoes a denial: a hedge in its sentence, "until today", "though I did once", or
# "back to normal again" (it was not normal, so it came and went).
# A denial said only of now ("no numbness now", "bladder fine since") is not plain either.
_NOT_PLAIN = {"hedge", "until_now", "concession", "resolved", "now_only"}


@cache
def _context() -> ContextEngine:
    lexicon = load_lexicon()
    return ContextEngine(lexicon.context_rules, lexicon.macros)


# Findings that only a pregnant person can have.
_PREGNANCY_ONLY = ("reduced_baby_movements", "waters_leaking")


@dataclass(frozen=True)
class Evidence:
    field: str
    value: str
    start: int  # original text offsets
    end: int
    # Taken from words that imply it ("agony" -> a score of 9-10), not stated: to confirm.
    inferred: bool = False
    low: int | None = None
    high: int | None = None
    # The words hold their own denial ("bowels fine", "Bladder/bowel NAD"): quoted as written.
    denial_in_span: bool = False


@dataclass
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    present: dict[str, Evidence] = field(default_factory=dict)
    absent: dict[str, Evidence] = field(default_factory=dict)
    unsure: dict[str, Evidence] = field(default_factory=dict)
    history: dict[str, Evidence] = field(default_factory=dict)
    history_absent: dict[str, Evidence] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


# The contract's names for the fields some phrases fill.
_FIELD_NAMES = {"side": "leg_sides", "finding": "findings", "history": "history"}


def _ev(norm: Normalised, name: str, value: str, start: int, end: int) -> Evidence:
    a, b = norm.original(start, end)
    return Evidence(_FIELD_NAMES.get(name, name), value, a, b)


def _recent_enough(norm: Normalised, mention: Mention, window: int, today: date) -> bool:
    """A 'recent' history item: its own clause must not place it long ago."""
    clause = _clause_around(norm.text, mention.start, mention.end)
    if mention.past or _YEAR.search(clause) or _SEASON.search(clause):
        return False
    found = numbers.duration(clause + " ago", today)
    return not (re.search(r"\bago\b|\blast\b|\bin\b", clause) and found is not None and found.value > window)


def _inside_finding(m: Mention, mentions: list[Mention], text: str) -> bool:
    """A side inside a finding that carries its own "no" ("no strength in my left leg")."""
    return any(f.field == "finding" and f.start <= m.start and m.end <= f.end and not f.hypothetical
               and (not f.negated or _SELF_NEGATED.match(text[f.start:f.end])) for f in mentions)


# A denial that points back at everything just listed.
_DENIES_ALL_BEFORE = re.compile(r"(?:\b(?:i do not have|i have not got|i have not had|i have never had|not had|i have none of|"
                                r"i do not get|i have not noticed)\s+(?:any of\s+)?(?:that|those|these|them|the above)\b|"
                                r"\bnone of (?:that|those|these|them|the above|which)\b)(?!\s+(?:before|until|till))")
_CORRECTION = re.compile(r"\b(?:actually|sorry|i mean|or rather|no wait|correction|scratch that)\b")
# Words that say both legs in so many words; a bare "my legs" ("between my legs", "my legs
# are strong") says both only where a symptom is placed in them ("my legs are numb").
_BOTH_SAID = re.compile(r"\b(?:both|either|each|two|other|alternat\w*|switch\w*|swap\w*|left and right|right and left|"
                        r"side to side|not just one|not only one)\b")
_LEG_FINDINGS = {"leg_numbness", "leg_weakness", "leg_weakness_worsening", "foot_drop", "unable_to_walk",
                 "unsteady_walking"}


# Numbness felt on the toilet or when wiping is the warning sign, however it is worded.
_TOILET_WORDS = frozenset({"toilet", "loo", "wipe", "wiping", "wiped", "wipes", "paper", "bidet", "wash", "washing"})


@cache
def _buttock_and_saddle_words() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """The buttock words, and the saddle words that are more than the buttocks."""
    macros = load_lexicon().macros
    buttock = frozenset(tuple(w.split()) for w in macros["buttock_place"])
    return buttock, frozenset(tuple(w.split()) for w in macros["saddle"]) - buttock


def _numb_from_sitting(text: str, m: Mention, around: frozenset[Category],
                       words: tuple[str, ...]) -> Literal["long_standing", "not_sure"] | None:
    """A numb bottom that comes with sitting: "long_standing" when the words say it has been
    so for years (left to be asked), "not_sure" when they do not say it is new; None when
    the numbness is new, or its sentence names more than the buttocks (the back passage,
    genitals, inner thighs), the toilet or wiping, when it is the warning sign whatever else is
    said."""
    if "positional" not in around or "new_onset" in around:
        return None
    buttock, beyond = _buttock_and_saddle_words()

    def names(phrases: frozenset[tuple[str, ...]]) -> bool:
        return any(words[i:i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))

    if not names(buttock) or names(beyond) or _TOILET_WORDS & set(words):
        return None
    return "long_standing" if "long_standing" in around else "not_sure"


def _also_named(m: Mention, text: str) -> list[Mention]:
    """The other bladder or bowel sign, when a phrase about one names both, or a denial's
    words come straight after the other's name and an "and" ("urine and bowels fine")."""
    if m.value not in _ALSO_NAMED:
        return []
    before = text[max(0, m.start - 30):m.start]
    return [replace(m, value=other) for other, named in _ALSO_NAMED.items()
            if other != m.value and (named.search(text[m.start:m.end]) or (
                m.field == "finding_denied" and re.search(
                    r"(?:^|[,.;!?]|\b(?:no|and))\s*(?:my\s+|the\s+)?" + named.pattern + r"\s*(?:and|or|&|,)\s*$", before)))]


def _legs_have_symptoms(side: Mention, mentions: list[Mention]) -> bool:
    return any(o.start <= side.end and side.start <= o.end and not o.negated and not o.hypothetical
               and ((o.field == "radiation" and o.value != "none") or (o.field == "finding" and o.value in _LEG_FINDINGS))
               for o in mentions)


def _same_clause(text: str, a: Mention, b: Mention) -> bool:
    first, second = (a, b) if a.start <= b.start else (b, a)
    between = text[first.end:second.start]
    return len(between) <= 30 and not re.search(r"[.,;!?]|\b(?:but|and my|and it)\b", between)


def _clause_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("!", 0, start))
    rights = [i for i in (text.find(c, end) for c in ".;!") if i != -1]
    return text[left + 1: min(rights) if rights else len(text)]


# The mentions of warning signs and history (the rest say where, how and since when).
_SIGN_FIELDS = frozenset({"finding", "finding_denied", "finding_maybe", "topic", "history", "history_denied"})


@dataclass
class _Said:
    """What the mentions said of each field, before one answer per field is chosen."""

    regions: list[tuple[str, Evidence]] = field(default_factory=list)
    reaches: list[tuple[str, Evidence]] = field(default_factory=list)
    radiation_denied: list[Evidence] = field(default_factory=list)
    sides: list[tuple[str, Evidence]] = field(default_factory=list)
    triggers: list[tuple[str, Evidence]] = field(default_factory=list)
    trigger_denied: list[Evidence] = field(default_factory=list)
    onsets: list[tuple[str, Evidence]] = field(default_factory=list)
    eases: dict[str, Evidence] = field(default_factory=dict)
    worsens: dict[str, Evidence] = field(default_factory=dict)
    sexes: list[tuple[str, Evidence]] = field(default_factory=list)
    pregnancy: list[tuple[bool, Evidence]] = field(default_factory=list)
    severity_words: list[tuple[int, int, Evidence]] = field(default_factory=list)
    ev_norm: dict[str, tuple[int, int]] = field(default_factory=dict)
    maybe: dict[str, Evidence] = field(default_factory=dict)


def assemble(text: str, norm: Normalised, mentions: list[Mention], today: date, window: int) -> Draft:
    """The mentions and numbers of one text as one draft answer per field."""
    a = _Assembly(text, norm, mentions, today, window)
    # "Bladder and bowel dysfunction", "bladder and bowel function normal": a phrase that
    # names both signs says the same of each.
    named_both = [o for m in mentions if m.field in {"finding", "finding_denied"} for o in _also_named(m, norm.text)]
    for m in mentions + named_both:
        if not (m.other_person or m.hypothetical):
            a.mention(m)
    a.implied()
    a.numbers()
    a.one_answer_per_field()
    return a.d


class _Assembly:
    """One text being assembled: its draft, what each mention said, and the context rules."""

    def __init__(self, text: str, norm: Normalised, mentions: list[Mention], today: date, window: int) -> None:
        self.d = Draft()
        self.said = _Said()
        self.text, self.norm, self.t = text, norm, norm.text
        self.mentions, self.today, self.window = mentions, today, window
        self.context = _context()
        self.denied_back = [found.start() for found in _DENIES_ALL_BEFORE.finditer(self.t)]

    @cached_property
    def points(self) -> list[tuple[int, int]]:
        """Where the text names a point in time ("the weekend before last")."""
        return [(e.start, e.end) for e in find_times(self.t, self.today) if e.kind == "point"]

    def around(self, m: Mention) -> frozenset[Category]:
        return self.context.categories(self.t, m.start, m.end, self.today)

    def deny(self, value: str, ev: Evidence, m: Mention) -> None:
        """A denial counts only when plain: a hedge in its sentence, "until today" or a
        concession after it ("though I did have one accident") leaves it not sure."""
        (self.d.unsure if self.around(m) & _NOT_PLAIN else self.d.absent).setdefault(value, ev)

    def mention(self, m: Mention) -> None:
        ev = _ev(self.norm, m.field, m.value, m.start, m.end)
        if m.field in _SIGN_FIELDS:
            self.sign(m, ev)
        else:
            self.answer(m, ev)

    def sign(self, m: Mention, ev: Evidence) -> None:
        """What a mention of a warning sign or of history says: there, not, not sure, then."""
        d, s, t, norm, today, mentions = self.d, self.said, self.t, self.norm, self.today, self.mentions
        context, window, denied_back, deny = self.context, self.window, self.denied_back, self.deny
        if m.field == "finding" and any(0 <= at - m.end <= 200 and not re.search(r"[.!?]\s+\S[^.!?]*[.!?]", t[m.end:at])
                                        for at in denied_back):
            # "numbness in the saddle area and loss of bladder control, I don't have any of that".
            deny(m.value, ev, m)
            return
        if m.field in {"finding", "finding_maybe"} and m.value == "saddle_numbness" and not m.negated:
            sitting = _numb_from_sitting(t, m, context.categories(t, m.start, m.end, today),
                                         context.words(t, m.start, m.end))
            if sitting == "long_standing":
                return  # a bottom that has gone numb on long drives for years: asked, not read
            if sitting == "not_sure":
                d.unsure.setdefault(m.value, ev)
                return
        if m.field == "finding":
            # Words that carry their own "not" ("can't pee", "no feeling down there") are not
            # undone by an earlier one: a double negative is rare, a missed red flag is not.
            negated = m.negated and not _SELF_NEGATED.match(t[m.start:m.end])
            around = context.categories(t, m.start, m.end, today)
            answered = "answered_no" in around
            if "answered_yes" in around:
                d.present.setdefault(m.value, ev)
            elif (m.past or "past_episode" in around) and not negated:
                return  # a past episode's sign is history, not now
            elif negated and "resolved" in around:
                d.unsure.setdefault(m.value, ev)  # it was there: asked again, never assumed gone
            elif negated or answered:
                deny(m.value, ev, m)
            elif "resolved" in around and not (m.unsure or "doubt" in around):
                # A sign that came and went is still a sign; one that says how things are now
                # (a temperature) is asked about again.
                (d.unsure if m.value in _NOW_ONLY else d.present).setdefault(m.value, ev)
            elif m.unsure or "doubt" in around:
                # A hedge anywhere in the sign's clause ("kind of numb down there, hard to
                # say"): not sure, so it is asked, never taken as sure either way.
                d.unsure.setdefault(m.value, ev)
            else:
                d.present.setdefault(m.value, ev)
        elif m.field == "finding_denied" and not m.unsure and \
                "negated_before" not in context.categories(t, m.start, m.end, today):
            deny(m.value, ev, m)
        elif m.field == "finding_maybe" and not m.negated and not m.past and not any(
                # A look-alike over the same words silences the net, unless it is the very same
                # words (a phrase kept out of the findings on purpose to be asked about).
                i.field == "ignore" and i.start < m.end and m.start < i.end and (i.start, i.end) != (m.start, m.end)
                for i in mentions):
            s.maybe.setdefault(m.value, ev)
        elif m.field == "topic" and not m.unsure and (
                m.negated or "answered_no" in context.categories(t, m.start, m.end, today)):
            plain_denial = context.categories(t, m.start, m.end, today) & {"answered_no", "plain_denial"}
            cue_end = context.end_of_cue_after(t, m.start, m.end, today, "plain_denial") if plain_denial else None
            if cue_end is not None:
                # "Bladder/bowel NAD": the denying word comes after the words, so it is quoted with them.
                ev = replace(ev, end=norm.original(m.start, cue_end)[1], denial_in_span=True)
            for value in m.value.split("+"):
                if plain_denial or value not in _CANNOT_WAIT:
                    deny(value, ev, m)
                else:
                    # "I haven't been for a wee in 18 hours" is not "no bladder trouble": a
                    # cauda equina topic under a verb's "not" is asked about, never denied.
                    s.maybe.setdefault(value, ev)
        elif m.field == "history" and "relative" in context.categories(t, m.start, m.end, today):
            return  # "my dad had kidney stones": the phrase's own "had" hid the relative's cue
        elif m.field == "history" and t[m.start:m.end].endswith(" before") and any(
                a < m.end - len("before") < b for a, b in self.points):
            return  # "back pain since the weekend before last": the "before" is a time's, not an earlier bout
        elif m.field == "history":
            if m.denied or "answered_no" in context.categories(t, m.start, m.end, today):
                d.history_absent.setdefault(m.value, ev)
            elif m.unsure or (m.value in RECENT_HISTORY and not _recent_enough(norm, m, window, today)):
                return
            else:
                d.history.setdefault(m.value, ev)
                s.ev_norm.setdefault(m.value, (m.start, m.end))
        elif m.field == "history_denied" and not m.negated:
            d.history_absent.setdefault(m.value, ev)

    def answer(self, m: Mention, ev: Evidence) -> None:
        """What a mention of anything but a sign or history says: where, how, since when."""
        s, t, context, today, mentions = self.said, self.t, self.context, self.today, self.mentions
        if m.field == "trigger":
            if m.negated:
                s.trigger_denied.append(ev)
            else:
                s.triggers.append((m.value, ev))
        elif m.field in {"eases", "worsens"} and not m.negated and not m.past:
            (s.eases if m.field == "eases" else s.worsens).setdefault(m.value, ev)
        elif m.field == "region" and not m.negated and not m.past:
            s.regions.append((m.value, ev))
        elif m.field == "radiation" and not m.past:
            if m.negated:
                s.radiation_denied.append(ev)
            else:
                s.reaches.append((m.value, ev))
        elif m.field == "radiation_topic" and m.negated:
            s.radiation_denied.append(ev)
        elif m.field == "side" and not m.past and (not m.negated or _inside_finding(m, mentions, t)) and (
                m.value != "both" or _BOTH_SAID.search(t[m.start:m.end]) or _legs_have_symptoms(m, mentions)):
            s.sides.append((m.value, ev))
        elif m.field == "onset" and not m.negated and not m.past:
            s.onsets.append((m.value, ev))
        elif m.field == "sex":
            s.sexes.append((m.value, ev))
        elif m.field == "severity_word" and not m.negated and not m.past and not any(
                # "I feel terrible" is about feeling unwell, not how bad the pain is.
                f.field == "finding" and f.start <= m.start and m.end <= f.end for f in mentions) and not any(
                # "Bending over is agony": how bad one movement is, not the pain now.
                f.field == "worsens" and not f.negated and (f.end <= m.start or m.end <= f.start) and _same_clause(t, f, m)
                for f in mentions):
            low, high = (int(x) for x in m.value.split("-"))
            s.severity_words.append((low, high, ev))
        elif m.field == "pregnant" and not m.unsure and not m.past:
            says = (m.value == "true") != m.negated
            if m.value == "true" and "past_tense" in context.categories(t, m.start, m.end, today):
                # "When I was pregnant with my son", "when I was pregnant I was fine": then, not
                # now, neither yes nor no; asked.
                return
            s.pregnancy.append((says, ev))

    def implied(self) -> None:
        """Findings and history the words imply, and one status per finding."""
        d, s, t = self.d, self.said, self.t
        for pattern, implied in _IMPLIED_HISTORY:
            for value, (start, end) in list(s.ev_norm.items()):
                if pattern.search(t[start:end]):
                    ev = d.history[value]
                    for item in implied:
                        d.history.setdefault(item, ev)
        # Findings that imply others (the vignettes' conventions, and plain sense).
        if "leg_weakness_worsening" in d.present:
            d.present.setdefault("leg_weakness", d.present["leg_weakness_worsening"])
        if "morning_stiffness_over_30_min" in d.present:
            s.worsens.setdefault("morning", d.present["morning_stiffness_over_30_min"])
        if "improves_with_exercise" in d.present:
            s.eases.setdefault("movement", d.present["improves_with_exercise"])
        elif "movement" in s.eases:
            d.present.setdefault("improves_with_exercise", s.eases["movement"])
        covered = {"leg_weakness": {"foot_drop", "unable_to_walk", "leg_weakness_worsening", "unsteady_walking"}}
        for value, ev in s.maybe.items():
            # Only where no phrase said yes, no or not sure for this finding, or a graver one.
            known = value in d.present or value in d.absent or value in d.unsure
            if not known and not covered.get(value, set()) & set(d.present):
                d.unsure[value] = ev
        for value in list(d.absent):
            if value in d.present or value in d.unsure:
                del d.absent[value]
        for value in list(d.unsure):
            if value in d.present:
                del d.unsure[value]
        for value in list(d.history_absent):
            if value in d.history:
                del d.history_absent[value]

    def numbers(self) -> None:
        """Age, pain score, how long, earlier episodes."""
        d, s, t, norm, today, mentions = self.d, self.said, self.t, self.norm, self.today, self.mentions
        found_age, letter_sex, sex_span = ages.age(t)
        if found_age is not None:
            if found_age.value < MIN_AGE:
                raise TooYoung()
            if found_age.value <= MAX_AGE:
                d.values["age"] = found_age.value
                d.evidence.append(_ev(norm, "age", str(found_age.value), found_age.start, found_age.end))
        if letter_sex and sex_span:
            s.sexes.insert(0, (letter_sex, _ev(norm, "sex", letter_sex, *sex_span)))
        now, worst = numbers.severity(t)
        if now:
            d.values["severity"] = now.value
            d.evidence.append(_ev(norm, "severity", str(now.value), now.start, now.end))
        elif s.severity_words:
            low, high, ev = max(s.severity_words, key=lambda w: (w[1], w[0]))
            # Severe words set the score at the top of their range, to be confirmed; milder words
            # set none (it is asked): a guessed low score could only make the advice less careful.
            shown = Evidence("severity", str(high), ev.start, ev.end, inferred=True, low=low, high=high)
            if low >= SEVERE_WORDS_FROM:
                d.values["severity"] = high
                d.evidence.append(shown)
            else:
                d.evidence.append(Evidence("severity_words", f"{low}-{high}", ev.start, ev.end, inferred=True, low=low,
                                           high=high))
        if worst:
            d.values["worst_severity"] = worst.value
            d.evidence.append(_ev(norm, "worst_severity", str(worst.value), worst.start, worst.end))
        # An earlier bout said with the pain's own words ("back pain on and off for years") dates the
        # pain; one said without them ("had it twice last year") keeps its time to itself.
        symptom_spans = [(m.start, m.end) for m in mentions if (m.field == "history" and not (
            m.value in _ABOUT_THE_PAIN and numbers.names_the_pain(t[m.start:m.end])))
            or (m.field == "finding" and m.value not in _ABOUT_THE_PAIN)]
        episode_spans = [(m.start, m.end) for m in mentions if m.field in {"trigger", "onset", "region", "radiation"}]
        # The weeks of a s.pregnancy ("pregnant with my son, 30 weeks") are not how long the back has hurt.
        weeks = read_gestation(t)
        claimed = [(weeks.start, weeks.end)] if weeks else []
        how_long = numbers.duration(t, today, d.values.get("age"), symptom_spans, episode_spans, claimed,
                                    lambda a, b: "past_episode_time" in self.context.categories(t, a, b, today))
        if how_long:
            d.values["duration_days"] = how_long.value
            d.evidence.append(_ev(norm, "duration_days", str(how_long.value), how_long.start, how_long.end))
        before = numbers.episodes(t)
        if before:
            d.values["episodes_last_year"] = before.value
            d.evidence.append(_ev(norm, "episodes_last_year", str(before.value), before.start, before.end))

    def one_answer_per_field(self) -> None:
        """The safer of what was said, one answer per field."""
        d, s, t, norm, text = self.d, self.said, self.t, self.norm, self.text
        if s.regions:
            value, ev = max(s.regions, key=lambda r: REGION_URGENCY[r[0]])
            d.values["region"] = value
            d.evidence.append(ev)
        reach = [r for r in s.reaches if r[0] != "none"]
        if reach:
            value, ev = max(reach, key=lambda r: RADIATION_REACH[r[0]])
            d.values["radiation"] = value
            d.evidence.append(ev)
        elif s.reaches or s.radiation_denied:
            ev = s.reaches[0][1] if s.reaches else s.radiation_denied[0]
            d.values["radiation"] = "none"
            d.evidence.append(Evidence("radiation", "none", ev.start, ev.end))
        if s.sides:
            both = [s for s in s.sides if s[0] == "both"]
            said = " ".join(text[ev.start:ev.end].lower() for _, ev in s.sides)
            if not both and "left" in said and "right" in said:
                # "started in my left leg, now it is in my right leg as well"
                both = [("both", s.sides[-1][1])]
            value, ev = both[0] if both else s.sides[0]
            legs_involved = d.values.get("radiation") not in (None, "none") or any(
                f in d.present or f in d.unsure for f in ("leg_numbness", "leg_weakness", "foot_drop"))
            # Without leg symptoms, only a side said in so many words ("my left leg") counts.
            said = text[ev.start:ev.end].lower()
            explicit = re.search(r"\b(?:left|right|both|one|either|each|two|other)\b", said) and re.search(
                r"\b(?:leg|legs|foot|feet|thigh|thighs|calf|calves|buttock|buttocks|bum|hip|knee|ankle|shin|toe|toes)\b", said)
            if legs_involved or (explicit and "radiation" not in d.values):
                if d.values.get("radiation") == "none":
                    # Leg symptoms with "no leg pain": where the pain goes is unknown, the side is not.
                    del d.values["radiation"]
                    d.evidence = [e for e in d.evidence if e.field != "radiation"]
                d.values["leg_sides"] = value
                d.evidence.append(ev)
        # "hurt it deadlifting... actually it was rugby": a correction replaces what came before.
        corrected = [tr for tr in s.triggers if not any(
            other[1].start > tr[1].end and _CORRECTION.search(text[tr[1].end:other[1].start].lower()) for other in s.triggers)]
        s.triggers = corrected or s.triggers
        if s.triggers:
            value, ev = min(s.triggers, key=lambda tr: TRIGGER_ORDER.index(tr[0]))
            d.values["trigger"] = value
            d.evidence.append(ev)
        elif s.trigger_denied:
            d.values["trigger"] = "none"
            d.evidence.append(Evidence("trigger", "none", s.trigger_denied[0].start, s.trigger_denied[0].end))
        trigger = d.values.get("trigger")
        if trigger in EVENT_TRIGGERS:
            d.values["onset"] = "sudden"
            # Not said in so many words: an event (a lift, a fall) is taken to have started
            # it at once. Its words go with it, marked inferred, so the interview shows it as
            # a guess to confirm ("From 'lifting a box': it came on suddenly, right?").
            stated = [ev for value, ev in s.onsets if value == "sudden"]
            event = next((e for e in reversed(d.evidence) if e.field == "trigger"), None)
            if stated:
                d.evidence.append(stated[0])
            elif event is not None:
                d.evidence.append(Evidence("onset", "sudden", event.start, event.end, inferred=True))
        elif s.onsets:
            sudden = [o for o in s.onsets if o[0] == "sudden"]
            value, ev = sudden[0] if sudden else s.onsets[0]
            d.values["onset"] = value
            d.evidence.append(ev)
        if s.eases:
            kept = {k: v for k, v in s.eases.items() if k != "nothing"} or s.eases
            d.values["eases"] = tuple(kept)
            d.evidence.extend(Evidence("eases", k, v.start, v.end) for k, v in kept.items())
        if s.worsens:
            d.values["worsens"] = tuple(s.worsens)
            d.evidence.extend(Evidence("worsens", k, v.start, v.end) for k, v in s.worsens.items())
        if s.sexes:
            value, ev = s.sexes[0]
            d.values["sex"] = value
            d.evidence.append(Evidence("sex", value, ev.start, ev.end))
        if s.pregnancy and d.values.get("sex") != "male":
            yes = [p for p in s.pregnancy if p[0]]
            says, ev = yes[0] if yes else s.pregnancy[0]
            d.values["pregnant"] = says
            d.evidence.append(Evidence("pregnant", "true" if says else "false", ev.start, ev.end))
            if "sex" not in d.values:
                d.values["sex"] = "female"
            gestation = read_gestation(t) if says else None
            if gestation is not None:
                d.values["pregnancy_weeks"] = gestation.weeks
                a, b = norm.original(gestation.start, gestation.end)
                d.evidence.append(Evidence("pregnancy_weeks", str(gestation.weeks), a, b, gestation.inferred,
                                           gestation.low, gestation.high))
        # The baby moving less or the waters leaking can only be said in s.pregnancy ("35, 30 weeks ...
        # the baby has hardly moved"): pregnant is implied, marked inferred to confirm, so the
        # s.pregnancy rules are not skipped for want of the word "pregnant".
        implying = [d.present[f] for f in _PREGNANCY_ONLY if f in d.present]
        if implying and "pregnant" not in d.values and d.values.get("sex") != "male":
            d.values["pregnant"] = True
            d.evidence.append(Evidence("pregnant", "true", implying[0].start, implying[0].end, inferred=True))
            d.values.setdefault("sex", "female")


def to_assessment(d: Draft) -> Assessment:
    data: dict[str, Any] = dict(d.values)
    data["findings"] = tuple(d.present)
    data["findings_absent"] = tuple(d.absent)
    data["findings_unsure"] = tuple(d.unsure)
    data["history"] = tuple(d.history)
    data["history_absent"] = tuple(d.history_absent)
    return Assessment.model_validate(data)
