"""The `backrelief` command's entry point (`python -m backrelief` and the installed script):
the command line of backrelief/cli, started without two costs a command does not need
(issue 18: `assess` next to the bare imports of typer, rich and pydantic).

- pydantic looks for plugins (`importlib.metadata` entry points) when it builds its first
  model: importing importlib.metadata and scanning every installed package is a tenth of
  `assess`. backrelief uses no pydantic plugin, so the command answers that lookup with
  none (what PYDANTIC_DISABLE_PLUGINS does, without the import).
- The garbage collector walks every object the imports make, again and again, and frees
  nothing: start-up makes modules and classes that live as long as the command. It is
  paused until the command's modules are imported, then started again with those objects
  frozen (left out of every later collection), so a long batch or the server collects as
  usual.

Only this entry point does either: importing backrelief.cli (tests, a host program) changes
nothing of the process.
"""

from __future__ import annotations

import gc
import sys
import types


def _resume_collecting() -> None:
    gc.freeze()
    gc.enable()


def main() -> None:
    if "pydantic.plugin._loader" not in sys.modules:
        loader = types.ModuleType("pydantic.plugin._loader")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = loader
    collecting = gc.isenabled()
    gc.disable()
    from backrelief.cli import main as run

    run(started=_resume_collecting if collecting else None)
