"""`backrelief knowledge`: the rules and sources, for a clinician to review."""

from __future__ import annotations

import json
from collections.abc import Mapping

import typer
from rich.table import Table

from backrelief.cli import app
from backrelief.cli.common import console as plain_console
from backrelief.knowledge import URGENCY, Level, UnsureOf, load_knowledge


@app.command("knowledge")
def knowledge_command(
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    sources_only: bool = typer.Option(False, "--sources", help="Only the sources."),
    hazards: bool = typer.Option(False, "--hazards", help="The clinical hazard log, checked against the code."),
) -> None:
    """List the triage rules and the sources they rest on."""
    knowledge = load_knowledge()
    if hazards:
        _hazards(as_json, knowledge.version)
        return
    if as_json:
        typer.echo(json.dumps({
            "knowledge_version": knowledge.version,
            "rules": [r.model_dump(mode="json", exclude_none=True) for r in knowledge.rules],
            "sources": [s.model_dump(mode="json", exclude_none=True) for s in knowledge.sources.values()],
        }, indent=2))
        return
    console = plain_console()
    console.print(f"[bold]backrelief knowledge {knowledge.version}[/bold]")
    if not sources_only:
        table = Table(title="Triage rules (most urgent first)", show_lines=False)
        for column in ("rule", "level", "if not sure", "reason", "sources"):
            table.add_column(column)
        for r in sorted(knowledge.rules, key=lambda r: -URGENCY[r.level]):
            table.add_row(r.id, r.level, _if_unsure(r.if_unsure), r.reason, ", ".join(r.sources))
        console.print(table)
    table = Table(title="Sources")
    table.add_column("id")
    table.add_column("citation")
    table.add_column("what we read")
    table.add_column("read on")
    for s in knowledge.sources.values():
        citation = f"{s.citation} {s.url}" if s.url else s.citation
        table.add_row(s.id, citation, s.read, s.date_read.isoformat())
    console.print(table)


def _hazards(as_json: bool, knowledge_version: str) -> None:
    # Exits 2 (through main) when the log has drifted, so it can gate a release script.
    from backrelief.errors import KnowledgeError
    from backrelief.render.hazard_log import hazard_log_json, print_hazard_log
    from backrelief.safety import hazard_log_report

    log, problems, notes = hazard_log_report()
    if as_json:
        typer.echo(hazard_log_json(log, problems, notes, knowledge_version))
    else:
        print_hazard_log(log, problems, notes, plain_console(), knowledge_version)
    if problems:
        raise KnowledgeError(f"the hazard log has drifted from the code: {len(problems)} problem(s)")


def _if_unsure(chosen: Level | Mapping[UnsureOf, Level] | None) -> str:
    """A rule's "not sure" level in words: one level, or one per thing not sure of."""
    if isinstance(chosen, Mapping):
        return ", ".join(f"{of.replace('_', ' ')}: {level}" for of, level in chosen.items())
    return chosen or "-"
