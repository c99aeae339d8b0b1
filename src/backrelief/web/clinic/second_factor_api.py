"""The second factor through the API: its state, setting it up (the secret for an
authenticator app, then a first code, which answers a new token with both factors and the
recovery codes, once) and new recovery codes. A clinician's enrolment token (from
POST /api/v1/session before the factor is set up) reaches these routes and no other.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import Field, StrictStr
from starlette.responses import Response

from backrelief.clinic.accounts import Signed
from backrelief.clinic.second_factor import CODE_PATTERN, NEED_CODE, TOTP_PATTERN, NotBegun, WrongCode
from backrelief.diary.parsing import validated
from backrelief.web.api.body import json_body
from backrelief.web.clinic.api_parts import Strict, refused, with_body
from backrelief.web.clinic.context import bearer_token, client_address, clinic, require_api_session, require_api_user
from backrelief.web.errors import API_ERRORS
from backrelief.web.render import json_response as _json

router = APIRouter()


class FirstCode(Strict):
    code: StrictStr = Field(max_length=40, pattern=TOTP_PATTERN,
                            description="The 6-digit code the authenticator app shows now.")


class AnyCode(Strict):
    code: StrictStr = Field(max_length=40, pattern=CODE_PATTERN,
                            description="A code from the authenticator app, or a recovery code.")


# A code that is well formed but not right is a refused credential (403), as a wrong
# re-entered password is: the request was understood, the code does not open the door.
MFA_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: API_ERRORS[422] | {"description": "The second factor is already set up for this account (or, for a "
                                           "first code, its setting up was never started)."}}


def _enrolling(request: Request) -> Signed:
    """A full session, or a clinician's enrolment token (a login still waiting for its code,
    which only a page session can be, is refused like no session)."""
    signed = require_api_session(request)
    if signed.stage == "code":
        raise HTTPException(401, NEED_CODE, headers={"WWW-Authenticate": "Bearer"})
    return signed


def _not_enrolled(signed: Signed) -> None:
    if signed.user.mfa:
        raise HTTPException(409, "The second factor is already set up for this account.")


@router.get("/me/mfa", summary="My second factor: set up or not, and recovery codes left")
def mfa_status(request: Request) -> Response:
    signed = _enrolling(request)
    c = clinic(request)
    return _json({"enrolled": signed.user.mfa, "required": signed.user.role in c.accounts.mfa_roles,
                  "recovery_codes_left": c.second_factor.recovery_codes_left(signed.user.id)})


@router.post("/me/mfa", status_code=201, responses=MFA_RESPONSES,
             summary="Start setting up the second factor: answers the secret for an authenticator app")
def mfa_begin(request: Request) -> Response:
    signed = _enrolling(request)
    _not_enrolled(signed)
    enrolment = clinic(request).second_factor.begin(signed.user.id)
    return _json({"secret": enrolment.secret, "otpauth_uri": enrolment.uri}, 201)


@router.post("/me/mfa/confirm", responses=MFA_RESPONSES,
             summary="Turn the second factor on with a first code: answers a new token and the recovery codes (once)",
             openapi_extra=json_body(FirstCode, description="The code the authenticator app shows now."))
@with_body
def mfa_confirm(request: Request, data: dict[str, Any]) -> Response:
    signed = _enrolling(request)
    body = validated(FirstCode, data)
    _not_enrolled(signed)
    c = clinic(request)
    try:
        codes = c.second_factor.confirm(signed.user.id, body.code, client_address(request))
    except NotBegun as error:
        return refused(str(error), 409, "code")
    except WrongCode as error:
        return refused(str(error), 403, "code")
    token = bearer_token(request)
    assert token is not None
    return _json({"token": c.accounts.raise_session(token, signed.user.id), "recovery_codes": codes})


@router.post("/me/mfa/recovery-codes", summary="New recovery codes (the old ones stop working), after a right code",
             responses={409: API_ERRORS[422] | {"description": "This account has no second factor set up."}},
             openapi_extra=json_body(AnyCode, description="A code from the authenticator app, or a recovery code."))
@with_body
def mfa_recovery_codes(request: Request, data: dict[str, Any]) -> Response:
    user = require_api_user(request)
    body = validated(AnyCode, data)
    if not user.mfa:
        raise HTTPException(409, "This account has no second factor set up.")
    try:
        codes = clinic(request).second_factor.renew_recovery_codes(user.id, body.code, client_address(request))
    except WrongCode as error:
        return refused(str(error), 403, "code")
    return _json({"recovery_codes": codes})
