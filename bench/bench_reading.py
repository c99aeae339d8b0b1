"""The free-text reader: field-level precision and recall on the labelled sentences,
narratives per second on one core, the first answer in a fresh process (pipeline load
included), and the dev vignettes scored in narrative mode."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from backrelief.evaluate import read_vignettes
from backrelief.knowledge import URGENCY
from backrelief.reading import read
from backrelief.reading.scoring import LABELLED_TODAY, RED_FLAGS, read_labelled, score, severity_coverage, time_table
from backrelief.reading.stories import judge_all, read_stories
from backrelief.triage import triage
from bench.load import command_env, compare_commands, wall_and_cpu
from bench.rows import record

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "data" / "reading" / "labelled.jsonl"
# Sentences written after the lexicon was tuned on LABELLED, scored once before any fix
# (the first-pass figures are in the comments of _held_out), then used for tuning too.
HELD_OUT = ROOT / "data" / "reading" / "heldout.jsonl"
DEV = ROOT / "data" / "vignettes" / "dev.jsonl"
OWN = ROOT / "data" / "reading" / "narratives.jsonl"
FROZEN = ROOT / "data" / "reading" / "frozen"
# First passes on the frozen stories, taken before any change made after they were written
# (data/reading/frozen/FIRST_PASS.md): the honest estimate of the reader on new wording.
FIRST_PASSES = {
    "batch_a": "31/64 all labels right, signs caught 29/40, 6 wrong denials (9.4 per 100), durations 36/44, "
               "severity 1/10, 11 under-triaged",
    "batch_b": "23/40 all labels right, signs caught 24/33, 0 wrong denials (0.0 per 100), durations 18/21, "
               "severity 4/7, 7 under-triaged (hedged or odd wording read as nothing, not as no)",
    "batch_c": "26/40 all labels right, signs caught 20/25, 0 wrong denials (0.0 per 100), durations 33/38, "
               "severity 5/5, 3 under-triaged (two hedged signs read as nothing, one pregnancy)",
    "batch_d": "9/20 all labels right, signs caught 10/11, 0 wrong denials (0.0 per 100), durations 12/15, "
               "severity 3/3, 0 under-triaged, 3 over-triaged (hedged signs read as sure, clinical denials unread)",
    "batch_e": "9/20 all labels right, signs caught 9/12, 0 wrong denials (0.0 per 100), durations 10/19, "
               "severity 1/1, 0 under-triaged (times with 'arvo'/'nite'/'past', an old episode's or a pregnancy's "
               "weeks taken for the duration; Q-and-A and clinical denials unread)",
    "batch_f": "13/20 all labels right, signs caught 14/16, 1 wrong denial (5.0 per 100: a hedged answer to one's own "
               "question), durations 18/20, severity 2/2, 1 under-triaged ('not able to make the pee'), 2 over-triaged",
}
THROUGHPUT_SECONDS = 3.0
FRESH_RUNS = 5
FIRST_ANSWER = (
    "from datetime import date; from backrelief.reading import read; "
    "read('52F, sciatica in my left leg for 3 weeks, cant feel the loo roll when I wipe', date(2026, 11, 26))"
)
# What the reader cannot start without: spaCy's own import is most of its first answer.
FLOOR_IMPORT = "import spacy"


def _fields() -> None:
    scores = score(read_labelled(LABELLED))
    print(f"labelled sentences: {scores.sentences} ({LABELLED.relative_to(ROOT)})")
    print(f"{'field':22s} {'precision':>9s} {'recall':>7s} {'F1':>5s}   tp  fp  fn")
    for name, f in scores.fields.items():
        if name == RED_FLAGS:
            continue
        print(f"{name:22s} {f.precision:9.3f} {f.recall:7.3f} {f.f1:5.2f} {f.true_positive:4d} {f.false_positive:3d} "
              f"{f.false_negative:3d}")
    red = scores.fields[RED_FLAGS]
    overall = scores.overall
    print(f"red-flag findings: precision {red.precision:.3f} (target >= 0.90), recall {red.recall:.3f} "
          f"(target >= 0.97)")
    print(f"all fields: precision {overall.precision:.3f}, recall {overall.recall:.3f}, F1 {overall.f1:.3f}; "
          f"fields with F1 < 0.90 (5+ labels): "
          f"{[n for n, f in scores.fields.items() if f.f1 < 0.9 and f.true_positive + f.false_negative >= 5]}")


def _held_out() -> None:
    # First passes, before any fix: X001-X060 red-flag recall 0.72, precision 0.89, all
    # fields F1 0.85; Y001-Y060 (written after fixing for X) 0.66, 0.88, 0.83; Z001-Z050
    # (after wider, clause-bound patterns) 0.84, 1.00, 0.88; W001-W050 (mostly other
    # fields) 1.00 on 4 red flags, F1 all fields 0.82; V001-V050 (deliberately odd wording
    # and slang) 0.49, 0.92, 0.65; U001-U030 (odd wording again, after the safety net)
    # 0.53, 0.94, 0.66. Those are the honest estimate of the reader on wording it has not seen.
    scores = score(read_labelled(HELD_OUT))
    red, overall = scores.fields[RED_FLAGS], scores.overall
    print(f"later sentences ({HELD_OUT.relative_to(ROOT)}, {scores.sentences}) - first passes before fixes: "
          f"red-flag recall 0.72, 0.66, 0.84, -, 0.49, 0.53, precision 0.89, 0.88, 1.00, -, 0.92, 0.94, F1 all "
          f"fields 0.85, 0.83, 0.88, 0.82, 0.65, 0.66 "
          f"(the estimate for unseen wording); now, after fixing: red-flag recall {red.recall:.3f}, "
          f"precision {red.precision:.3f}, F1 all fields {overall.f1:.3f}")


def _throughput() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = [s.text for s in read_labelled(LABELLED)] + [v.narrative for v in read_vignettes(DEV)]
    read(texts[0], LABELLED_TODAY)
    done = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < THROUGHPUT_SECONDS:
        for text in texts:
            read(text, LABELLED_TODAY)
        done += len(texts)
    rate = done / (time.perf_counter() - started)
    # Per CPU second too: on a shared, busy machine the wall clock also counts waiting.
    cpu_rate = done / max(time.process_time() - cpu_started, 1e-9)
    print(f"throughput: {rate:.0f} narratives per second on one core by the wall clock, {cpu_rate:.0f} per CPU "
          f"second (target >= 1,000; {done} reads; load average {os.getloadavg()[0]:.1f})")
    record("reader, labelled sentences and dev narratives, one core", f"{rate:,.0f}/s ({cpu_rate:,.0f} per CPU s)",
           ">= 1,000/s", rate >= 1000, note=f"load average {os.getloadavg()[0]:.1f}")


def _first_answer() -> None:
    """The whole command as a user's second run has it (bytecode, and the phrase index and
    lexicon stored on disk by the first run: reading/pipeline.py), next to the floor that no
    change of ours can go under, `python -c "import spacy"`, run in turns in the same run."""
    with tempfile.TemporaryDirectory() as folder:
        env = command_env(Path(folder) / "bytecode")
        env["BACKRELIEF_CACHE_DIR"] = str(Path(folder) / "stored")
        ours = [sys.executable, "-c", FIRST_ANSWER]
        cold, cold_cpu = wall_and_cpu(ours, env)  # nothing stored yet: builds and stores
        (wall, cpu), (floor, floor_cpu) = compare_commands(ours, [sys.executable, "-c", FLOOR_IMPORT], env,
                                                           runs=FRESH_RUNS)
    print(f"first answer in a fresh process (interpreter, imports, pipeline, one read): median {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU; with nothing stored yet {cold:.2f} s ({cold_cpu:.2f} s CPU); floor "
          f"`python -c \"{FLOOR_IMPORT}\"` {floor:.2f} s ({floor_cpu:.2f} s CPU) (target < 0.7 s; load average "
          f"{os.getloadavg()[0]:.1f})")
    record("reader, first answer in a fresh process", f"{wall:.2f} s ({cpu:.2f} s CPU)", "< 0.7 s", wall < 0.7,
           floor=f'python -c "{FLOOR_IMPORT}" {floor:.2f} s ({floor_cpu:.2f} s CPU)', ratio=wall / floor,
           note=f"medians of {FRESH_RUNS} in turns, stored index; nothing stored yet {cold:.2f} s; CPU ratio "
                f"{cpu / floor_cpu:.2f}")


def _narratives(path: Path, name: str) -> None:
    vignettes = read_vignettes(path)
    acceptable = 0
    under: list[str] = []
    emergency_under: list[str] = []
    for v in vignettes:
        answer = triage(read(v.narrative, LABELLED_TODAY).assessment).disposition
        if answer in v.acceptable:
            acceptable += 1
        elif URGENCY[answer] < min(URGENCY[level] for level in v.acceptable):
            under.append(v.id)
            if v.expected == "emergency":
                emergency_under.append(v.id)
    print(f"{name}, narrative mode: {acceptable}/{len(vignettes)} acceptable "
          f"({100 * acceptable / len(vignettes):.1f}%, target >= 90%); under-triage: {under or 'none'}; "
          f"emergencies under-triaged: {emergency_under or 'none'} (target none)")


def _stories() -> None:
    """The frozen stories, never tuned on: wrong denials (a sign the story states or hedges,
    read as absent) per 100 stories is the figure that matters most (target 0)."""
    for path in sorted(FROZEN.glob("*.jsonl")):
        results = judge_all(read_stories(path))
        n = len(results)
        wrong = [f"{r.story.id}:{f}" for r in results for f in r.wrong_denials]
        due = sum(r.signs_due for r in results)
        caught = sum(r.signs_caught for r in results)
        right = sum(1 for r in results if not r.problems)
        under = []
        for r in results:
            answer = triage(r.assessment).disposition
            if URGENCY[answer] < min(URGENCY[level] for level in r.story.acceptable):
                under.append(r.story.id)
        print(f"frozen stories {path.stem} ({n}): all labels right {right}/{n}; warning signs caught {caught}/{due}; "
              f"wrong denials {len(wrong)} = {100 * len(wrong) / n:.1f} per 100 stories (target 0) {wrong or ''}; "
              f"under-triaged {len(under)} {under or ''}")
        print(f"    first pass before tuning: {FIRST_PASSES.get(path.stem, 'not recorded')}")


# The main table was written with the grammar (reading/times.py); the later one after it, and
# its first pass was taken before any fix for it.
TIME_TABLES = {"time_expressions": "written with the grammar", "time_expressions_later": "first pass 33/40 (82.5%)",
               "time_expressions_gaps": "the reader lane's gap classes, first pass 33/60 (55%)"}


def _times() -> None:
    for name, note in TIME_TABLES.items():
        rows, wrong = time_table(ROOT / "data" / "reading" / f"{name}.jsonl")
        accuracy = 100 * (rows - len(wrong)) / rows
        print(f"time expressions {name} ({rows}, {note}): {accuracy:.1f}% read right (target >= 95%: "
              f"{'met' if accuracy >= 95 else 'NOT met'}) {wrong[:5] or ''}")


def _severity_words() -> None:
    rows, missed = severity_coverage(ROOT / "data" / "reading" / "severity_words.jsonl")
    print(f"severity words ({rows} ways of saying how bad; the last 12 written without looking at the list scored "
          f"6/12 on their first pass): {rows - len(missed)}/{rows} covered ({100 * (rows - len(missed)) / rows:.0f}%) "
          f"{missed or ''}")


def main() -> None:
    _stories()
    _times()
    _severity_words()
    _fields()
    _held_out()
    _narratives(DEV, "dev vignettes")
    # First passes, batch by batch (22 batches, 515 narratives, 313 emergencies): 37/40, 39/40,
    # 30/30, 29/30, 30/30, 20/20 (self-care cases with look-alike words), 27/30 (one a fall from
    # a height the contract cannot say), 26/30, 29/30, 16/20, 15/20, 18/20, 17/20, 18/20, 13/15,
    # 16/20, 17/20, 17/20, 11/15, 11/15, 9/15, 14/15. 52 of the 313 emergencies were
    # under-triaged by the reader on a first pass (about 1 in 6): the estimate for narratives it
    # has not seen. Each was fixed afterwards; the cauda equina batches with odd wording missed most.
    _narratives(OWN, "own-words narratives (written for the reader, used while tuning it; first passes by batch "
                     "37/40, 39/40, 30/30, 29/30, 30/30, 20/20, 27/30, 26/30, 29/30, 16/20, 15/20, 18/20, 17/20, 18/20, "
                     "13/15, 16/20, 17/20, 17/20, 11/15, 11/15, 9/15, 14/15; 52 of 313 emergencies under-triaged by "
                     "the reader on a first pass, all fixed since)")
    _first_answer()
    _throughput()


if __name__ == "__main__":
    main()
