"""The plan as HTML: a full standalone page (no external assets) or a body fragment
for the web app to embed. Jinja2 templates in render/templates/. Presents only."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from backrelief.knowledge import load_knowledge
from backrelief.knowledge.plan import exercise_figure
from backrelief.plan.model import Plan
from backrelief.plan.relief import long_date
from backrelief.render.plan_today import today_items


class Citations:
    """Numbers the sources in the order the reader meets them: a mark like [1, 3] on
    screen links to the numbered list that closes the plan (and prints with it)."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __call__(self, ids: tuple[str, ...] | list[str]) -> Markup:
        if not ids:
            return Markup("")
        numbers = [self._numbers.setdefault(i, len(self._numbers) + 1) for i in ids]
        links = ", ".join(f'<a href="#br-src-{n}">{n}</a>' for n in sorted(set(numbers)))
        return Markup(f'<sup class="br-src">[<span class="br-visually-hidden">sources </span>{links}]</sup>')

    def listed(self) -> list[tuple[int, str]]:
        sources = load_knowledge().sources
        return [(n, sources[i].citation if i in sources else i) for i, n in self._numbers.items()]


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("backrelief.render", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals["long_date"] = long_date
    # Our own SVG files from the knowledge data, inlined so the page needs nothing else.
    env.globals["figure"] = exercise_figure
    return env


def _context(plan: Plan, printing: bool, readiness_form: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"plan": plan, "today": today_items(plan), "cite": Citations(), "printing": printing,
            "readiness_form": readiness_form}


def plan_html(plan: Plan, *, printing: bool = True) -> str:
    """A complete, standalone HTML page: every part open, laid out for A4 paper."""
    return _env().get_template("plan.html").render(**_context(plan, printing, None))


def plan_fragment_html(plan: Plan, readiness_form: Mapping[str, Any] | None = None) -> str:
    """The plan's markup without <html>, <head> or <body>, to embed in another page.
    `readiness_form` (action, csrf_field, csrf_token, given) shows the readiness check
    as a form to answer, instead of a list of the answers."""
    return _env().get_template("plan_body.html").render(**_context(plan, False, readiness_form))


def plan_pdf(plan: Plan) -> bytes:
    """The printed plan as a tagged PDF (PDF/UA), from the same page."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=plan_html(plan)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


__all__ = ["Citations", "plan_fragment_html", "plan_html", "plan_pdf"]
