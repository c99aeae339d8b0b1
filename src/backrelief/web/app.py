"""The web app factory. `create_app(settings)` builds a new app each time: nothing is made at
import time, and the app keeps no person's data in memory (see state.py).
"""

from __future__ import annotations

import gc
import os
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from backrelief import __version__
from backrelief.errors import BackreliefError, InvalidInput, NotFound, Problem
from backrelief.knowledge import load_knowledge
from backrelief.settings import Settings
from backrelief.storage import make_engine
from backrelief.web import errors
from backrelief.web.api.body import BadJson, NotJson
from backrelief.web.proxy import ForwardedHeaders, parse_networks
from backrelief.web.render import STATIC_DIR, CsrfRejected, Services, make_templates, page
from backrelief.web.security import Csrf, Guard
from backrelief.web.state import FlowCookie

MAX_BODY_BYTES = 2 * 1024 * 1024
SECRET_FILE = "web-secret"


def app_secret(settings: Settings) -> str:
    """The secret that signs cookies: from the settings, or made once and kept in the data folder."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / SECRET_FILE
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    # Readable by this user only: whoever has it could forge the app's cookies. O_EXCL: if
    # two processes start at once, one writes and the other reads what it wrote.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(value + "\n")
    return value


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], date] = date.today,
    trusted_hosts: Iterable[str] | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    warm_reader: bool = False,
) -> FastAPI:
    """A new backrelief web app. `trusted_hosts`: the host names to answer to (None: any).
    `warm_reader`: load the free-text reader (spaCy, a few seconds) in the background at
    start, so the first person to use it does not wait."""
    knowledge = load_knowledge()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm_reader:
            threading.Thread(target=_warm_reader, name="warm-reader", daemon=True).start()
        # The knowledge, templates and models made at start live as long as the process:
        # keeping them out of the garbage collector's scans shortens its pauses under load.
        gc.collect()
        gc.freeze()
        if settings.database_url.startswith("postgresql"):
            # At least as many worker threads as database connections, so a larger pool is
            # used. Not fewer than the default either: a login holds its thread for the whole
            # password hash (no connection), and fewer threads would queue every other request
            # behind a burst of logins.
            import anyio.to_thread

            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = max(limiter.total_tokens, settings.db_pool_size + settings.db_max_overflow)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="backrelief",
        version=__version__,
        summary="Back spasm triage, relief plan, pain diary and doctor's report. Not a diagnosis.",
        # The interactive docs load scripts from a CDN, which our CSP (and offline use) forbid.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    secret = app_secret(settings)
    app.state.settings = settings
    app.state.services = Services(
        knowledge=knowledge,
        engine=make_engine(settings),
        csrf=Csrf(secret),
        flow=FlowCookie(secret),
        templates=make_templates(knowledge, clinic_mode=settings.mode == "clinic"),
        clock=clock,
    )
    _add_error_handlers(app)

    from backrelief.web.api import include_api
    from backrelief.web.pages import include_pages

    include_api(app)
    include_pages(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if settings.mode == "clinic":
        from backrelief.web.clinic import install as install_clinic

        install_clinic(app, settings)

    app.add_middleware(Guard, max_bytes=max_body_bytes, hosts=None if trusted_hosts is None else list(trusted_hosts),
                       https_only=settings.https_only)
    # Outermost, so that everything inside sees the real client and scheme.
    app.add_middleware(ForwardedHeaders, trusted=parse_networks(settings.trusted_proxies),
                       https_only=settings.https_only)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def validation(request: Request, error: Exception) -> Response:
        return await errors.on_validation_error(request, error)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if errors.is_api(request):
            return await errors.on_http_error(request, error)
        if error.status_code == 404:
            return page(request, "not_found.html", status=404)
        return page(request, "error.html", {"status": error.status_code, "message": str(error.detail)},
                    status=error.status_code)

    async def invalid(request: Request, error: Exception) -> Response:
        if errors.is_api(request):
            return await errors.on_invalid_input(request, error)
        assert isinstance(error, InvalidInput)
        return page(request, "error.html", {"status": 422, "message": str(error)}, status=422)

    async def not_found(request: Request, error: Exception) -> Response:
        if errors.is_api(request):
            return await errors.on_not_found(request, error)
        return page(request, "not_found.html", status=404)

    async def other(request: Request, error: Exception) -> Response:
        if errors.is_api(request):
            return await errors.on_backrelief_error(request, error)
        return page(request, "error.html", {"status": 422, "message": str(error)}, status=422)

    async def csrf(request: Request, error: Exception) -> Response:
        return page(request, "error.html", {
            "status": 403,
            "message": "This form was out of date, so nothing was saved. Go back, reload the page and try again.",
        }, status=403)

    async def unexpected(request: Request, error: Exception) -> Response:
        # A bug of ours: a plain page or the error shape, never a traceback to the person.
        message = "Something went wrong on our side. Nothing you typed was lost; try again."
        if errors.is_api(request):
            return errors.error_response(500, [Problem(field="", message=message)])
        return page(request, "error.html", {"status": 500, "message": message}, status=500)

    app.add_exception_handler(Exception, unexpected)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    async def bad_json(request: Request, error: Exception) -> Response:
        assert isinstance(error, BadJson)
        return errors.error_response(415 if isinstance(error, NotJson) else 400, error.problems)

    app.add_exception_handler(BadJson, bad_json)
    app.add_exception_handler(InvalidInput, invalid)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(BackreliefError, other)
    app.add_exception_handler(CsrfRejected, csrf)


def _warm_reader() -> None:
    from backrelief.reading import warm_up

    warm_up()


def app_from_environment() -> FastAPI:
    """The app as `backrelief serve` runs it in each worker: settings from the environment.

    The reader (spaCy, about 140 MB) is loaded by the first request that reads words, not at
    start: most workers never read any (the triage API, the diary, the clinic), and each would
    otherwise hold it for nothing."""
    hosts = os.environ.get("BACKRELIEF_TRUSTED_HOSTS")
    return create_app(Settings(), trusted_hosts=hosts.split(",") if hosts else None)
