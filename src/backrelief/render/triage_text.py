"""The triage answer as plain terminal text (rich markup), emergency message first."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from backrelief.knowledge import Knowledge, load_knowledge
from backrelief.triage import Triage

_STYLE = {"emergency": "bold white on red", "urgent": "bold black on yellow", "routine": "bold blue",
          "self_care": "bold green"}


def print_triage(result: Triage, console: Console, knowledge: Knowledge | None = None, verbose: bool = False,
                 unasked: tuple[str, ...] | None = None) -> None:
    """The answer in plain words; rule ids and levels only with `verbose`."""
    knowledge = knowledge or load_knowledge()
    if not result.complete and not result.is_emergency:
        # First line (after an emergency's own): an answer with warning-sign questions
        # unanswered is not a checked one.
        console.print(f"[bold]Not complete: {len(result.questions_to_ask)} warning-sign questions were not answered. "
                      "Answer them before you rely on this.[/bold]")
    if result.is_emergency:
        console.print(f"[{_STYLE['emergency']}] EMERGENCY: {result.title.upper()} [/]")
        console.print(result.action)
        console.print(result.emergency_help)
        console.print()
    else:
        console.print(f"[{_STYLE[result.disposition]}]{result.title}[/]" + (f" ({result.disposition})" if verbose else ""))
        console.print(result.action)
        console.print()
    console.print("[bold]Why[/bold]")
    for r in result.reasons if verbose else result.reasons_to_show:
        # The reason itself says what was unknown or not sure (triage builds it once).
        detail = escape(f"[{r.level}; rule {r.rule}; sources: {', '.join(r.sources)}]" if verbose
                        else f"[sources: {', '.join(r.sources)}]")
        console.print(f"  - {escape(r.reason)} [dim]{detail}[/dim]")
    console.print()
    console.print("[bold]What your answers may fit[/bold] (not a diagnosis)")
    for c in result.consistent_with:
        tag = f" [red]({knowledge.dispositions[result.disposition].serious_cause})[/red]" if c.serious else ""
        console.print(f"  - {c.name}{tag} [dim]{escape('[' + ', '.join(c.sources) + ']')}[/dim]")
    # A finished interview passes the questions still worth asking (none): the rest could
    # not change this answer, so listing them would only alarm.
    unasked = result.red_flags_unasked if unasked is None else unasked
    if unasked and not result.is_emergency:
        console.print()
        # In the words the result chose for this person (a question worded for their sex).
        questions = {q.id: q.text for q in knowledge.screen} | {q.id: q.text for q in result.questions_to_ask}
        console.print("[bold]Not asked yet[/bold] (unknown is not the same as no):")
        for qid in unasked:
            console.print(f"  - {questions.get(qid, qid)}")
    console.print()
    if not result.is_emergency:
        console.print(f"[bold]Watch for[/bold]: {result.warning_signs}")
    console.print(f"[dim]{result.not_a_diagnosis} {result.emergency_help if not result.is_emergency else ''}[/dim]")
    console.print(f"[dim]Knowledge version {result.knowledge_version}[/dim]")
