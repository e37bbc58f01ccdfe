"""The accessibility gate on a national site when almost nothing changed: the part of a one-plan
edit's gate that grows with the site.

    .venv/bin/python benchmarks/a11y_gate_scale.py --root PROJECT    # PROJECT/site built

At 3,000 regions a site has about 60,000 pages. After a one-plan edit the gate checks the few
pages that changed (the same 6–8 pages of the same kinds at any size: `a11y_gate.py` times
them at 30 regions) and must look up every other page's earlier result in the cache. That
look-up, the listing of the pages, the statement and the report are what grow with the site,
and what this benchmark times.

The cache of a real national site is filled by the scheduled sweep (`--shard`, many CI jobs),
which no single machine here can run in a session. This benchmark fills it the quick way, in
the project's own build/a11y-cache (use a copy of a project, never the repository):
- the real gate checks every kind's representative page and one ordinary page;
- every other page gets an entry holding that ordinary page's result under the page's own key,
  with the same shared files. These entries are NOT checks of those pages; they stand in for the
  sweep's, so that the timed runs do the work they would do with a real cache (read and hash
  every page, read and parse every entry, compare every shared file).

Then the gate as `policysite build` runs it, twice: first with the statement page checked
afresh (its results now describe every page), then with every page reused.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT)]

from a11y_gate import describe, gate, load, steps  # noqa: E402

from generator.a11y import CheckOptions, run_checks  # noqa: E402
from generator.a11y.engines import locate_engines  # noqa: E402
from generator.a11y.pages import plan_pages  # noqa: E402
from generator.a11y.results import PageResult  # noqa: E402
from generator.a11y.runner import _cache, tool_versions  # noqa: E402
from generator.build import STATEMENT_MARKER, representative_pages  # noqa: E402


def gate_options(root: Path, templates: dict[str, str], pages: list[str] | None) -> CheckOptions:
    """The options run_accessibility_checks gives, so the cache keys are the build's."""
    return CheckOptions(templates=templates, pages=pages,
                        cache_dir=root / "build" / "a11y-cache",
                        statement_page=templates.get("statement"),
                        statement_marker=STATEMENT_MARKER)


def fill_cache(root: Path, site: Path, templates: dict[str, str]) -> tuple[int, str]:
    """Check the representative pages and one ordinary page for real; copy that page's entry
    to every other page (see the module's docstring). Returns (entries copied, sample)."""
    ordinary = [plan.path for plan in plan_pages(site, gate_options(root, templates, None))
                if not plan.interaction]
    sample = next((path for path in ordinary if "/actions/" in path), ordinary[0])
    report = run_checks(site, gate_options(root, templates, [*templates.values(), sample]))
    if not report.ok:  # say what failed (at 3,000 regions: the search page's 30 s wait)
        for page in report.pages:
            for failure in page.failures:
                print(f"  FAILED {page.path}: {failure.check}: {failure.message}")
        raise SystemExit("the representative pages must pass before the cache is filled")
    options = gate_options(root, templates, None)
    engines = locate_engines(REPO_ROOT)
    cache = _cache(site, options, engines, tool_versions(engines, options))
    assert cache is not None
    plans = plan_pages(site, options)
    sample_plan = next(plan for plan in plans if plan.path == sample)
    entry = json.loads(Path(cache._entry(cache.key(sample_plan))).read_text(encoding="utf-8"))
    copied = 0
    for plan in plans:
        if plan.interaction or plan.path == sample:
            continue
        result = PageResult.from_json(entry["result"])
        result.path, result.url = plan.path, options.normalised_base_path() + plan.url_path
        cache.put(plan, result, tuple(entry["assets"]))
        copied += 1
    return copied, sample


def measure(root: Path) -> None:
    site = root / "site"
    started = time.perf_counter()
    templates = representative_pages(root, offline=False)
    print(f"representative pages chosen (the build has them in memory): "
          f"{time.perf_counter() - started:.1f} s")
    statement = site / templates["statement"]
    # The gate writes its results into the statement: put back as built before each run.
    published = statement.read_bytes()
    assert STATEMENT_MARKER.encode() in published, f"{statement} is not as built: build again"
    try:
        started = time.perf_counter()
        copied, sample = fill_cache(root, site, templates)
        print(f"cache filled: {len(templates)} representative pages and {sample} checked, "
              f"{copied} entries copied from it ({time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        plans = plan_pages(site, gate_options(root, templates, None))
        print(f"{len(plans)} pages listed and planned in {time.perf_counter() - started:.2f} s; "
              f"load average {load()}")
        for label in ("gate, statement new", "gate, all reused"):
            statement.write_bytes(published)
            seconds, report = gate(root)
            print(describe(label, seconds, report))
            print(steps(report))
    finally:
        statement.write_bytes(published)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this process {peak:.0f} MB; load average after: {load()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True,
                        help="a copy of a project whose site/ is built (its build/a11y-cache "
                             "is filled by this benchmark)")
    measure(parser.parse_args(argv).root.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
