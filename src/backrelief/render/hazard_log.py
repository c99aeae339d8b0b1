"""The hazard log for a reviewer: a table in the terminal, or JSON. Presents only;
reading the log and checking it live in backrelief.safety (`hazard_log_report`)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from backrelief.safety import MATRIX, RATING_MEANING, SEVERITIES, HazardLog, Risk, summary

_STATUS_STYLE = {"open": "yellow", "closed": "green", "transferred": "cyan"}


_SHORT = {"minor": "Mi", "significant": "Si", "considerable": "Co", "major": "Ma", "catastrophic": "Ca",
          "very_low": "VL", "low": "L", "medium": "M", "high": "H", "very_high": "VH"}
LEGEND = ("risk: rating severity/likelihood, initial -> residual. Severity Mi minor, Si significant, "
          "Co considerable, Ma major, Ca catastrophic; likelihood VL very low, L low, M medium, H high, "
          "VH very high.")


def _risk(r: Risk) -> str:
    return f"{r.rating} {_SHORT[r.severity]}/{_SHORT[r.likelihood]}"


def hazard_log_json(log: HazardLog, problems: list[str], notes: list[str], knowledge_version: str) -> str:
    return json.dumps({
        "knowledge_version": knowledge_version,
        "reviewed_against_knowledge": log.reviewed_against_knowledge,
        "sign_off": log.sign_off.model_dump(),
        "matrix": {"severities": list(SEVERITIES), "likelihood_rows": {k: list(v) for k, v in MATRIX.items()}},
        "summary": summary(log),
        "hazards": [h.model_dump(mode="json") for h in log.hazards],
        "problems": problems,
        "review_notes": notes,
    }, indent=2, ensure_ascii=False)


def print_hazard_log(log: HazardLog, problems: list[str], notes: list[str], console: Console,
                     knowledge_version: str) -> None:
    console.print(f"[bold]{log.title}[/bold] (reviewed against knowledge {log.reviewed_against_knowledge}; "
                  f"this is knowledge {knowledge_version})")
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("hazard", ratio=1)
    for column in ("risk", "status", "rules", "tests"):
        table.add_column(column, no_wrap=True)
    for h in log.hazards:
        style = _STATUS_STYLE[h.status]
        table.add_row(h.id, h.name, f"{_risk(h.initial)} -> {_risk(h.residual)}", f"[{style}]{h.status}[/]",
                      str(len(h.rules)), str(len(h.tests)))
    console.print(table)
    console.print(LEGEND)
    unsure = Table(title='What "not sure" does, red-flag rule by rule')
    for column in ("rule", "question", "asked again", "then"):
        unsure.add_column(column, no_wrap=column != "rule")
    for entry in sorted((n for h in log.hazards for n in h.not_sure), key=lambda n: (n.rule, n.question)):
        then = "kept unknown, listed as not asked" if entry.then == "unasked" else entry.then
        unsure.add_row(entry.rule, entry.question, "yes" if entry.clarify else "no", then)
    console.print(unsure)
    console.print(summary(log))
    console.print("Ratings: " + "; ".join(f"{n} {text}" for n, text in RATING_MEANING.items()))
    signer = log.sign_off.clinical_safety_officer or "nobody"
    console.print(f"Signed by: {signer}. {log.sign_off.statement}")
    if notes:
        console.print("[bold]Review notes[/bold]")
        for note in notes:
            console.print(f"  - {note}")
    if problems:
        console.print(f"[bold red]The hazard log has drifted from the code ({len(problems)} problem(s))[/bold red]")
        for problem in problems:
            console.print(f"  - {problem}")
    else:
        console.print("[green]Checks: every rule and test named exists, every red flag is covered, "
                      "no residual rating is 4 or more.[/green]")
