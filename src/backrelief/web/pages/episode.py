"""How it started: the episode's start day, onset and trigger, recorded from the check and
changed here by the person (the terminal's `diary start`). A start given here is the
person's own (it limits their entries' dates, as a worked-out start does); a change that makes the latest check's
advice more urgent is said at once, as a warning sign in the diary is.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from backrelief.diary.models import EpisodePublic
from backrelief.errors import InvalidInput
from backrelief.services.episodes import save_start
from backrelief.storage import Episodes
from backrelief.web.entry_days import days_for
from backrelief.web.pages.diary_form import plain_error, screen_choices
from backrelief.web.render import FieldError, page, services

router = APIRouter()

FIELDS = ("started_on", "onset", "trigger", "how")
# A choice the person is not sure of is recorded as not known, never as a guess.
NOT_SURE = "unsure"
NO_DAY = FieldError("started_on", "The day it started", "Enter the day it started, for example 2026-11-20")


def values_of(episode: EpisodePublic | None) -> dict[str, str]:
    if episode is None:
        return {}
    return {"started_on": episode.started_on.isoformat(), "onset": episode.onset or "",
            "trigger": episode.trigger or "", "how": episode.how}


# Where the page sends its form and its "back" link: the home diary's, or the clinic's.
HOME = {"action": "/diary/how-it-started", "diary_url": "/diary"}


def form_context(request: Request, values: dict[str, str], errors: list[FieldError],
                 episode: EpisodePublic | None, urls: dict[str, str]) -> dict[str, Any]:
    """The "How it started" form's page, for the home diary and the clinic's alike."""
    return {
        "values": values, "errors": errors, "error_for": {e.field: e.message for e in errors}, "episode": episode,
        "onsets": [*screen_choices(request, "onset"), (NOT_SURE, "I'm not sure")],
        "triggers": [*screen_choices(request, "trigger"), (NOT_SURE, "I'm not sure")], **urls,
    }


def _page(request: Request, values: dict[str, str], errors: list[FieldError], episode: EpisodePublic | None,
          status: int = 200) -> Response:
    return page(request, "how_it_started.html", form_context(request, values, errors, episode, HOME), status=status)


@router.get("/diary/how-it-started")
async def how_it_started(request: Request) -> Response:
    episode = Episodes(services(request).engine).latest()
    return _page(request, values_of(episode), [], episode)


def form_data(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {"started_on": str(form.get("started_on") or "").strip() or None,
                            "how": str(form.get("how") or "").strip()}
    for name in ("onset", "trigger"):
        value = str(form.get(name) or "")
        data[name] = None if value in ("", NOT_SURE) else value
    return data


@router.post("/diary/how-it-started")
async def save_how_it_started(request: Request) -> Response:
    s = services(request)
    form = await request.form()
    episode = Episodes(s.engine).latest()
    typed = {k: str(form.get(k) or "") for k in FIELDS}
    data = form_data(form)
    if data["started_on"] is None:
        return _page(request, typed, [NO_DAY], episode, status=400)
    try:
        saved = save_start(s.engine, data, days_for(request, s.engine).last)
    except InvalidInput as error:
        return _page(request, typed, [plain_error(p) for p in error.problems], episode, status=400)
    if saved.alert is None:
        return RedirectResponse("/diary?done=started", status_code=303)
    return page(request, "how_it_started_saved.html", {"alert": saved.alert, "episode": saved.episode, **HOME})
