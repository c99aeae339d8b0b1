"""A copy of the validated knowledge kept on disk, so a command starts without reading YAML
(and, the same way, of anything else built from the knowledge files alone: the reader's
phrase index, reading/pipeline.py).

Reading and validating the knowledge files (and building the validators that do it) is a
large part of what a short command such as `backrelief assess` costs (issue 18). The
result of `load_knowledge` is stored once it has passed every check, under a name made
from a hash of everything that could change it: the bytes of every knowledge data file,
the source of the modules that define the models, and the versions of Python and
pydantic. Any change to any of them gives another name, so a copy made from other files
or other code is never read; a copy that cannot be read is ignored and the files are
read as before.

The copy is a pickle, which can run code when read, so it is read only from a folder and
a file that belong to the user running the command and that no one else can write to.

`BACKRELIEF_CACHE_DIR` names the folder (default: the user's cache folder, e.g.
~/.cache/backrelief); set it to an empty string to keep no copy.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TypeVar

import pydantic

T = TypeVar("T")

CACHE_DIR_VARIABLE = "BACKRELIEF_CACHE_DIR"
# The modules whose classes make up what is stored: a change to any of them is a change
# to what a stored copy means.
MODEL_MODULES = ("backrelief.knowledge", "backrelief.knowledge.conditions", "backrelief.assessment",
                 "backrelief.errors", "backrelief.values")


def cache_dir() -> Path | None:
    """The folder the copies live in, or None when keeping copies is switched off."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("backrelief", appauthor=False))


def fingerprint(modules: tuple[str, ...] = MODEL_MODULES, versions: tuple[str, ...] = ()) -> str:
    """A hash of the knowledge data files, the code that builds what is stored (`modules`,
    which must be imported) and the versions of what reads them (Python, pydantic, and
    any given in `versions`)."""
    digest = hashlib.sha256("\0".join((sys.version, pydantic.VERSION, str(pickle.HIGHEST_PROTOCOL), *versions))
                            .encode())
    data = resources.files("backrelief.knowledge").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    for name in modules:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None)
        # A module that cannot be read is a change that cannot be seen: keep no copy.
        if source is None:
            raise OSError(f"{name}: source not found")
        digest.update(name.encode() + b"\0" + Path(source).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _safe_to_read(path: Path) -> bool:
    """The folder and the file belong to this user and no one else can write to them."""
    getuid = getattr(os, "getuid", None)
    for item in (path.parent, path):
        info = item.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
        if getuid is not None and info.st_uid != getuid():
            return False
    return True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while: building or reading back tens of thousands
    of containers at once (the reader's phrase index), the collector would walk the growing
    heap again and again while they are made, which is most of the time it takes. They are
    looked at once it is back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read(path: Path, kind: type[T]) -> T | None:
    try:
        if not _safe_to_read(path):
            return None
        with path.open("rb") as stored, collector_paused():
            value = pickle.load(stored)
    except Exception:  # any unreadable copy is ignored; the files are read instead
        return None
    return value if isinstance(value, kind) else None


def _write(folder: Path, path: Path, value: object) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # readers see the old copy or the whole new one
        # Copies from older versions are cleared after a week, not at once: several
        # installs (or checkouts) of different versions may share the folder.
        week_ago = time.time() - 7 * 24 * 3600
        for old in folder.glob(f"{path.name.split('-')[0]}-*.pickle"):
            if old != path and old.stat().st_mtime < week_ago:
                old.unlink(missing_ok=True)
    except Exception:  # a folder that cannot be written to only costs speed
        return


def remembered(name: str, kind: type[T], build: Callable[[], T], *, modules: tuple[str, ...] = MODEL_MODULES,
               versions: tuple[str, ...] = ()) -> T:
    """`build()`'s result, from the stored copy when one was made from the same files and code
    (the knowledge data files, `modules`' source, `versions`: see `fingerprint`)."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{fingerprint(modules, versions)}.pickle"
    except OSError:
        return build()
    stored = _read(path, kind)
    if stored is not None:
        return stored
    value = build()
    _write(folder, path, value)
    return value
