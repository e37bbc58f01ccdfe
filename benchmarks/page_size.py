"""Build a synthetic site with many regions and print build timings and page sizes.

    .venv/bin/python benchmarks/page_size.py                 # 3,000 regions
    .venv/bin/python benchmarks/page_size.py --regions 300 --keep /tmp/big

The issue it measures: a page's HTML must not grow with the number of regions (under 60 KB per
page whether the site has 5 regions or 3,000). Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from synthetic import largest_by_kind, page_sizes, write_synthetic_project  # noqa: E402

import generator.build as build_module  # noqa: E402

LIMIT = 60 * 1024


class Stopwatch:
    """Wraps the build's steps to time each of them."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def wrap[F: Callable](self, name: str, function: F) -> F:
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start

        return timed  # type: ignore[return-value]


@contextlib.contextmanager
def timed_steps(watch: Stopwatch) -> Iterator[None]:
    names = {"validate_project": "validate", "generate_docs": "generate pages",
             "run_engine": "engine", "check_links": "link check", "publish": "publish"}
    originals = {name: getattr(build_module, name) for name in names}
    for name, label in names.items():
        setattr(build_module, name, watch.wrap(label, originals[name]))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(build_module, name, function)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--actions", type=int, default=3, help="actions per synthetic plan")
    parser.add_argument("--plan-every", type=int, default=1,
                        help="a plan for every n-th prefecture")
    parser.add_argument("--sparse", action="store_true",
                        help="plans for prefectures only (the earlier case); by default every "
                             "province, prefecture and county has one")
    parser.add_argument("--keep", type=Path, help="build here and keep the project")
    parser.add_argument("--top", type=int, default=10, help="largest pages to list")
    args = parser.parse_args(argv)

    with contextlib.ExitStack() as stack:
        if args.keep:
            root = args.keep
            assert not root.exists() or not any(root.iterdir()), f"{root} is not empty"
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="policysite-")))
        start = time.perf_counter()
        project = write_synthetic_project(root, args.regions, actions_per_plan=args.actions,
                                          plan_every=args.plan_every,
                                          county_plans=not args.sparse,
                                          province_plans=not args.sparse)
        written = time.perf_counter() - start
        watch = Stopwatch()
        start = time.perf_counter()
        with timed_steps(watch):
            code = build_module.build(build_module.BuildOptions(
                root=root, output=root / "site", check_accessibility=False))
        total = time.perf_counter() - start
        if code != 0:
            print(f"build failed with exit code {code}", file=sys.stderr)
            return code
        sizes = page_sizes(root / "site")
        values = list(sizes.values())

        print(f"regions {project.regions}, plans {project.plans}")
        print(f"write project   {written:8.1f} s")
        for step, seconds in watch.times.items():
            print(f"{step:15} {seconds:8.1f} s")
        print(f"build total     {total:8.1f} s")
        print(f"pages {len(values)}; max {max(values) / 1024:.1f} KB; "
              f"mean {statistics.mean(values) / 1024:.1f} KB; "
              f"median {statistics.median(values) / 1024:.1f} KB; "
              f"over 60 KB: {sum(1 for v in values if v > LIMIT)}")
        print("largest page of each kind:")
        for kind, (size, path) in sorted(largest_by_kind(sizes).items(),
                                         key=lambda item: -item[1][0]):
            flag = "  OVER 60 KB" if size > LIMIT else ""
            print(f"  {size / 1024:7.1f} KB  {kind:28} {path}{flag}")
        print(f"largest {args.top} pages:")
        for path, size in sorted(sizes.items(), key=lambda item: -item[1])[:args.top]:
            print(f"  {size / 1024:7.1f} KB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
