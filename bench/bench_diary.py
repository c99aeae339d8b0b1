"""Diary benchmarks: the report PDF for a year, listing and insights over 10,000 entries.

Targets (issue 6): report PDF for one year of a daily diary (~1,500 entries) < 1.5 s;
listing 10,000 entries < 100 ms; insights over 10,000 entries < 200 ms. Also prints the
peak Python memory (tracemalloc) of the report run and the process's peak RSS.
Everything runs on a temporary SQLite file; nothing leaves the machine.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import median
from typing import TypeVar

from backrelief.diary import insights
from backrelief.diary.models import EntryCreate, EpisodeCreate, Medicine
from backrelief.settings import Settings
from backrelief.storage import Entries, Episodes, ensure_database
from bench.load import command_env, compare_commands
from bench.rows import record

BUDGET_SECONDS = 240

T = TypeVar("T")
START = date(2025, 11, 1)


def diary(count: int, per_day: int, seed: int = 6) -> list[EntryCreate]:
    rng = random.Random(seed)
    entries: list[EntryCreate] = []
    for i in range(count):
        day, slot = divmod(i, per_day)
        at = datetime.combine(START + timedelta(days=day), datetime.min.time()) + timedelta(hours=7 + slot * 4)
        pain = max(0, min(10, round(7 * 0.995 ** day + rng.uniform(-1.5, 1.5))))
        meds = (Medicine(name=rng.choice(["ibuprofen", "paracetamol"]), dose_mg=400, taken_at=at),) if pain > 3 else ()
        entries.append(EntryCreate(
            at=at, pain_now=pain, pain_worst=min(10, pain + rng.randint(0, 2)), flares=rng.choice([0, 0, 0, 1]),
            region="lower", eased_by=(rng.choice(["heat", "movement", "rest"]),),
            worsened_by=(rng.choice(["sitting", "bending"]),), heat=rng.random() < 0.4,
            exercise_minutes=rng.choice([None, 10, 20]), medicines=meds, activities=("desk work",),
            notes="stiff in the morning" if slot == 0 else "",
        ))
    return entries


def timed(fn: Callable[[], T], repeat: int) -> tuple[float, float, T]:
    """Median wall time and median CPU time of `repeat` runs, and the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    result: T | None = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert result is not None
    return median(walls), median(cpus), result


def _line(name: str, wall: float, cpu: float, target: float) -> None:
    # CPU time is printed too: on a shared, busy machine the wall time says more about
    # the neighbours than about this code.
    verdict = "ok" if wall < target else "OVER TARGET"
    print(f"{name:<44} {wall * 1000:8.1f} ms wall, {cpu * 1000:7.1f} ms CPU  (target < {target * 1000:.0f} ms)  "
          f"{verdict}", flush=True)


def _report_command(folder: Path, db: Path, today: date, in_process: float) -> None:
    """The whole `backrelief report --format pdf` command for a year, next to a trivial
    WeasyPrint script (the same interpreter start and WeasyPrint import, one line of PDF)."""
    out, trivial = folder / "cli.pdf", folder / "trivial.pdf"
    ours = [sys.executable, "-m", "backrelief", "report", "--format", "pdf", "--out", str(out), "--db", str(db),
            "--today", today.isoformat()]
    floor = [sys.executable, "-c", f"from weasyprint import HTML; HTML(string='<p>Hello</p>').write_pdf({str(trivial)!r})"]
    (wall, cpu), (floor_wall, floor_cpu) = compare_commands(ours, floor, command_env(folder / "bytecode"), runs=3)
    record("backrelief report --format pdf for a year (1,500 entries)", f"{wall:.2f} s ({cpu:.2f} s CPU)", "< 1.5 s",
           wall < 1.5, floor=f"a trivial WeasyPrint script {floor_wall:.2f} s ({floor_cpu:.2f} s CPU)",
           ratio=wall / floor_wall, note=f"whole command, medians of 3 in turns; in process {in_process:.2f} s")


def _scaling() -> None:
    """Insights (the report's arithmetic, make_report) per entry at 6 years next to 3 years:
    linear means the same time per entry."""
    from backrelief.diary.models import EntryPublic
    from backrelief.render.report import make_report

    per_entry: dict[int, float] = {}
    for years in (3, 6):
        made = diary(365 * 4 * years, 4)
        entries = [EntryPublic.model_validate({**e.model_dump(), "id": i + 1, "episode_id": None})
                   for i, e in enumerate(made)]
        today = START + timedelta(days=365 * years + 5)
        make_report(entries, None, [], today)
        _, cpu, _ = timed(lambda: make_report(entries, None, [], today), 3)  # noqa: B023 (used at once)
        per_entry[years] = cpu / len(entries)
    ratio = per_entry[6] / per_entry[3]
    record("insights (make_report) per entry, 6 years vs 3 years", f"{per_entry[6] * 1e6:.1f} µs/entry CPU",
           "<= 1.2 (linear)", ratio <= 1.2, floor=f"3 years {per_entry[3] * 1e6:.1f} µs/entry", ratio=ratio)


def main() -> None:
    from backrelief.render.report import report_pdf
    from backrelief.services.report import build_report

    with tempfile.TemporaryDirectory() as folder:
        year = ensure_database(Settings(database_url=f"sqlite:///{Path(folder) / 'year.sqlite'}"))
        episode = Episodes(year).start(EpisodeCreate(started_on=START, onset="sudden", trigger="lifting"))
        Entries(year).add_many(diary(1500, 4), episode.id)
        today = START + timedelta(days=375)

        def report() -> bytes:
            return report_pdf(build_report(year, today=today))

        report()  # warm up: fonts, templates, imports
        wall, cpu, pdf = timed(report, 3)
        _line("report PDF, one year (1,500 entries)", wall, cpu, 1.5)
        print(f"{'':<44} {len(pdf) / 1024:8.0f} KB PDF")
        tracemalloc.start()
        report()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{'report run, peak Python memory (tracemalloc)':<44} {peak / 2**20:8.1f} MiB")
        year.dispose()
        _report_command(Path(folder), Path(folder) / "year.sqlite", today, wall)

        big = ensure_database(Settings(database_url=f"sqlite:///{Path(folder) / 'big.sqlite'}"))
        Entries(big).add_many(diary(10_000, 6))
        entries = Entries(big)
        entries.list()
        wall, cpu, listed = timed(entries.list, 5)
        _line(f"listing {len(listed):,} entries (SQLite)", wall, cpu, 0.1)

        def everything() -> int:
            onset = insights.onset_day(None, listed)
            trend = insights.pain_trend(listed, onset, today)
            weeks = insights.flares_per_week(listed)
            meds = insights.medicine_days(listed)
            found = insights.before_lower_scores(listed)
            prompts = insights.recheck_prompts(listed, None, today)
            worse = insights.common_triggers(None, listed)
            return len(trend.days) + len(weeks) + len(meds) + len(found) + len(prompts) + len(worse)

        everything()
        wall, cpu, _ = timed(everything, 5)
        _line("insights over 10,000 entries", wall, cpu, 0.2)
        big.dispose()
    _scaling()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak RSS of this benchmark process':<44} {rss:8.1f} MiB")
    print(f"{'load average (1 min) at the end':<44} {os.getloadavg()[0]:8.2f}")


if __name__ == "__main__":
    main()
