"""Build time per stage, peak memory and preview latency at 30, 300 and 3,000 synthetic regions.

    .venv/bin/python benchmarks/build_scale.py                    # 30, 300 and 3,000
    .venv/bin/python benchmarks/build_scale.py --sizes 30 300 --no-preview

    .venv/bin/python benchmarks/build_scale.py --sizes 3000 --root /tmp/p3000 --no-preview

Every region has a plan (tests/synthetic.py: provinces, prefectures and counties, in the real
plans' shapes). `--root DIR` keeps the synthetic project (one size only) and reuses it when run
again: writing 3,000 regions takes minutes. Each size runs in its own process. Memory is
sampled twice a second over the build process and all its descendants at that moment
(MkDocs' workers, Pagefind, the forked generator, link-check workers): "peak memory, whole
tree" is the largest sum of their proportional set sizes (PSS: a page shared by a forked
child and its parent counts once), the figure the issue's 4 GB limit is about; the stage it
was reached in is named. The peak RSS of the build process alone and of the largest child it
waited for are printed too.
The preview latency is measured as staff see it: `policysite serve` runs on a free port, one
plan's summary is edited on disk, and the clock stops when the changed action page, fetched
over HTTP, shows the new words. The issue's targets: the whole build in at most 10 minutes on
2 cores, at most 4 GB, the link check at most 20 % of it, a preview edit in at most 2 s at
3,000 regions. Timings live here, never in tests; say how loaded the machine was.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
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
from synthetic import copy_site_files, write_synthetic_project  # noqa: E402

import generator.build as build_module  # noqa: E402

# The build's stages, as functions of generator/build.py, and their names in the table. The
# link check's workers run beside the search index (linkcheck.checking_links_ahead): "link
# check" is what remains of it after the search index, and its share is of the wall time.
STAGES = {"validate_project": "load + validate", "build_site_model": "site model",
          "generate_docs": "generate pages", "run_engine": "MkDocs",
          "index_for_search": "search index", "check_links": "link check",  # its rest: see above
          "write_compressed_copies": "compress", "publish": "publish"}


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest child waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _descendants(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue  # it ended meanwhile
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """The largest sum of PSS over the build process and its descendants, sampled every
    interval, and the stage running at that moment (`stage` is set by the stage wrappers).

    The sampler is a forked process, not a thread: generator/forked.py forks only a process
    without threads, so a sampling thread would make the build read and render on one core,
    which is not the build staff run."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_mb, self.peak_stage = 0.0, ""
        self.stage_peaks: dict[str, float] = {}
        context = multiprocessing.get_context("fork")
        self._stage = context.RawArray("c", 64)  # shared with the sampler
        self.stage = "start"
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=self._run, args=(os.getpid(), child_conn),
                                        daemon=True)

    @property
    def stage(self) -> str:
        return self._stage.value.decode()

    @stage.setter
    def stage(self, name: str) -> None:
        self._stage.value = name.encode()[:63]

    def _run(self, build_pid: int, conn) -> None:  # type: ignore[no-untyped-def]
        own = os.getpid()
        while not conn.poll(self.interval):
            total = sum(_pss_kb(pid) for pid in _descendants(build_pid) if pid != own) / 1024
            stage = self.stage
            self.stage_peaks[stage] = max(self.stage_peaks.get(stage, 0.0), total)
            if total > self.peak_mb:
                self.peak_mb, self.peak_stage = total, stage
        conn.send((self.peak_mb, self.peak_stage, self.stage_peaks))

    def __enter__(self) -> TreeMemory:
        self._process.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._conn.send("stop")
        self.peak_mb, self.peak_stage, self.stage_peaks = self._conn.recv()
        self._process.join()


def timed_build(root: Path, memory: TreeMemory | None = None,
                cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Each stage's wall time; `cpu` gets each stage's CPU seconds (this process and the
    children it waited for): CPU over wall is how many cores a stage kept busy."""
    watch = Stopwatch()
    originals = {name: getattr(build_module, name) for name in STAGES}
    for name, label in STAGES.items():
        staged = _cpu_counted(cpu, label, _staged(memory, label, originals[name]))
        setattr(build_module, name, watch.wrap(label, staged))
    start = time.perf_counter()
    try:
        code = build_module.build(build_module.BuildOptions(
            root=root, output=root / "site", check_accessibility=False))
    finally:
        for name, function in originals.items():
            setattr(build_module, name, function)
    assert code == 0, f"build failed with exit code {code}"
    return {**watch.times, "total": time.perf_counter() - start}


def _cpu_counted(cpu: dict[str, float] | None, label: str, function):  # type: ignore[no-untyped-def]
    if cpu is None:
        return function

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = sum(os.times()[:4])
        try:
            return function(*args, **kwargs)
        finally:
            cpu[label] = cpu.get(label, 0.0) + sum(os.times()[:4]) - start

    return counted


def _staged(memory: TreeMemory | None, label: str, function):  # type: ignore[no-untyped-def]
    """The function, telling the memory sampler which stage runs."""
    if memory is None:
        return function

    def staged(*args, **kwargs):  # type: ignore[no-untyped-def]
        memory.stage = label
        return function(*args, **kwargs)

    return staged


def preview_latency(root: Path, edits: int = 3) -> dict[str, float]:
    """Start `policysite serve`, then edit one action's summary `edits` times (the last one
    straight after the previous one showed); seconds from each save until the served action
    page shows the new words. The build just timed left its record, so serve starts from its
    output (generator/fingerprint.py): "serve start (reused build)" is that start, not a build."""
    started, results = time_edits(root, edits)
    shown = sorted(page for page, _ in results)
    return {"serve start (reused build)": started, "preview edit (median)": shown[len(shown) // 2],
            "preview edit (max)": shown[-1]}


def one_size(regions: int, preview: bool, actions: int | None, keep: Path | None = None
             ) -> dict:
    with tempfile.TemporaryDirectory(prefix="policysite-scale-") as folder:
        root = keep or Path(folder)
        start = time.perf_counter()
        if keep is None or not (keep / "regions").is_dir():
            write_synthetic_project(root, regions, actions_per_plan=actions)
        else:  # the kept regions, with this checkout's pages, theme and settings
            copy_site_files(root)
        written = time.perf_counter() - start
        plans = sum(1 for _ in (root / "regions").glob("*/plans/*/plan.yaml"))
        cpu_start = os.times()
        stage_cpu: dict[str, float] = {}
        with TreeMemory() as memory:
            times = timed_build(root, memory, stage_cpu)
        cpu = os.times()
        own, child = peak_rss_mb()
        pages = sum(1 for _ in (root / "site").rglob("*.html"))
        result = {"regions": regions, "plans": plans, "pages": pages,
                  "write project": written, "times": times, "rss_self_mb": own,
                  "rss_child_mb": child, "tree_peak_mb": memory.peak_mb,
                  "tree_peak_stage": memory.peak_stage, "stage_peaks": memory.stage_peaks,
                  "stage_cpu": stage_cpu,
                  "cpu": sum(cpu[:4]) - sum(cpu_start[:4]), "load": os.getloadavg()}
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
    lines.append(f"{'CPU, all processes (s)':24}" + "".join(f"{r['cpu']:>12.1f}"
                                                          for r in results))
    lines.append(f"{'peak memory, tree (MB)':24}" + "".join(f"{r['tree_peak_mb']:>12.0f}"
                                                          for r in results))
    lines.append(f"{'  reached in':24}" + "".join(f"{r['tree_peak_stage'][:11]:>12}"
                                                  for r in results))
    lines.append(f"{'peak RSS build (MB)':24}" + "".join(f"{r['rss_self_mb']:>12.0f}"
                                                       for r in results))
    lines.append(f"{'peak RSS child (MB)':24}" + "".join(f"{r['rss_child_mb']:>12.0f}"
                                                       for r in results))
    for label in ("serve start (reused build)", "preview edit (median)", "preview edit (max)"):
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
    parser.add_argument("--root", type=Path, help="keep the synthetic project here and reuse it "
                        "(one size only)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, JSON out
    args = parser.parse_args(argv)
    if args.root and not args.one and len(args.sizes) != 1:
        parser.error("--root needs exactly one size")
    if args.one:
        print(json.dumps(one_size(args.one, not args.no_preview, args.actions, args.root)))
        return 0
    results = []
    for regions in args.sizes:
        # A process per size: its peak RSS is its own.
        command = [sys.executable, __file__, "--one", str(regions)]
        if args.actions is not None:
            command += ["--actions", str(args.actions)]
        if args.no_preview:
            command.append("--no-preview")
        if args.root:
            command += ["--root", str(args.root.resolve())]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"{regions} regions done (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    print(f"load average at the end: {os.getloadavg()}")
    print("actions per plan: " + (f"cut to {args.actions}" if args.actions else
                                  "each shape's own (10 to 18, as in the real plans)"))
    print(table(results))
    for result in results:
        peaks = ", ".join(f"{stage} {mb:.0f}" for stage, mb in result["stage_peaks"].items())
        print(f"{result['regions']:,} regions, peak memory of the tree by stage (MB): {peaks}")
        cpu = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in result["stage_cpu"].items())
        print(f"{result['regions']:,} regions, CPU seconds by stage: {cpu}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
