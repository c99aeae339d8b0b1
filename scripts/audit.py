"""Known vulnerabilities of the locked dependencies, from PyPI's JSON API.

`make audit` runs pip-audit first. Where pip-audit cannot work (its advisory services
out of reach, or PyPI answering only for each project's newest release, as in this
project's build sandbox) this fallback reads the `vulnerabilities` PyPI lists for each
locked version it can see, and says plainly which packages it could not check.
Exit status 1 when a vulnerability is found, 0 otherwise.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path


def _get(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            data: dict[str, object] = json.load(answer)
            return data
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
        return None


def main() -> int:
    pins = [line.split("==") for line in Path("constraints.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")]
    found, unchecked = [], []
    for name, version in pins:
        data = _get(f"https://pypi.org/pypi/{name}/{version}/json")
        if data is None:
            latest = _get(f"https://pypi.org/pypi/{name}/json")
            info = latest.get("info") if latest else None
            if isinstance(info, dict) and info.get("version") == version:
                data = latest
        if data is None:
            unchecked.append(f"{name}=={version}")
            continue
        vulnerabilities = data.get("vulnerabilities")
        for item in vulnerabilities if isinstance(vulnerabilities, list) else []:
            if isinstance(item, dict):
                found.append(f"{name}=={version}: {item.get('id')} fixed in {item.get('fixed_in')}")
    print(f"checked {len(pins) - len(unchecked)} of {len(pins)} locked packages against PyPI's vulnerability data")
    for line in found:
        print(f"VULNERABLE {line}")
    if unchecked:
        print("could not check (PyPI gave no data for that version): " + ", ".join(unchecked))
    if not found:
        print("no known vulnerability in the packages checked")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
