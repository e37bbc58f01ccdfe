"""CPU seconds of one browser checking a fixed set of ordinary pages, for Chromium variants
(flags, chromedriver's logging preferences), alternated A/B so the machine's drift cancels.

    flock /work/cpu.lock .venv/bin/python benchmarks/a11y_gate_flags.py /tmp/seed-bench \\
        --variant base --variant gpu=--disable-gpu-compositing --rounds 3

A variant is NAME or NAME=ITEM,ITEM…; an ITEM is a Chromium switch (`--x=y`),
`perf:enableNetwork=0` / `perf:enablePage=0` (chromedriver's perfLoggingPrefs), `exclude:SWITCH`
(one of chromedriver's default switches left out) or `buffers:0` (Network.enable with
DevTools' response-body buffers at zero). Each round starts one browser per variant (order
ABBA…), checks the same pages as an ordinary page is checked (load, tree, axe every rule at
1280 px, reflow at 320 px, network log) and counts the CPU of every process under this one
(sampled from /proc) plus this process's own. The findings must be the same for every
variant: the probe says so. The seed site is built into the folder the first time (see
a11y_gate_cpu.py). Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import a11y_gate
from a11y_gate_cpu import TICKS, Sampler
from selenium import webdriver

from generator.a11y import browser as browser_module
from generator.a11y.axe_engine import AxeRunner
from generator.a11y.engines import locate_engines
from generator.a11y.ibm_engine import IbmRunner
from generator.a11y.options import DEFAULT_MODE, REPO_ROOT, CheckOptions
from generator.a11y.page_check import PageChecker
from generator.a11y.pages import PagePlan, Part, discover_pages
from generator.a11y.profile import Profile
from generator.a11y.server import serve_site

BASE_ARGS = browser_module.CHROME_ARGS
BASE_OPTIONS = webdriver.ChromeOptions


def variant_options(items: list[str]) -> type:
    """A ChromeOptions class with the variant's chromedriver preferences."""
    perf = {key.split("=")[0]: key.endswith("=1") for item in items if item.startswith("perf:")
            for key in [item[5:]]}
    exclude = [item[8:] for item in items if item.startswith("exclude:")]

    class Options(BASE_OPTIONS):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            if perf:
                self.add_experimental_option("perfLoggingPrefs", perf)
            if exclude:
                self.add_experimental_option("excludeSwitches", exclude)

    return Options


def start(items: list[str]) -> browser_module.Browser:
    browser_module.CHROME_ARGS = BASE_ARGS + tuple(i for i in items if i.startswith("--"))
    webdriver.ChromeOptions = variant_options(items)
    try:
        return browser_module.Browser(CheckOptions().chromium_binary, CheckOptions().chromedriver)
    finally:
        browser_module.CHROME_ARGS, webdriver.ChromeOptions = BASE_ARGS, BASE_OPTIONS


def probe(items: list[str], pages: list[str], origin: str, base: str) -> tuple:
    """(wall seconds, CPU by process kind, total CPU, findings, CPU by thread) for one
    browser checking `pages`."""
    engines = locate_engines(REPO_ROOT)
    options = CheckOptions(base_path=base)
    browser = start(items)
    try:
        browser.allow_only(origin)
        if "buffers:0" in items:
            browser.cdp("Network.enable", {"maxTotalBufferSize": 0, "maxResourceBufferSize": 0})
        browser.preload("axe-core", engines.axe.source())
        checker = PageChecker(browser, AxeRunner(browser.driver, engines.axe.path),
                              IbmRunner(browser.driver, engines.ibm), origin, options, Profile())
        sampler = Sampler()
        sampler.thread.start()
        time.sleep(0.3)
        baseline = dict(sampler.last)
        own = sum(os.times()[:2])
        started = time.perf_counter()
        findings = []
        for path in pages:
            url = path.removesuffix("index.html")
            plan = PagePlan(path, url, None, (DEFAULT_MODE,), False, (1280,))
            result, loaded = checker.check(plan, Part((1280, 320), False))
            findings.append((path, [f.check for f in result.failures],
                             [(r.mode.key, len(r.violations), sum(len(i.nodes) for i in r.incomplete))
                              for r in result.runs], loaded))
        wall = time.perf_counter() - started
        own = sum(os.times()[:2]) - own
        sampler.stop.set()
        sampler.thread.join()
        threads = by_thread(sampler.last)
    finally:
        browser.close()
    totals: dict[str, float] = {}
    for pid, (name, seconds) in sampler.last.items():
        totals[name] = totals.get(name, 0.0) + seconds - baseline.get(pid, (name, 0.0))[1]
    totals["python"] = own
    return wall, totals, sum(totals.values()), findings, threads


def by_thread(seen: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds since each process started, by process kind and thread name."""
    found: dict[str, float] = {}
    for pid, (kind, _) in seen.items():
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                    fields = stat.read()
            except OSError:
                continue
            name = fields[fields.index("(") + 1: fields.rindex(")")]
            rest = fields[fields.rindex(")") + 2:].split()
            key = f"{kind}: {name}"
            found[key] = found.get(key, 0.0) + (int(rest[11]) + int(rest[12])) / TICKS
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--variant", action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--threads", action="store_true",
                        help="also print CPU by thread (since each process started)")
    args = parser.parse_args()
    root = args.root.resolve()
    if not (root / "site").is_dir():
        a11y_gate.seed_project(root)
        a11y_gate.build_unchecked(root)
    every = [p for p in discover_pages(root / "site") if "/actions/" in p or "themes/" in p]
    step = max(1, len(every) // args.pages)
    pages = every[::step][: args.pages]
    variants = [(v.split("=", 1)[0], v.split("=", 1)[1].split(",") if "=" in v else [])
                for v in args.variant]
    cpu: dict[str, list[float]] = {name: [] for name, _ in variants}
    walls: dict[str, list[float]] = {name: [] for name, _ in variants}
    kinds: dict[str, dict[str, float]] = {name: {} for name, _ in variants}
    reference = None
    base = "/policysite/"
    print(f"{len(pages)} pages; load average before: {a11y_gate.load()}")
    with serve_site(root / "site", base) as root_url:
        origin = root_url[: -len(base)]
        for number in range(args.rounds):
            order = variants if number % 2 == 0 else variants[::-1]
            for name, items in order:
                wall, totals, total, findings, threads = probe(items, pages, origin, base)
                if args.threads:
                    for key, seconds in sorted(threads.items(), key=lambda item: -item[1])[:25]:
                        print(f"      {key:<60}{seconds:6.2f} s")
                cpu[name].append(total)
                walls[name].append(wall)
                for kind, seconds in totals.items():
                    kinds[name][kind] = kinds[name].get(kind, 0.0) + seconds / args.rounds
                same = reference is None or findings == reference
                reference = reference or findings
                print(f"  round {number + 1} {name:<12} wall {wall:6.1f} s  CPU {total:6.1f} s"
                      f"  findings {'same' if same else 'DIFFERENT'}  load {a11y_gate.load()}",
                      flush=True)
    for name, _ in variants:
        print(f"{name:<12} CPU median {statistics.median(cpu[name]):6.1f} s "
              f"(runs {', '.join(f'{c:.1f}' for c in cpu[name])}); wall median "
              f"{statistics.median(walls[name]):.1f} s")
        for kind, seconds in sorted(kinds[name].items(), key=lambda item: -item[1]):
            if seconds >= 0.05:
                print(f"    {kind:<46}{seconds:7.1f} s")
    print(f"load average after: {a11y_gate.load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
