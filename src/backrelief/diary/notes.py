"""A diary note is read for warning signs, like a new symptom picked from the list.

People write what worries them in their own words ("numb between my legs this morning")
more often than they pick it from a list. A sign in the note that the reader finds present,
or "not sure" (a hedge), joins the entry's new symptoms when the entry is saved, so it is
a triage event at once (warning_signs.entry_alert) and reaches the report's first page with
its date. A sign the note denies is left out: a diary entry never records an absence. The
person sees the signs on the saved entry and can remove one that was misread.

The reader is the same one the interview uses for own words (reading.read): one reader,
no second word list here.
"""

from __future__ import annotations

import re
from datetime import date

from backrelief.assessment import Finding
from backrelief.diary.models import EntryCreate, EntryUpdate
from backrelief.errors import InvalidInput, TooYoung


def signs_in_note(note: str, today: date) -> tuple[Finding, ...]:
    """The warning signs a note says are there (or may be), in the order written."""
    if not note or not note.strip():
        return ()
    from backrelief.reading import read  # the spaCy pipeline loads only when a note is written

    try:
        reading = read(note, today)
    except TooYoung:
        # An age under 16 in a note is someone else's ("my son is 12"); the diary's owner
        # was checked when they began. Its signs are read with the numbers left out.
        try:
            reading = read(re.sub(r"\d+", " ", note), today)
        except InvalidInput:
            return ()
    except InvalidInput:
        return ()  # a note the reader cannot take (too long) has nothing read from it
    found = (*(reading.assessment.findings or ()), *(reading.assessment.findings_unsure or ()))
    return tuple(dict.fromkeys(found))


def with_note_signs(entry: EntryCreate, today: date) -> EntryCreate:
    """The entry with the signs its note names added to its new symptoms."""
    added = [f for f in signs_in_note(entry.notes, today) if f not in entry.new_findings]
    return entry.model_copy(update={"new_findings": (*entry.new_findings, *added)}) if added else entry


def update_with_note_signs(update: EntryUpdate, current: tuple[Finding, ...], today: date) -> EntryUpdate:
    """A change that rewrites the note adds the signs the new note names (to the entry's
    symptoms as they will be after the change); a change that leaves the note alone reads
    nothing, so a sign the person removed stays removed."""
    if update.notes is None:
        return update
    after = update.new_findings if update.new_findings is not None else current
    added = [f for f in signs_in_note(update.notes, today) if f not in after]
    if not added:
        return update
    return update.model_copy(update={"new_findings": (*after, *added)})
