"""A content-addressed cache of passing page results, so a one-plan change re-checks only the
pages that changed.

A page's entry is found by a key over everything its check depends on: the gate's own code,
the engines (name, version and file hash), Chromium and chromedriver versions, the options,
the page's plan (template, modes, keyboard checks) and the page's HTML. The entry lists every
file the page was rendered from (stylesheets, scripts, fonts, images) with its hash; it is
reused only when each of those files is still byte-identical. Only passing results are kept:
a failing page is always checked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

from .pages import PagePlan
from .results import PageResult

_GATE_CODE = Path(__file__).resolve().parent


def gate_code_hash() -> str:
    """Any change to the gate's own checks invalidates every entry."""
    digest = hashlib.sha256()
    for source in sorted(_GATE_CODE.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, folder: Path, site_dir: Path, base_path: str, fingerprint: str) -> None:
        self.folder = folder
        self.site_dir = site_dir
        self.base_path = base_path
        self.fingerprint = fingerprint
        self._file_hashes: dict[str, str | None] = {}

    def key(self, plan: PagePlan) -> str:
        modes = ",".join(mode.key for mode in plan.modes)
        widths = ",".join(str(width) for width in plan.axe_widths)
        page = f"{plan.path}|{plan.template}|{modes}|{plan.interaction}|{widths}|{plan.query}"
        html = self._hash_file(plan.path) or "missing"
        return hashlib.sha256(f"{self.fingerprint}\n{page}\n{html}".encode()).hexdigest()

    def get(self, plan: PagePlan) -> PageResult | None:
        entry_path = self._entry(self.key(plan))
        try:
            with open(entry_path, "rb") as stream:
                entry = json.loads(stream.read())
        except (OSError, ValueError):
            return None
        for url_path, digest in entry["assets"].items():
            if self._hash_url(url_path) != digest:
                return None
        result = PageResult.from_json(entry["result"])
        result.reused = True
        os.utime(entry_path)  # in use: kept by prune()
        return result

    def put(self, plan: PagePlan, result: PageResult, loaded: tuple[str, ...]) -> None:
        if not result.ok:
            return
        assets = {url_path: self._hash_url(url_path) for url_path in loaded}
        if any(digest is None for digest in assets.values()):
            return  # a file it loaded is not in the site folder: nothing to compare next time
        entry = {"assets": dict(sorted(assets.items())), "result": result.to_json()}
        path = Path(self._entry(self.key(plan)))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole or not at all: parallel CI jobs may share a restored cache folder.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entry, stream, ensure_ascii=False, sort_keys=True)
        os.replace(temporary, path)

    def prune(self, days: int = 30) -> None:
        """Forget entries no run has used for `days` days, so the folder (and CI's cache)
        does not grow with every page version ever built."""
        limit = time.time() - days * 86400
        for entry in self.folder.glob("*/*.json"):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < limit:
                    entry.unlink()

    def _entry(self, key: str) -> str:
        # Strings, not Paths, for the files of every page: a national site looks up ~60,000.
        return os.path.join(self.folder, key[:2], f"{key}.json")

    def _hash_url(self, url_path: str) -> str | None:
        if not url_path.startswith(self.base_path):
            return None
        relative = unquote(url_path[len(self.base_path):])
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self._hash_file(relative)

    def _hash_file(self, relative: str) -> str | None:
        if relative not in self._file_hashes:
            try:
                with open(os.path.join(self.site_dir, relative), "rb") as stream:
                    self._file_hashes[relative] = hashlib.sha256(stream.read()).hexdigest()
            except OSError:
                self._file_hashes[relative] = None
        return self._file_hashes[relative]

    def forget(self, relative: str) -> None:
        """A file was rewritten during the run (the statement page): hash it again."""
        self._file_hashes.pop(relative, None)
