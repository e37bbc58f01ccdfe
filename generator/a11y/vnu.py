"""The Nu HTML checker (vnu-jar, with Java) on every page: markup errors that browsers repair
silently but assistive technology may not (duplicate ids, labels for nothing, invalid attributes).

One Java process checks all the pages of a run at once (starting Java per page would cost more
than checking); every message, error or warning, fails the page.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .engines import Engines
from .results import Failure

# C1 compilation only and a small heap: vnu runs once per gate, start-up time dominates.
JAVA_OPTIONS = ("-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
_EXTRACT_LIMIT = 160
BATCH = 2000  # files per Java process: keeps the command line far below the system's limit


def check_html(engines: Engines, site_dir: Path, pages: Sequence[str]) -> dict[str, list[Failure]]:
    """Failures per site-relative page path (pages without findings are absent)."""
    found: dict[str, list[Failure]] = {}
    for start in range(0, len(pages), BATCH):
        found.update(_check_batch(engines, site_dir, pages[start : start + BATCH]))
    return found


def _check_batch(
    engines: Engines, site_dir: Path, pages: Sequence[str]
) -> dict[str, list[Failure]]:
    command = [
        str(engines.java), *JAVA_OPTIONS, "-jar", str(engines.vnu.path),
        "--format", "json", "--exit-zero-always", *[str(site_dir / page) for page in pages],
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (ValueError, KeyError):
        problem = (completed.stderr or completed.stdout).strip().splitlines()[:1]
        failure = Failure("vnu:error", f"the Nu HTML checker did not run: {' '.join(problem)}")
        return {page: [failure] for page in pages}
    found: dict[str, list[Failure]] = {}
    by_file = {(site_dir / page).resolve().as_uri(): page for page in pages}
    for message in messages:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        page = by_file.get(_normal_uri(message.get("url", "")))
        if page is None:
            continue
        kind = "warning" if message.get("type") == "info" else message.get("type", "error")
        where = f"line {message.get('lastLine', '?')}"
        extract = " ".join(str(message.get("extract", "")).split())[:_EXTRACT_LIMIT]
        found.setdefault(page, []).append(
            Failure(f"vnu:{kind}", f"{message.get('message', '')} ({where})", 0, "", extract)
        )
    return found


def _normal_uri(url: str) -> str:
    # vnu writes "file:/tmp/x.html"; Path.as_uri writes "file:///tmp/x.html".
    return "file:///" + url.removeprefix("file:").lstrip("/")
