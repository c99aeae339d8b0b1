"""The summary table of `make bench`: one row per measure, next to its floor, with the target.

A bench module calls `record(...)` for each figure it measures; the runner (`python -m
bench`) prints every recorded row at the end, as a table. Absolute figures drift with what
else runs on the machine, so a row is a ratio against a floor measured in the same run
wherever there is a floor; a row without a floor gives the figure against its target.

Rows travel from each module's process to the runner through a JSON Lines file named by
`BENCH_ROWS` (set by the runner); a module run on its own just prints its rows.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ROWS_FILE = "BENCH_ROWS"


@dataclass(frozen=True)
class Row:
    measure: str
    now: str  # the figure as measured, in words ("462 req/s, p99 62 ms")
    floor: str  # what it is compared with, measured in the same run ("" when nothing)
    ratio: float | None  # measured / floor, in the direction the target states
    target: str  # e.g. ">= 0.3, p99 < 100 ms"
    met: bool | None  # None: not decided here (e.g. "on a quiet machine")
    note: str = ""
    # The machine's 1-minute load average when the row was recorded (what else was running).
    load: float | None = None

    @property
    def verdict(self) -> str:
        return "-" if self.met is None else "met" if self.met else "NOT met"


def record(measure: str, now: str, target: str, met: bool | None, *, floor: str = "", ratio: float | None = None,
           note: str = "") -> Row:
    """Keep one row for the summary (and print it at once, so a module run alone shows it)."""
    row = Row(measure, now, floor, ratio, target, met, note, round(os.getloadavg()[0], 1))
    ratio_text = "" if ratio is None else f" ratio {ratio:.2f};"
    print(f"  [row] {measure}: {now}{'; floor ' + floor if floor else ''};{ratio_text} target {target}: "
          f"{row.verdict}{' (' + note + ')' if note else ''}; load average {row.load}", flush=True)
    path = os.environ.get(ROWS_FILE)
    if path:
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(row)) + "\n")
    return row


def read_rows(path: Path) -> list[Row]:
    if not path.exists():
        return []
    return [Row(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def table(rows: list[Row]) -> str:
    """A Markdown table (it reads in a terminal and pastes into an issue)."""
    head = ["measure", "now", "floor (same run)", "ratio", "target", "verdict", "load average"]
    body = [[r.measure, r.now + (f" ({r.note})" if r.note else ""), r.floor or "-",
             "-" if r.ratio is None else f"{r.ratio:.2f}", r.target, r.verdict,
             "-" if r.load is None else f"{r.load:.1f}"] for r in rows]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)
