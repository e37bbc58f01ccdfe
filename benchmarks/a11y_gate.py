"""Time the accessibility gate on synthetic sites: cold, warm, and after a change to one plan.

    .venv/bin/python benchmarks/a11y_gate.py                    # 30 and 300 regions
    .venv/bin/python benchmarks/a11y_gate.py --regions 30

For each size: the build without checks (the yardstick the issue compares with), then the gate
as `policysite build` runs it (same representative pages, statement checked in final form,
result cache in build/a11y-cache): cold (empty cache), warm (nothing changed), and after one
plan's plain-language summary changed (rebuilt without checks first). Prints pages checked fresh
and reused, axe runs per fresh page and seconds per axe run. Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from synthetic import copy_site_files, write_synthetic_project  # noqa: E402

from generator.build import (  # noqa: E402
    BuildOptions,
    build,
    representative_pages,
    run_accessibility_checks,
)


def build_unchecked(root: Path) -> float:
    start = time.perf_counter()
    code = build(BuildOptions(root=root, output=root / "site", check_accessibility=False))
    assert code == 0, f"build failed with exit code {code}"
    return time.perf_counter() - start


def gate(root: Path) -> tuple[float, dict]:
    """The gate as the build runs it. The build has its model in memory when it chooses the
    representative pages; here the project is read again for them, outside the timing."""
    templates = representative_pages(root, offline=False)
    start = time.perf_counter()
    ok = run_accessibility_checks(root / "site", BuildOptions(root=root), templates)
    seconds = time.perf_counter() - start
    report = json.loads((root / "reports" / "a11y.json").read_text(encoding="utf-8"))
    if not ok:
        print(f"  (the gate FAILED: {report['totals']['failures']} "
              f"{list(report['totals']['violations'])})")
        for page in report["pages"]:
            for failure in page["failures"]:
                print(f"    {page['path']}: {failure}")
    return seconds, report


def change_one_plan(root: Path) -> str:
    """Add a sentence to the first plain-language summary of the first plan: our words, so
    the document's fidelity to its source text is untouched."""
    plan = sorted(root.glob("regions/*/plans/*/plan.yaml"))[0]
    text = plan.read_text(encoding="utf-8")
    # A plain one-line scalar or a folded block (">-" and the text on the next line).
    changed = re.sub(r"(summary: (?:>-\n\s+)?)", r"\1本条说明已更新。", text, count=1)
    assert changed != text, f"no summary to change in {plan}"
    plan.write_text(changed, encoding="utf-8")
    return plan.relative_to(root).as_posix()


def describe(label: str, seconds: float, report: dict) -> str:
    coverage = report["coverage"]
    fresh_pages = [page for page in report["pages"] if not page["reused"]]
    runs = [run["seconds"] for page in fresh_pages for run in page["runs"]]
    per_page = len(runs) / len(fresh_pages) if fresh_pages else 0
    per_run = f"{statistics.fmean(runs):.2f}" if runs else "-"
    return (f"  {label:<18}{seconds:8.1f} s  pages {coverage['pages']:5}  fresh "
            f"{coverage['pages_checked_fresh']:5}  reused {coverage['pages_reused_from_cache']:5}"
            f"  axe runs/fresh page {per_page:4.1f}  s/axe run {per_run}")


def seed_project(root: Path) -> str:
    """A copy of the repository's own regions/ (the seed site), built like a synthetic one."""
    copy_site_files(root)
    shutil.copytree(REPO_ROOT / "regions", root / "regions")
    return "seed site (the repository's regions/)"


def measure(regions: int, keep: Path | None) -> None:
    """regions=0: the seed site."""
    root = keep / f"r{regions}" if keep else Path(tempfile.mkdtemp(prefix="a11y-bench-"))
    try:
        if regions:
            project = write_synthetic_project(root, regions)
            label = f"{regions} regions, {project.plans} plans"
        else:
            label = seed_project(root)
        unchecked = build_unchecked(root)
        pages = sum(1 for _ in (root / "site").rglob("*.html"))
        print(f"{label}, {pages} HTML files; load average {load()}")
        print(f"  {'build, no checks':<18}{unchecked:8.1f} s")
        cold = gate(root)
        print(describe("gate cold", *cold), f" ratio {cold[0] / unchecked:.1f}× build")
        print(steps(cold[1]))
        print(describe("gate warm", *gate(root)))
        changed = change_one_plan(root)
        rebuilt = build_unchecked(root)
        after = gate(root)
        print(f"  (changed {changed}; rebuilt without checks in {rebuilt:.1f} s)")
        print(describe("gate one plan", *after), f" ratio {after[0] / rebuilt:.1f}× build")
        print(f"  load average after: {load()}")
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def steps(report: dict) -> str:
    """The gate's time per step (generator/a11y/profile.py), slowest first."""
    rows = sorted(report["timings"].get("steps", {}).items(), key=lambda item: -item[1]["seconds"])
    return "\n".join(f"      {name:<26}{row['seconds']:8.1f} s  {row['count']:5} runs"
                     for name, row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[30, 300],
                        help="synthetic sizes; 0 is the seed site (the repository's regions/)")
    parser.add_argument("--keep", type=Path, help="keep the projects under this folder")
    args = parser.parse_args(argv)
    for regions in args.regions:
        measure(regions, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
