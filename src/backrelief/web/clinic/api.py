"""The clinic's JSON API under /api/v1: session, the person's own data and rights, sharing,
and the clinician's read-only views. Authentication: `Authorization: Bearer <token>`.

The database and argon2 are blocking calls: routes without a body are plain functions
(FastAPI runs them in its thread pool), and routes with a body read it on the event loop
and do the rest in the pool, so one slow login never stalls the other requests.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import Field, StrictStr, TypeAdapter
from starlette.responses import Response

from backrelief.assessment import Assessment, parse_assessment
from backrelief.clinic.accounts import EMAIL_PATTERN, MAX_EMAIL, MAX_NAME, LoginRefused, Throttled, User, normalise_email
from backrelief.clinic.audit import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE
from backrelief.clinic.dashboard import dashboard
from backrelief.clinic.passwords import MAX_LENGTH, MIN_LENGTH
from backrelief.clinic.second_factor import CODE_PATTERN, NEED_CODE, WrongCode
from backrelief.clinic.sharing import SCOPES, Scope, shown_code
from backrelief.diary.dates import checked_entry, written_zone
from backrelief.diary.models import EntryCreate, EntryPublic, EpisodeGiven
from backrelief.diary.parsing import validated
from backrelief.errors import InvalidInput, NotFound
from backrelief.services.checks import keep_check
from backrelief.services.episodes import save_start
from backrelief.services.report import build_report
from backrelief.storage import Assessments, Entries, Episodes
from backrelief.triage import triage
from backrelief.web.api.body import json_body, lists_of_words
from backrelief.web.api.diary import NO_EPISODE, EpisodeSaved
from backrelief.web.clinic import second_factor_api
from backrelief.web.clinic.account_pages import EXPORTS, export_response
from backrelief.web.clinic.api_parts import Strict
from backrelief.web.clinic.api_parts import refused as _refused
from backrelief.web.clinic.api_parts import with_body as _with_body
from backrelief.web.clinic.clinician_pages import MAX_ID, scopes_or_404
from backrelief.web.clinic.context import (
    bearer_token,
    client_address,
    clinic,
    require_api_session,
    require_api_user,
)
from backrelief.web.entry_days import days_for
from backrelief.web.errors import API_ERRORS, NOT_FOUND
from backrelief.web.render import json_response as _json
from backrelief.web.render import services

router = APIRouter(prefix="/api/v1", tags=["clinic"], responses={
    401: API_ERRORS[422] | {"description": "Not logged in."},
    403: API_ERRORS[422] | {"description": "A clinician's token before the second factor is set up: only the "
                                           "/api/v1/me/mfa routes answer it."},
    # A route for another role answers like a missing page (404): it does not say it exists.
    404: API_ERRORS[422] | {"description": "Nothing here for this account (another role's route, or no such thing)."},
    429: API_ERRORS[422] | {"description": "Too many tries (logins, sign-ups, re-entered passwords); wait 15 minutes."},
    **API_ERRORS})


_ENTRIES: TypeAdapter[list[EntryPublic]] = TypeAdapter(list[EntryPublic])


# What the schema says is what the routes accept (schemathesis's positive_data_acceptance):
# an address in the form normalise_email takes, a new password of the policy's length, only
# the scopes and formats there are. A password already set is only compared, so any text
# up to the cap is a wrong one (401/403), never malformed; so is a login's address.
# Every JSON body with a NUL character is refused (422: PostgreSQL text cannot hold one), so
# a field of any text says so too.
NO_NUL = r"^[^\x00]*$"
Email = Annotated[StrictStr, Field(max_length=MAX_EMAIL, pattern=EMAIL_PATTERN,
                                   description="An email address like name@example.org.")]
NewPassword = Annotated[StrictStr, Field(min_length=MIN_LENGTH, max_length=MAX_LENGTH, pattern=NO_NUL,
                                         description="A new password: not a well-known one, nor the email address.")]
Scopes = Annotated[list[Scope], Field(min_length=1, max_length=len(SCOPES))]


class Login(Strict):
    # Any text: a login with something that is not an address is just a failed login (401).
    email: StrictStr = Field(max_length=MAX_EMAIL, pattern=NO_NUL)
    password: StrictStr = Field(max_length=1000, pattern=NO_NUL)
    code: StrictStr | None = Field(
        default=None, max_length=40, pattern=CODE_PATTERN,
        description="For an account with a second factor: the 6-digit code from its authenticator app, or a "
                    "recovery code.")


class SignUp(Strict):
    email: Email
    password: NewPassword
    name: StrictStr = Field(default="", max_length=MAX_NAME, pattern=r"^[^\x00-\x1f]*$")


class PasswordChange(Strict):
    current_password: StrictStr = Field(max_length=1000, pattern=NO_NUL)
    new_password: NewPassword


class ShareRequest(Strict):
    email: Email
    scopes: Scopes


class InviteRequest(Strict):
    scopes: Scopes


class Redeem(Strict):
    code: StrictStr = Field(min_length=1, max_length=40, pattern=NO_NUL)


class Erase(Strict):
    password: StrictStr = Field(max_length=1000, pattern=NO_NUL)


def _role(user: User, role: str) -> User:
    """Another role's route answers like a missing page: it does not say it exists."""
    if user.role != role:
        raise HTTPException(404, "There is nothing at this address.")
    return user


def _patient(user: User) -> User:
    return _role(user, "patient")


def _clinician(user: User) -> User:
    return _role(user, "clinician")


@router.post("/signup", status_code=202, summary="Sign up as a patient (the answer never says if the address was taken)",
             openapi_extra=json_body(SignUp, description="The new patient's email address, password and name."))
@_with_body
def signup(request: Request, data: dict[str, Any]) -> Response:
    body = validated(SignUp, data)
    try:
        clinic(request).accounts.sign_up(body.email, body.password, body.name, client_address(request))
    except Throttled as error:
        return _refused(str(error), 429)
    return _json({"message": "If this email address was free, the account is ready. Log in with it."}, 202)


@router.post("/session", summary="Log in: answers a bearer token",
             openapi_extra=json_body(Login, description="Email address and password; and the code, for an account "
                                                         "with a second factor (every clinician's, by default)."))
@_with_body
def login(request: Request, data: dict[str, Any]) -> Response:
    """A token only with every factor the account has. A clinician who has none yet gets a
    token for the /api/v1/me/mfa routes alone (`"stage": "enrol"`)."""
    body = validated(Login, data)
    accounts = clinic(request).accounts
    try:
        user = accounts.check_login(body.email, body.password, client_address(request))
        stage = accounts.stage(user, factors=1)
        factors = 1
        if stage == "code":
            if body.code is None:
                return _refused(NEED_CODE, 401, "code")
            clinic(request).second_factor.check(user.id, body.code, client_address(request))
            stage, factors = "full", 2
    except Throttled as error:
        return _refused(str(error), 429)
    except LoginRefused as error:
        return _refused(str(error), 401)
    except WrongCode as error:
        return _refused(str(error), 401, "code")
    return _json({"token": accounts.start_session(user.id, factors=factors), "role": user.role, "stage": stage})


@router.delete("/session", status_code=204, summary="Log out")
def logout(request: Request) -> Response:
    require_api_session(request)
    token = bearer_token(request)
    assert token is not None
    clinic(request).accounts.end_session(token)
    return Response(status_code=204)


@router.get("/me", summary="Who is logged in")
def me(request: Request) -> Response:
    user = require_api_user(request)
    return _json({"id": user.id, "email": user.email, "name": user.name, "role": user.role})


@router.put("/me/password", summary="Change the password; ends every session and answers a new token",
             openapi_extra=json_body(PasswordChange, description="The current password and the new one."))
@_with_body
def change_password(request: Request, data: dict[str, Any]) -> Response:
    user = require_api_user(request)
    body = validated(PasswordChange, data)
    try:
        token = clinic(request).accounts.change_password(user, body.current_password, body.new_password)
    except InvalidInput as error:
        # A wrong current password is a refused credential (403, as for erasing), not bad input.
        wrong = [p for p in error.problems if p.field == "current_password"]
        if wrong:
            return _refused(wrong[0].message, 403, "current_password")
        raise
    return _json({"token": token})


@router.delete("/me", status_code=204, summary="Erase the account and all its data (needs the password)",
             openapi_extra=json_body(Erase, description="The password, to confirm."))
@_with_body
def erase(request: Request, data: dict[str, Any]) -> Response:
    user = require_api_user(request)
    body = validated(Erase, data)
    if not clinic(request).accounts.check_password(user, body.password):
        return _refused("The password is not right. Nothing was deleted.", 403, "password")
    clinic(request).accounts.erase(user.id)
    return Response(status_code=204)


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {200: {
    "description": "The file: JSON, CSV, or a FHIR R4B (4.3.0) Bundle, as an attachment.",
    "content": {media.split(";")[0]: {"schema": {"type": "string"} if media.startswith("text/") else {"type": "object"}}
                for media, _suffix in EXPORTS.values()}}}


@router.get("/me/export", summary="Everything about me: format json, csv or fhir", responses=EXPORT_RESPONSES)
def export(request: Request,
           # Declared as the enum it is; checked by export_response, whose message names the choices.
           format: Annotated[str, Query(json_schema_extra={"enum": list(EXPORTS)})] = "json") -> Response:
    user = require_api_user(request)
    return export_response(request, user.id, format, user.name)


@router.get("/me/entries", summary="My diary entries, newest first")
def my_entries(request: Request, limit: int = 100) -> Response:
    user = _patient(require_api_user(request))
    limit = max(1, min(limit, 1000))
    entries = Entries(clinic(request).engine, user.id).list(newest_first=True, limit=limit)
    # Serialised by pydantic in one call (the same JSON values as model_dump + json.dumps,
    # written compactly), a third of this route's CPU otherwise.
    return Response(_ENTRIES.dump_json(entries), media_type="application/json")


@router.post("/me/entries", status_code=201, summary="Add a diary entry",
             openapi_extra=json_body(EntryCreate, description="The entry: `at` and `pain_now` are needed."))
@_with_body
def add_entry(request: Request, data: dict[str, Any]) -> Response:
    user = _patient(require_api_user(request))
    # The same contract and date rules as the home API's (medicines included): its checker
    # names everything wrong at once.
    engine = clinic(request).engine
    entry = checked_entry(data, days_for(request, engine, user.id, written_zone(data)))
    saved = Entries(engine, user.id).add(entry)
    return _json(saved.model_dump(mode="json"), 201)


@router.get("/me/episode", summary="How my current bout of back pain started", responses=NOT_FOUND)
def my_episode(request: Request) -> Response:
    user = _patient(require_api_user(request))
    episode = Episodes(clinic(request).engine, user.id).latest()
    if episode is None:
        raise NotFound(NO_EPISODE.replace("/api/v1/diary/episode", "/api/v1/me/episode"))
    return _json(episode.model_dump(mode="json"))


@router.put("/me/episode", summary="Give or correct how my current bout started",
            responses={200: {"model": EpisodeSaved, "description": "The episode, and `warning_sign` when the change "
                                                                  "makes my latest check more urgent."}},
            openapi_extra=json_body(EpisodeGiven, description="How it started: `started_on` is needed."))
@_with_body
def put_my_episode(request: Request, data: dict[str, Any]) -> Response:
    user = _patient(require_api_user(request))
    engine = clinic(request).engine
    # The same engine as the home API's and the pages' (services.episodes).
    saved = save_start(engine, data, days_for(request, engine, user.id).last, person_id=user.id)
    return _json(EpisodeSaved(**saved.episode.model_dump(), warning_sign=saved.alert).model_dump(mode="json"))


@router.post("/me/assessments", status_code=201, summary="Triage an assessment and keep it with my data",
             openapi_extra=json_body(Assessment, required=("age",), description="The assessment (the public contract)."))
@_with_body
def assess(request: Request, data: dict[str, Any]) -> Response:
    user = _patient(require_api_user(request))
    assessment = parse_assessment(lists_of_words(data))
    result = triage(assessment, services(request).knowledge)
    saved = keep_check(clinic(request).engine, assessment, result, services(request).clock(), person_id=user.id).saved
    return _json({"id": saved.id, "triage": result.model_dump(mode="json")}, 201)


@router.get("/me/shares", summary="Who I share with, and what")
def my_shares(request: Request) -> Response:
    user = _patient(require_api_user(request))
    return _json([{"id": s.id, "clinician": s.clinician_label, "scopes": list(s.scopes), "since": s.created_at}
                  for s in clinic(request).sharing.shares_of(user)])


@router.post("/me/shares", status_code=202, summary="Share with a clinician's account by email",
             openapi_extra=json_body(ShareRequest, description="The clinician's email address and what to share."))
@_with_body
def share(request: Request, data: dict[str, Any]) -> Response:
    user = _patient(require_api_user(request))
    body = validated(ShareRequest, data)
    email = normalise_email(body.email)
    clinic(request).sharing.share_with(user, email, body.scopes)
    return _json({"message": f"If {email} is a clinician here, they can now see what you chose."}, 202)


@router.post("/me/invites", status_code=201, summary="A one-time code for a clinician (valid 7 days)",
             openapi_extra=json_body(InviteRequest, description="What the code will share."))
@_with_body
def invite(request: Request, data: dict[str, Any]) -> Response:
    user = _patient(require_api_user(request))
    body = validated(InviteRequest, data)
    code, expires = clinic(request).sharing.invite(user, body.scopes)
    return _json({"code": shown_code(code), "expires_at": expires}, 201)


@router.delete("/me/shares/{share_id}", status_code=204, summary="Stop sharing, at once", responses=NOT_FOUND)
def revoke(request: Request, share_id: int) -> Response:
    user = _patient(require_api_user(request))
    if not 1 <= share_id <= MAX_ID:
        raise HTTPException(404, "There is no such share.")
    clinic(request).sharing.revoke(user, share_id)
    return Response(status_code=204)


@router.get("/me/audit", summary="Who looked at my data, newest first: views (reads), refused attempts, or all; paged")
def my_audit(request: Request, kind: Literal["reads", "refused", "all"] = "reads",
             page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
             per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE) -> Response:
    user = require_api_user(request)
    found = clinic(request).audit.of_patient(user, kind, page, per_page)
    return _json({"items": [{"at": a.at, "who": a.who, "what": a.what} for a in found.items],
                  "page": found.page, "per_page": found.per_page, "total": found.total, "pages": found.pages})


@router.post("/clinician/redeem", summary="Use a patient's one-time code", responses=NOT_FOUND,
             openapi_extra=json_body(Redeem, description="The code the patient gave."))
@_with_body
def redeem(request: Request, data: dict[str, Any]) -> Response:
    user = _clinician(require_api_user(request))
    body = validated(Redeem, data)
    share = clinic(request).sharing.redeem(user, body.code)
    return _json({"patient_id": share.patient_id, "patient": share.patient_label, "scopes": list(share.scopes)})


@router.get("/clinician/patients", summary="Patients who share with me, the most in need first")
def patients(request: Request) -> Response:
    user = _clinician(require_api_user(request))
    c = clinic(request)
    shares = c.sharing.patients_of(user)
    c.audit.viewed(user, [s.patient_id for s in shares], "summary")
    rows = dashboard(c.engine, shares, services(request).clock())
    return _json([{"patient_id": r.share.patient_id, "patient": r.share.patient_label, "scopes": list(r.share.scopes),
                   "needs": list(r.need.reasons), "entries": r.entries} for r in rows])


@router.get("/clinician/patients/{patient_id}/diary", responses=NOT_FOUND, summary="A patient's shared diary")
def patient_diary(request: Request, patient_id: int) -> Response:
    user = _clinician(require_api_user(request))
    scopes_or_404(request, user, patient_id, {"diary"})
    clinic(request).audit.viewed(user, patient_id, "diary")
    entries = Entries(clinic(request).engine, patient_id).list()
    return _json([e.model_dump(mode="json") for e in entries])


@router.get("/clinician/patients/{patient_id}/assessments", responses=NOT_FOUND, summary="A patient's shared checks")
def patient_assessments(request: Request, patient_id: int) -> Response:
    user = _clinician(require_api_user(request))
    scopes_or_404(request, user, patient_id, {"assessments"})
    clinic(request).audit.viewed(user, patient_id, "assessments")
    return _json([a.model_dump(mode="json") for a in Assessments(clinic(request).engine, patient_id).list()])


@router.get("/clinician/patients/{patient_id}/report", responses=NOT_FOUND, summary="A patient's report, as data")
def patient_report(request: Request, patient_id: int) -> Response:
    user = _clinician(require_api_user(request))
    scopes_or_404(request, user, patient_id, {"reports"})
    clinic(request).audit.viewed(user, patient_id, "report")
    built = build_report(clinic(request).engine, services(request).clock(), person_id=patient_id)
    return Response(built.model_dump_json(exclude={"pain_svg", "flares_svg", "medicines_svg"}),
                    media_type="application/json")


router.include_router(second_factor_api.router)
