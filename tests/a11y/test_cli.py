"""python -m generator.a11y: progress per page, summary, JSON, and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from a11y_sites import PLANTED, write_site

from generator.a11y.__main__ import main


def test_failing_site_exits_1_with_progress_summary_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site", {"img-alt": PLANTED["img-alt"]})
    out = tmp_path / "report.json"
    statement = tmp_path / "statement.html"
    argv = [str(site), "--json", str(out), "--statement", str(statement), "--workers", "1"]
    assert main(argv) == 1
    printed = capsys.readouterr().out
    assert "[1/2] ./ 1280 ✓ 320 ✓ [home: 9 modes]" in printed
    # An ordinary page: axe at the widest width, the reflow check (passed) at 320.
    assert "[2/2] img-alt/ 1280 ✗ 320 ✓" in printed
    assert "Accessibility gate: FAILED" in printed and "image-alt" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["ok"] is False
    assert report["totals"]["violations"]["image-alt"]["page_paths"] == ["img-alt/index.html"]
    assert "结论：未通过" in statement.read_text(encoding="utf-8")


def test_missing_site_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
