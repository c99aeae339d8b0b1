"""Account pages: sign up (patients), log in, log out, change password, export, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from backrelief.clinic.accounts import LoginRefused, Throttled
from backrelief.errors import InvalidInput, Problem
from backrelief.render.fhir_codes import FHIR_MEDIA_TYPE
from backrelief.services.exchange import export_text
from backrelief.web.clinic.context import (
    SESSION_COOKIE,
    STEP_PAGES,
    client_address,
    clinic,
    clinic_page,
    page_user,
    require_page_user,
    rotate_csrf,
    set_session_cookie,
)
from backrelief.web.render import clear_flow, services
from backrelief.web.security import CSRF_FIELD

router = APIRouter()

SIGNED_UP = ("If this email address was free, your account is ready. Log in with it now. "
             "If you already had an account, log in with your old password.")
MAX_FIELD = 2000
EXPORTS = {"json": ("application/json", "json"), "csv": ("text/csv; charset=utf-8", "csv"),
           "fhir": (FHIR_MEDIA_TYPE, "fhir.json")}


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def posted_form(request: Request) -> FormData:
    """The posted form, read on the event loop, so that the route itself can be a plain function
    that FastAPI runs in its thread pool (argon2 and the database block)."""
    return await request.form()


Form = Annotated[FormData, Depends(posted_form)]


def form_of(form: FormData, *fields: str) -> FormData:
    """The form, refused (422, naming the field) if it has fields this form does not have,
    files, or a value longer than any field needs."""
    allowed = {*fields, CSRF_FIELD}
    for key, value in form.multi_items():
        if key not in allowed:
            raise InvalidInput([Problem(key[:40], f"This form has no field '{key[:40]}'. Nothing was saved.")])
        if not isinstance(value, str):
            raise InvalidInput([Problem(key, f"'{key}' must be text, not a file. Nothing was saved.")])
        if len(value) > MAX_FIELD:
            raise InvalidInput([Problem(key, f"'{key}' can be at most {MAX_FIELD} characters. Nothing was saved.")])
    return form


def problems_of(error: InvalidInput) -> list[dict[str, str]]:
    return [{"field": p.field, "label": p.field.replace("_", " ").capitalize() or "Form", "message": p.message}
            for p in error.problems]


def home_for(role: str) -> str:
    return "/clinician" if role == "clinician" else "/account"


@router.get("/account/signup")
def signup_form(request: Request) -> Response:
    return clinic_page(request, "signup.html", {"values": {}})


@router.post("/account/signup")
def signup(request: Request, form: Form) -> Response:
    form = form_of(form, "email", "password", "name")
    values = {"email": text(form, "email"), "name": text(form, "name")}
    try:
        clinic(request).accounts.sign_up(values["email"], text(form, "password"), values["name"], client_address(request))
    except InvalidInput as error:
        return clinic_page(request, "signup.html", {"values": values, "errors": problems_of(error)}, status=400)
    except Throttled as error:
        errors = [{"field": "email", "label": "Make an account", "message": str(error)}]
        return clinic_page(request, "signup.html", {"values": values, "errors": errors}, status=429)
    return RedirectResponse("/account/login?done=signup", status_code=303)


@router.get("/account/login")
def login_form(request: Request, done: str = "") -> Response:
    notices = {"signup": SIGNED_UP, "logout": "You are logged out.", "deleted": "Your account and data are deleted.",
               "check": "Log in to check your back. Here, each check is kept with your diary, for you and "
                        "the clinicians you choose."}
    return clinic_page(request, "login.html", {"values": {}, "notice": notices.get(done, "")})


@router.post("/account/login")
def login(request: Request, form: Form) -> Response:
    form = form_of(form, "email", "password")
    email = text(form, "email")
    try:
        user, token = clinic(request).accounts.login(email, text(form, "password"), client_address(request))
    except (LoginRefused, Throttled) as error:
        status = 429 if isinstance(error, Throttled) else 401
        errors = [{"field": "email", "label": "Log in", "message": str(error)}]
        return clinic_page(request, "login.html", {"values": {"email": email}, "errors": errors}, status=status)
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        # Logging in again (perhaps as someone else) ends the browser's old session.
        clinic(request).accounts.end_session(previous)
    # An account with a second factor gives its code next; a clinician without one sets it up.
    stage = clinic(request).accounts.stage(user, factors=1)
    response = RedirectResponse(home_for(user.role) if stage == "full" else STEP_PAGES[stage], status_code=303)
    set_session_cookie(response, request, token)
    rotate_csrf(response, request)
    # A shared browser: whatever check was under way belonged to the last login.
    clear_flow(response)
    return response


@router.post("/account/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        clinic(request).accounts.end_session(token)
    response = RedirectResponse("/account/login?done=logout", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    clear_flow(response)
    return response


@router.get("/account")
def account(request: Request, done: str = "") -> Response:
    user = require_page_user(request)
    notices = {"password": "Your password is changed. Other devices were logged out."}
    return clinic_page(request, "account.html", {"me": user, "notice": notices.get(done, "")})


def _empty_form(template: str) -> Callable[[Request], Response]:
    """A form only a logged-in account may fill in, shown empty (its POST route reads it)."""

    def show(request: Request) -> Response:
        require_page_user(request)
        return clinic_page(request, template, {})

    show.__name__ = show.__qualname__ = f"{template.removesuffix('.html')}_form"
    return show


password_form = router.get("/account/password")(_empty_form("password.html"))


@router.post("/account/password")
def change_password(request: Request, form: Form) -> Response:
    user = require_page_user(request)
    form = form_of(form, "current_password", "new_password")
    try:
        token = clinic(request).accounts.change_password(user, text(form, "current_password"), text(form, "new_password"))
    except InvalidInput as error:
        return clinic_page(request, "password.html", {"errors": problems_of(error)}, status=400)
    except Throttled as error:
        errors = [{"field": "current_password", "label": "Current password", "message": str(error)}]
        return clinic_page(request, "password.html", {"errors": errors}, status=429)
    response = RedirectResponse("/account?done=password", status_code=303)
    set_session_cookie(response, request, token)
    return response


@router.get("/my/export")
def export(request: Request, format: str = "json") -> Response:
    user = require_page_user(request)
    return export_response(request, user.id, format, user.name)


def export_response(request: Request, person_id: int, fmt: str, name: str | None = None) -> Response:
    """The account's files; `name` (the account's) names the Patient in the FHIR Bundle."""
    if fmt not in EXPORTS:
        raise InvalidInput([Problem("format", f"The format must be json, csv or fhir, not '{fmt[:20]}'.")])
    today: date = services(request).clock()
    body = export_text(clinic(request).engine, fmt, today, person_id, patient_name=name)
    media, suffix = EXPORTS[fmt]
    return Response(body, media_type=media,
                    headers={"content-disposition": f'attachment; filename="backrelief-{today}.{suffix}"'})


delete_form = router.get("/account/delete")(_empty_form("delete.html"))


@router.post("/account/delete")
def delete_account(request: Request, form: Form) -> Response:
    user = require_page_user(request)
    form = form_of(form, "password")
    try:
        right = clinic(request).accounts.check_password(user, text(form, "password"))
    except Throttled as error:
        errors = [{"field": "password", "label": "Password", "message": str(error)}]
        return clinic_page(request, "delete.html", {"errors": errors}, status=429)
    if not right:
        errors = [{"field": "password", "label": "Password", "message": "The password is not right. Nothing was deleted."}]
        return clinic_page(request, "delete.html", {"errors": errors}, status=400)
    clinic(request).accounts.erase(user.id)
    response = RedirectResponse("/account/login?done=deleted", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    clear_flow(response)
    return response


def signed_in_home(request: Request) -> str | None:
    user = page_user(request)
    return None if user is None else home_for(user.role)
