"""The second factor's pages: the code step of a login, setting the factor up (a QR code
and the secret as text, then a first code), and new recovery codes.

A session that still needs its second factor reaches only these pages and "Log out"
(`require_page_user` sends it here from every other page): see Accounts.stage.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import RedirectResponse, Response

from backrelief.clinic.accounts import Signed, Throttled
from backrelief.clinic.second_factor import WrongCode
from backrelief.errors import InvalidInput
from backrelief.web.clinic.account_pages import Form, form_of, home_for, problems_of, text
from backrelief.web.clinic.context import (
    LOGIN_NEEDED,
    SESSION_COOKIE,
    client_address,
    clinic,
    clinic_page,
    page_session,
    require_page_user,
    rotate_csrf,
    set_session_cookie,
)

router = APIRouter()


def _session(request: Request) -> tuple[Signed, str]:
    signed = page_session(request)
    token = request.cookies.get(SESSION_COOKIE)
    if signed is None or token is None:
        raise HTTPException(401, LOGIN_NEEDED)
    return signed, token


def _code_error(error: Exception) -> list[dict[str, str]]:
    if isinstance(error, InvalidInput):
        return problems_of(error)
    return [{"field": "code", "label": "Code", "message": str(error)}]


def _raised(request: Request, response: Response, token: str, user_id: int) -> Response:
    """The session now has both factors: a new token (and CSRF value) at the change."""
    set_session_cookie(response, request, clinic(request).accounts.raise_session(token, user_id))
    rotate_csrf(response, request)
    return response


# -- the code step of a login --------------------------------------------------------------

@router.get("/account/login/code")
def code_form(request: Request) -> Response:
    signed, _ = _session(request)
    if signed.stage != "code":
        return RedirectResponse(home_for(signed.user.role), status_code=303)
    return clinic_page(request, "mfa_code.html", {})


@router.post("/account/login/code")
def code_step(request: Request, form: Form) -> Response:
    signed, token = _session(request)
    if signed.stage != "code":
        return RedirectResponse(home_for(signed.user.role), status_code=303)
    form = form_of(form, "code")
    try:
        clinic(request).second_factor.check(signed.user.id, text(form, "code"), client_address(request))
    except (InvalidInput, WrongCode, Throttled) as error:
        status = 429 if isinstance(error, Throttled) else 400
        return clinic_page(request, "mfa_code.html", {"errors": _code_error(error)}, status=status)
    return _raised(request, RedirectResponse(home_for(signed.user.role), status_code=303), token, signed.user.id)


# -- setting it up, and the recovery codes ---------------------------------------------------

def _mfa_page(request: Request, signed: Signed, status: int = 200, **extra: Any) -> Response:
    factor = clinic(request).second_factor
    context: dict[str, Any] = {"pending": signed.stage != "full", "me": signed.user, **extra}
    if signed.user.mfa:
        context |= {"left": factor.recovery_codes_left(signed.user.id), "events": factor.events(signed.user.id)}
        return clinic_page(request, "mfa.html", context, status=status)
    context["enrolment"] = factor.begin(signed.user.id)
    context["required"] = signed.user.role in clinic(request).accounts.mfa_roles
    return clinic_page(request, "mfa_enrol.html", context, status=status)


@router.get("/account/mfa")
def mfa(request: Request) -> Response:
    signed, _ = _session(request)
    if signed.stage == "code":
        return RedirectResponse("/account/login/code", status_code=303)
    return _mfa_page(request, signed)


@router.post("/account/mfa")
def enrol(request: Request, form: Form) -> Response:
    signed, token = _session(request)
    if signed.stage == "code" or signed.user.mfa:
        return RedirectResponse("/account/mfa", status_code=303)
    form = form_of(form, "code")
    try:
        codes = clinic(request).second_factor.confirm(signed.user.id, text(form, "code"), client_address(request))
    except (InvalidInput, WrongCode, Throttled) as error:
        return _mfa_page(request, signed, status=429 if isinstance(error, Throttled) else 400,
                         errors=_code_error(error))
    page = clinic_page(request, "mfa_recovery.html", {"codes": codes, "next": home_for(signed.user.role),
                                                      "first": True})
    return _raised(request, page, token, signed.user.id)


@router.post("/account/mfa/recovery-codes")
def renew_codes(request: Request, form: Form) -> Response:
    user = require_page_user(request)
    if not user.mfa:
        return RedirectResponse("/account/mfa", status_code=303)
    form = form_of(form, "code")
    try:
        codes = clinic(request).second_factor.renew_recovery_codes(user.id, text(form, "code"), client_address(request))
    except (InvalidInput, WrongCode, Throttled) as error:
        signed, _ = _session(request)
        return _mfa_page(request, signed, status=429 if isinstance(error, Throttled) else 400,
                         errors=_code_error(error))
    return clinic_page(request, "mfa_recovery.html", {"codes": codes, "next": "/account/mfa", "first": False})
