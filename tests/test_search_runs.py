"""How the build runs Pagefind, part after part (generator/search.py), with a stand-in for
Pagefind: its failure reaches staff with its own words, and its output never stalls it while the
build reads the part before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator import search
from generator.search import WORK_FOLDER, SearchIndexFailed, index_site


def _site(folder: Path, regions: int) -> Path:
    (folder / "index.html").parent.mkdir(parents=True)
    (folder / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    for number in range(regions):
        page = folder / "regions" / f"r{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<main data-ps-area="r{number}">地区</main>', encoding="utf-8")
    return folder


def _stand_in(monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    monkeypatch.setattr(search, "pagefind_command",
                        lambda pages, output: [sys.executable, "-c", script])


def test_every_part_runs_and_a_loud_run_does_not_stall(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 MB on each stream: more than a pipe holds while the build reads the part before.
    _stand_in(monkeypatch, "import sys; sys.stderr.write('x' * 2**20); "
                           "print('y' * 2**20); print('Indexed 2 pages')")
    site = _site(tmp_path / "site", regions=4)
    # Counted once: the site's own page, then 2 + 2 regions (not the overview's 2 + 2 again)
    assert index_site(site, max_pages=2) == 2 * 3
    assert not (site / WORK_FOLDER).exists()
    assert len(list((site / "search" / "words").glob("*.txt"))) == 256


def test_a_failing_part_stops_the_index_with_pagefinds_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The third part fails; the second is read meanwhile.
    monkeypatch.setattr(search, "pagefind_command", lambda pages, output: [
        sys.executable, "-c", "import sys; print('Indexed 2 pages'); "
        "sys.exit(0) if not sys.argv[1].endswith('part-3') else None; "
        "sys.stderr.write('索引失败'); sys.exit(3)", str(output)])
    site = _site(tmp_path / "site", regions=4)
    with pytest.raises(SearchIndexFailed, match="索引失败"):
        index_site(site, max_pages=2)
    assert not (site / WORK_FOLDER).exists()
