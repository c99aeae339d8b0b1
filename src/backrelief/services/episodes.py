"""How it started, saved the one way every way in saves it: the web's "How it started"
page, the terminal's `diary start` and `diary how-it-started`, the home API's
/api/v1/diary/episode and the clinic's page and /api/v1/me/episode.

The start is checked (every problem at once; no day after the person's today), becomes the
person's own (it limits their entries' dates, as a start worked out from a check does), and a change that makes the latest
check's advice more urgent (a fall from a height, past 4 weeks) comes back as an alert for
the way in to show at once, as a warning sign written in the diary does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from backrelief.diary.dates import checked_start
from backrelief.diary.models import EpisodePublic
from backrelief.diary.warning_signs import SignAlert, start_alert
from backrelief.storage import Assessments, Episodes


@dataclass(frozen=True)
class StartSaved:
    episode: EpisodePublic
    # What the rules say now, when the new start makes the latest check more urgent.
    alert: SignAlert | None
    # True when this started a new episode rather than correcting the latest one.
    new: bool


def save_start(engine: Engine, data: Mapping[str, Any], today: date, *, person_id: int | None = None,
               new_episode: bool = False) -> StartSaved:
    """Correct how the latest episode started (or start the first one); `new_episode`
    starts another bout instead. `today` is the person's today. Raises InvalidInput
    naming every problem."""
    given = checked_start(dict(data), today)
    episodes = Episodes(engine, person_id)
    latest = None if new_episode else episodes.latest()
    saved = episodes.start(given) if latest is None else episodes.change(latest.id, given)
    check = Assessments(engine, person_id).latest()
    alert = start_alert(given, today, check.assessment if check else None, check.disposition if check else None)
    return StartSaved(episode=saved, alert=alert, new=latest is None)


def changed(current: EpisodePublic | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields given, over what the latest episode already says: the terminal changes
    only the options it is given."""
    base: dict[str, Any] = {} if current is None else {
        "started_on": current.started_on.isoformat(), "onset": current.onset, "trigger": current.trigger,
        "how": current.how}
    return {**base, **data}
