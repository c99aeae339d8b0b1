"""The plan as terminal text (rich), the emergency instruction first. Presents only."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from backrelief.plan.model import Advice, MedicineAdvice, Plan
from backrelief.plan.relief import long_date


def _src(ids: tuple[str, ...]) -> str:
    return f" [dim]\\[{escape(', '.join(ids))}][/dim]"


def _item(console: Console, a: Advice, bullet: str = "-") -> None:
    console.print(f"  {bullet} {escape(a.text)}{_src(a.sources)}")


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(f"[bold underline]{escape(text)}[/]")


def _medicine(console: Console, m: MedicineAdvice) -> None:
    if m.suggested:
        why = _src(m.heading_sources) if m.heading_sources else ""
        console.print(f"  [bold green]{escape(m.name)}[/]: {escape(m.heading)}{why}{_src(m.sources)}")
        console.print(f"      {escape(m.dose or '')}")
        if m.max_days:
            console.print(f"      For at most {m.max_days} days without asking a doctor.")
    else:
        console.print(f"  [bold yellow]{escape(m.name)}[/]: {escape(m.heading)}")
        for r in m.reasons:
            console.print(f"      {escape(r.text)}{_src(r.sources)}")
    for n in m.notes:
        console.print(f"      [italic]{escape(n.text)}[/]{_src(n.sources)}")


def print_plan(plan: Plan, console: Console) -> None:
    if plan.emergency:
        console.print("[bold white on red] EMERGENCY: GET HELP NOW [/]")
    elif not plan.complete:
        console.print(f"[bold]Not complete: {len(plan.warning_signs_unasked)} warning-sign questions were not "
                      "answered. The exercise plan, heat and ice wait until they are.[/]")
    console.print(f"[bold]Your back pain plan[/] (made {long_date(plan.made_on)}, knowledge {plan.knowledge_version})")
    _heading(console, "What to do now")
    for a in plan.now:
        _item(console, a)
    if plan.still_to_ask:
        console.print("  [bold]Questions to answer first[/] (a medicine, heat or exercise waits on them)")
        for ask in plan.still_to_ask:
            console.print(f"    - {escape(ask.text)}")
    if plan.heat_cold_safety:
        console.print("  [bold]Heat and cold: stay safe[/]")
        for a in plan.heat_cold_safety:
            _item(console, a)
    if plan.moving:
        console.print("  [bold]Keep moving[/]")
        for a in plan.moving:
            _item(console, a)
    if plan.expect:
        console.print("  [bold]What to expect[/]")
        for a in plan.expect:
            _item(console, a)
    if plan.medicines:
        _heading(console, "Medicines")
        for a in plan.medicines.intro:
            _item(console, a)
        for m in plan.medicines.options:
            _medicine(console, m)
        console.print("  [bold]Ask a doctor about these (prescription only)[/]")
        for a in plan.medicines.discuss_with_doctor:
            _item(console, a)
    w = plan.who_to_see
    _heading(console, "Who to see and when")
    console.print(f"  [bold]{escape(w.title)}[/]. {escape(w.action)}{_src(w.sources)}")
    _item(console, w.review)
    for later in (w.again, w.scan_then):
        if later is not None:
            _item(console, later)
    _item(console, w.urgent_if)
    if w.warning_signs:
        _item(console, w.warning_signs)
    if plan.imaging:
        _heading(console, "X-rays and scans")
        for a in plan.imaging:
            _item(console, a)
    if plan.readiness:
        readiness = plan.readiness
        _heading(console, "Before you start the exercises")
        _item(console, readiness.intro)
        for q in readiness.questions:
            answer = {"yes": "yes", "no": "no", None: "?"}[q.answer]
            told = " (from what you told us)" if q.from_assessment else ""
            console.print(f"    {escape(f'[{answer}]')} {escape(q.text)}{told}")
        _item(console, readiness.outcome_advice)
    if plan.programme:
        p = plan.programme
        names = {e.id: e for e in plan.exercises}
        _heading(console, "Exercise plan to stop it coming back")
        if p.status_advice:
            console.print(f"  [bold yellow]{escape(p.status_advice.text)}[/]{_src(p.status_advice.sources)}")
        for lvl in p.levels:
            state = "" if lvl.open_now else " [yellow](not yet)[/]"
            console.print(f"  [bold]Level {lvl.number}: {escape(lvl.name)}[/]{state}, "
                          f"from {long_date(lvl.start_date)}. {escape(lvl.goal)}{_src(lvl.sources)}")
            console.print(f"      {escape(lvl.walking)}")
            for ex_id in lvl.exercises:
                ex = names[ex_id]
                dose = ex.dose_at(lvl.number)
                console.print(f"      - {escape(ex.name)}: {escape(dose.text if dose else '')}")
        console.print("  [bold]How to move up, and when to step back[/]")
        for a in p.rules:
            _item(console, a)
        console.print("  [bold]Other ways to help your back[/]")
        for a in p.tips:
            _item(console, a)
    if plan.exercises:
        _heading(console, "How to do each exercise")
        for ex in plan.exercises:
            console.print(f"  [bold]{escape(ex.name)}[/]: {escape(ex.trains)}{_src(ex.sources)}")
            for i, step in enumerate(ex.steps, 1):
                console.print(f"      {i}. {escape(step)}")
            if ex.avoid_if:
                console.print(f"      {escape(ex.skip_if())}")
            for tip in ex.tips:
                console.print(f"      Tip: {escape(tip)}")
    console.print()
    console.print(f"[dim]{escape(plan.not_a_diagnosis)} {escape(plan.emergency_help)}[/dim]")
