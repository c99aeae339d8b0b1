"""The plan as HTML: a full standalone page (no external assets) or a body fragment
for the web app to embed. Jinja2 templates in render/templates/. Presents only."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from backrelief.knowledge.plan import exercise_figure
from backrelief.plan.model import Plan
from backrelief.plan.relief import long_date


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


def plan_html(plan: Plan) -> str:
    """A complete, standalone HTML page."""
    return _env().get_template("plan.html").render(plan=plan)


def plan_fragment_html(plan: Plan) -> str:
    """The plan's markup without <html>, <head> or <body>, to embed in another page."""
    return _env().get_template("plan_body.html").render(plan=plan)
