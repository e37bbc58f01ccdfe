"""Build time per stage, peak memory and preview latency at 30, 300 and 3,000 synthetic regions.

    .venv/bin/python benchmarks/build_scale.py                    # 30, 300 and 3,000
    .venv/bin/python benchmarks/build_scale.py --sizes 30 300 --no-preview

Every region has a plan (tests/synthetic.py: provinces, prefectures and counties, in the real
plans' shapes). Each size runs in its own process, so its peak RSS is its own: the build
process itself and the largest child it waited for (MkDocs, Pagefind, a link-check worker).
The preview latency is measured as staff see it: `policysite serve` runs on a free port, one
plan's summary is edited on disk, and the clock stops when the changed action page, fetched
over HTTP, shows the new words. The issue's targets: the whole build in at most 10 minutes on
2 cores, at most 4 GB, the link check at most 20 % of it, a preview edit in at most 2 s at
3,000 regions. Timings live here, never in tests; say how loaded the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests"), str(REPO_ROOT / "benchmarks")]

from page_size import Stopwatch  # noqa: E402
from preview_edit import time_edits  # noqa: E402
from synthetic import write_synthetic_project  # noqa: E402

import generator.build as build_module  # noqa: E402

# The build's stages, as functions of generator/build.py, and their names in the table.
STAGES = {"validate_project": "load + validate", "build_site_model": "site model",
          "generate_docs": "generate pages", "run_engine": "MkDocs",
          "index_for_search": "search index", "check_links": "link check",
          "write_compressed_copies": "compress", "publish": "publish"}


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest child waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def timed_build(root: Path) -> dict[str, float]:
    watch = Stopwatch()
    originals = {name: getattr(build_module, name) for name in STAGES}
    for name, label in STAGES.items():
        setattr(build_module, name, watch.wrap(label, originals[name]))
    start = time.perf_counter()
    try:
        code = build_module.build(build_module.BuildOptions(
            root=root, output=root / "site", check_accessibility=False))
    finally:
        for name, function in originals.items():
            setattr(build_module, name, function)
    assert code == 0, f"build failed with exit code {code}"
    return {**watch.times, "total": time.perf_counter() - start}


def preview_latency(root: Path, edits: int = 3) -> dict[str, float]:
    """Start `policysite serve`, then edit one action's summary `edits` times (the last one
    straight after the previous one showed); seconds from each save until the served action
    page shows the new words."""
    started, results = time_edits(root, edits)
    shown = sorted(page for page, _ in results)
    return {"serve start": started, "preview edit (median)": shown[len(shown) // 2],
            "preview edit (max)": shown[-1]}


def one_size(regions: int, preview: bool, actions: int | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="policysite-scale-") as folder:
        root = Path(folder)
        start = time.perf_counter()
        project = write_synthetic_project(root, regions, actions_per_plan=actions)
        written = time.perf_counter() - start
        times = timed_build(root)
        own, child = peak_rss_mb()
        pages = sum(1 for _ in (root / "site").rglob("*.html"))
        result = {"regions": regions, "plans": project.plans, "pages": pages,
                  "write project": written, "times": times, "rss_self_mb": own,
                  "rss_child_mb": child, "load": os.getloadavg()}
        if preview:
            result["preview"] = preview_latency(root)
        return result


def table(results: list[dict]) -> str:
    sizes = [r["regions"] for r in results]
    lines = [f"{'':24}" + "".join(f"{n:>12,}" for n in sizes)]
    lines.append(f"{'plans':24}" + "".join(f"{r['plans']:>12,}" for r in results))
    lines.append(f"{'pages (HTML)':24}" + "".join(f"{r['pages']:>12,}" for r in results))
    lines.append(f"{'write project (s)':24}" + "".join(f"{r['write project']:>12.1f}"
                                                    for r in results))
    for label in [*STAGES.values(), "total"]:
        lines.append(f"{label + ' (s)':24}"
                     + "".join(f"{r['times'].get(label, 0.0):>12.1f}" for r in results))
    lines.append(f"{'link check share':24}" + "".join(
        f"{r['times'].get('link check', 0.0) / r['times']['total']:>12.0%}" for r in results))
    lines.append(f"{'peak RSS build (MB)':24}" + "".join(f"{r['rss_self_mb']:>12.0f}"
                                                       for r in results))
    lines.append(f"{'peak RSS child (MB)':24}" + "".join(f"{r['rss_child_mb']:>12.0f}"
                                                       for r in results))
    for label in ("serve start", "preview edit (median)", "preview edit (max)"):
        if all("preview" in r for r in results):
            lines.append(f"{label + ' (s)':24}"
                         + "".join(f"{r['preview'][label]:>12.2f}" for r in results))
    lines.append(f"{'load average after':24}" + "".join(f"{r['load'][0]:>12.1f}"
                                                      for r in results))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--no-preview", action="store_true", help="skip the serve/edit timing")
    # Real plans have 10 to 18 actions: the default keeps each plan's full shape. Earlier
    # figures cut every plan to 3 actions (--actions 3), a third of the pages.
    parser.add_argument("--actions", type=int, default=None,
                        help="cut each plan to this many actions (default: the shape's own)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, not args.no_preview, args.actions)))
        return 0
    results = []
    for regions in args.sizes:
        # A process per size: its peak RSS is its own.
        command = [sys.executable, __file__, "--one", str(regions)]
        if args.actions is not None:
            command += ["--actions", str(args.actions)]
        if args.no_preview:
            command.append("--no-preview")
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"{regions} regions done (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    print(f"load average at the end: {os.getloadavg()}")
    print("actions per plan: " + (f"cut to {args.actions}" if args.actions else
                                  "each shape's own (10 to 18, as in the real plans)"))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
