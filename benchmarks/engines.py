"""Both site engines side by side on the same generated pages of a synthetic site.

    .venv/bin/python benchmarks/engines.py                    # 30 and 300 regions
    .venv/bin/python benchmarks/engines.py --regions 3000

For each size the pages are generated once (build/docs of a synthetic project), then MkDocs with
Material and Zensical each build them in a fresh process: wall time, peak memory of the engine
process, the pages written and our link check's problems on the result. Timings live here,
never in tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from synthetic import write_synthetic_project  # noqa: E402

from generator.build import generate_docs  # noqa: E402
from generator.clock import build_date  # noqa: E402
from generator.linkcheck import check_links  # noqa: E402
from generator.render import Router  # noqa: E402
from generator.site_engine import ENGINES, run_engine  # noqa: E402
from generator.sitemodel import build_site_model  # noqa: E402
from generator.validate import validate_project  # noqa: E402


def measure_one(engine: str, root: Path, site: Path) -> dict:
    """Run in a child process, so that RUSAGE_CHILDREN is this engine's peak alone."""
    start = time.perf_counter()
    run_engine(engine, root, site, offline=False, docs=root / "build" / "docs")
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kib / 1024}


def measure(engine: str, root: Path, site: Path) -> dict:
    command = [sys.executable, __file__, "--one", engine, str(root), str(site)]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    figures = json.loads(result.stdout.splitlines()[-1])
    figures["pages"] = sum(1 for _ in site.rglob("*.html"))
    figures["link_problems"] = len(check_links(site))
    return figures


def compare(regions: int) -> None:
    with tempfile.TemporaryDirectory(prefix="policysite-engines-") as folder:
        root = Path(folder)
        project = write_synthetic_project(root, regions)
        dataset, problems = validate_project(root)
        assert not [p for p in problems if p.severity == "error"], problems[:5]
        start = time.perf_counter()
        generate_docs(root, build_site_model(dataset, build_date()), root / "build" / "docs",
                      Router())
        generated = time.perf_counter() - start
        results = {engine: measure(engine, root, root / f"site-{engine}") for engine in ENGINES}
    print(f"\n{project.regions} regions, {project.plans} plans "
          f"(pages generated once in {generated:.1f} s)")
    print(f"{'engine':10} {'seconds':>8} {'peak MB':>8} {'pages':>6} {'link problems':>14}")
    for engine, figures in results.items():
        print(f"{engine:10} {figures['seconds']:8.1f} {figures['peak_mb']:8.0f} "
              f"{figures['pages']:6} {figures['link_problems']:14}")
    mkdocs, zensical = results["mkdocs"], results["zensical"]
    print(f"zensical / mkdocs: time {zensical['seconds'] / mkdocs['seconds']:.2f}x, "
          f"memory {zensical['peak_mb'] / mkdocs['peak_mb']:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[30, 300])
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "ROOT", "SITE"),
                        help=argparse.SUPPRESS)  # the child process of one measurement
    args = parser.parse_args(argv)
    if args.one:
        engine, root, site = args.one
        print(json.dumps(measure_one(engine, Path(root), Path(site))))
        return 0
    for regions in args.regions:
        compare(regions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
