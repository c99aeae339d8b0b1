"""/api/v1/diary/entries: the pain diary's entries (create, list, read, change, delete);
/api/v1/diary/episode: how this bout started (read, give or correct)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from backrelief.diary.dates import checked_entry, checked_update, written_zone
from backrelief.diary.models import DAY_PATTERN, EntryCreate, EntryPublic, EntryUpdate, EpisodeGiven, EpisodePublic
from backrelief.diary.parsing import parse_period
from backrelief.diary.warning_signs import SignAlert, entry_alert
from backrelief.errors import NotFound
from backrelief.services.episodes import save_start
from backrelief.storage import Assessments, Entries, Episodes
from backrelief.storage.tables import MAX_ROW_ID
from backrelief.web.api.body import json_body, json_object
from backrelief.web.entry_days import days_for
from backrelief.web.errors import API_ERRORS, NOT_FOUND
from backrelief.web.render import json_response, services

router = APIRouter(prefix="/diary", tags=["diary"])

# Days as the calendar writes them (a bare number is not a day: pydantic would read it as a
# timestamp), in the diary's years: the schema says what the core's parse_period accepts.
DAY = DAY_PATTERN
EntryId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="The entry's id.")]


def _entries(request: Request) -> Entries:
    return Entries(services(request).engine)


class EntrySaved(EntryPublic):
    """A saved entry and, when it records a warning sign, what the red-flag rules say now."""

    warning_sign: SignAlert | None = None


def _saved(request: Request, entry: EntryPublic) -> EntrySaved:
    latest = Assessments(services(request).engine).latest()
    alert = entry_alert(entry, latest.assessment if latest else None)
    return EntrySaved(**entry.model_dump(), warning_sign=alert)


@router.get(
    "/entries",
    summary="List diary entries",
    description="Entries in time order, oldest first. `from` and `to` are days, both included.",
    response_model=list[EntryPublic],
    responses={**API_ERRORS},
)
async def list_entries(
    request: Request,
    start: Annotated[str | None, Query(alias="from", pattern=DAY, description="First day, e.g. 2026-11-01.")] = None,
    end: Annotated[str | None, Query(alias="to", pattern=DAY, description="Last day, e.g. 2026-11-30.")] = None,
) -> list[EntryPublic]:
    begin, stop = parse_period(start, end).times()
    return await run_in_threadpool(_entries(request).list, begin, stop)


@router.post(
    "/entries",
    status_code=201,
    summary="Add a diary entry",
    description="Only `at` (local date and time) and `pain_now` (0-10) are needed.",
    response_model=None,
    responses={201: {"model": EntrySaved, "description": "The saved entry, with its id, and `warning_sign` when "
                                                        "it records one: the emergency instruction comes at once."},
               **API_ERRORS},
    openapi_extra=json_body(EntryCreate, description="The entry."),
)
async def add_entry(request: Request) -> Response:
    data = await json_object(request)
    days = await run_in_threadpool(days_for, request, services(request).engine, None, written_zone(data))
    saved = await run_in_threadpool(_entries(request).add, checked_entry(data, days))
    return json_response(await run_in_threadpool(_saved, request, saved), 201)


@router.get(
    "/entries/{entry_id}",
    summary="Read one diary entry",
    response_model=EntryPublic,
    responses={**API_ERRORS, **NOT_FOUND},
)
async def get_entry(request: Request, entry_id: EntryId) -> EntryPublic:
    return await run_in_threadpool(_entries(request).get, entry_id)


@router.patch(
    "/entries/{entry_id}",
    summary="Change a diary entry",
    description="Only the fields given are changed; the entry as a whole must still be valid.",
    response_model=None,
    responses={200: {"model": EntrySaved, "description": "The changed entry (and `warning_sign`, as when added)."},
               **API_ERRORS, **NOT_FOUND},
    openapi_extra=json_body(EntryUpdate, description="The fields to change."),
)
async def change_entry(request: Request, entry_id: EntryId) -> Response:
    data = await json_object(request)
    current = await run_in_threadpool(_entries(request).get, entry_id)
    days = await run_in_threadpool(days_for, request, services(request).engine, None, written_zone(data))
    saved = await run_in_threadpool(_entries(request).update, entry_id, checked_update(data, days, current))
    return json_response(await run_in_threadpool(_saved, request, saved))


@router.delete(
    "/entries/{entry_id}",
    status_code=204,
    summary="Delete a diary entry",
    response_model=None,
    responses={204: {"description": "Deleted."}, **API_ERRORS, **NOT_FOUND},
)
async def delete_entry(request: Request, entry_id: EntryId) -> Response:
    await run_in_threadpool(_entries(request).delete, entry_id)
    return Response(status_code=204)


class EpisodeSaved(EpisodePublic):
    """How the episode started, saved; `warning_sign` when the new start makes the latest
    check's advice more urgent (said at once, as a warning sign in an entry is)."""

    warning_sign: SignAlert | None = None


NO_EPISODE = "No episode yet: give how it started with PUT /api/v1/diary/episode."


def _latest_episode(request: Request) -> EpisodePublic:
    episode = Episodes(services(request).engine).latest()
    if episode is None:
        raise NotFound(NO_EPISODE)
    return episode


@router.get(
    "/episode",
    summary="How this bout of back pain started",
    description="The latest episode: the day it started (`start_given` true when the person gave it, false when "
                "worked out from a check), sudden or gradual, what set it off, and the person's own words.",
    response_model=EpisodePublic,
    responses={**API_ERRORS, 404: {"description": "No episode yet."}},
)
async def get_episode(request: Request) -> EpisodePublic:
    return await run_in_threadpool(_latest_episode, request)


@router.put(
    "/episode",
    summary="Give or correct how this bout started",
    description="Replaces how the latest episode started (or starts the first one). `onset` and `trigger` left "
                "out or null mean not known. The day is then the person's own: entries may not be dated before it.",
    response_model=None,
    responses={200: {"model": EpisodeSaved, "description": "The episode, and `warning_sign` when the change makes "
                                                          "the latest check more urgent."},
               **API_ERRORS},
    openapi_extra=json_body(EpisodeGiven, description="How it started: `started_on` is needed."),
)
async def put_episode(request: Request) -> Response:
    data = await json_object(request)
    engine = services(request).engine
    days = await run_in_threadpool(days_for, request, engine)
    saved = await run_in_threadpool(save_start, engine, data, days.last)
    return json_response(EpisodeSaved(**saved.episode.model_dump(), warning_sign=saved.alert))
