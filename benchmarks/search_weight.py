"""First-visit bytes and search cost at 30, 300 and 3,000 synthetic regions: Pagefind (the hosted
build) side by side with Material's own search (the same hosted build with its search plugin
on, as every page was before).

    .venv/bin/python benchmarks/search_weight.py --regions 30 300
    .venv/bin/python benchmarks/search_weight.py --regions 3000 --no-material   # expensive

For each size it prints: first-visit bytes of an action page (HTML and everything the browser
loads, raw and as gzip from the .gz copies), bytes for one search, index time, the indexer's
peak memory and the index size on disk. The issue's limits: a first visit ≤ 350 KB raw and
≤ 100 KB gzip at every size; one search ≤ 200 KB at 3,000 regions. Timings live here, never in
tests; a shared machine makes them rough.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from served import serve_recording, transfer_bytes  # noqa: E402
from synthetic import write_synthetic_project  # noqa: E402

from generator.a11y.browser import CHROME_ARGS  # noqa: E402
from generator.build import BuildOptions, build  # noqa: E402
from generator.search import OUTPUT_FOLDER, pagefind_command, remove_unused_files  # noqa: E402

QUERY = "残疾人就业"
KB = 1024


def chromium() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in CHROME_ARGS:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def first_action_page(site: Path) -> str:
    return sorted(site.glob("regions/*/*/actions/*/index.html"))[0].parent.relative_to(
        site).as_posix() + "/"


def visit(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "return document.readyState === 'complete'"))


def measure_pagefind(driver: webdriver.Chrome, site: Path) -> dict[str, tuple[int, int]]:
    with serve_recording(site, "/policysite/") as (base, requested):
        visit(driver, base + first_action_page(site))
        first = transfer_bytes(site, requested)
        visit(driver, base + "search/")
        requested.clear()
        driver.find_element(By.ID, "ps-search-query").send_keys(QUERY, Keys.ENTER)
        WebDriverWait(driver, 60).until(lambda d: d.find_element(
            By.CSS_SELECTOR, "[data-ps-search-status]").text.startswith(("找到", "没有")))
        return {"first visit": first, "one search": transfer_bytes(site, requested)}


def measure_material(driver: webdriver.Chrome, site: Path) -> dict[str, tuple[int, int]]:
    """Material's search loads its whole index and worker on every page: that is both the
    first visit's extra cost and the cost of a search."""
    with serve_recording(site, "/policysite/") as (base, requested):
        visit(driver, base + first_action_page(site))
        WebDriverWait(driver, 60).until(lambda d: "search/search_index.json" in requested)
        first = transfer_bytes(site, requested)
        prefixes = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
        searching = [p for p in requested if p.startswith(prefixes)]
        return {"first visit": first, "one search": transfer_bytes(site, searching)}


def index_pagefind(site: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of one Pagefind run over the built site."""
    start = time.perf_counter()
    process = subprocess.Popen(pagefind_command(site), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, "Pagefind failed"
    remove_unused_files(site)
    return time.perf_counter() - start, usage.ru_maxrss


def digest(folder: Path) -> dict[str, int]:
    """Each index file's content hash (the .gz copies are written once, by the build)."""
    return {p.relative_to(folder).as_posix(): hash(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".gz")}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and not p.name.endswith(".gz"))


def one_size(regions: int, material: bool, driver: webdriver.Chrome) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="policysite-search-") as folder:
        root = Path(folder)
        project = write_synthetic_project(root, regions)
        start = time.perf_counter()
        assert build(BuildOptions(root=root, output=root / "site",
                                  check_accessibility=False)) == 0
        hosted = time.perf_counter() - start
        site = root / "site"
        pages = len(list(site.rglob("*.html")))
        built = digest(site / OUTPUT_FOLDER)
        seconds, peak = index_pagefind(site)
        same = "identical" if digest(site / OUTPUT_FOLDER) == built else "DIFFERENT"
        sizes = measure_pagefind(driver, site)
        lines.append(f"{regions} regions, {project.plans} plans, {pages} pages "
                     f"(hosted build {hosted:.0f} s; Pagefind run again: {same} index)")
        lines.append(row("Pagefind", sizes, seconds, f"{peak / KB:.0f} MB",
                         folder_bytes(site / OUTPUT_FOLDER)))
        if material:  # the same hosted site as before this change: Material's search on
            os.environ["POLICYSITE_MATERIAL_SEARCH"] = "true"
            try:
                start = time.perf_counter()
                assert build(BuildOptions(root=root, output=root / "material",
                                          check_accessibility=False)) == 0
                with_material = time.perf_counter() - start
            finally:
                del os.environ["POLICYSITE_MATERIAL_SEARCH"]
            sizes = measure_material(driver, root / "material")
            lines.append(row("Material", sizes, with_material - hosted, "in MkDocs",
                             folder_bytes(root / "material" / "search")))
    return lines


def row(name: str, sizes: dict[str, tuple[int, int]], seconds: float, memory: str,
        index: int) -> str:
    first, search = sizes["first visit"], sizes["one search"]
    return (f"  {name:9} first visit {first[0] / KB:8.1f} KB raw {first[1] / KB:7.1f} KB gzip | "
            f"one search {search[1] / KB:7.1f} KB | index {seconds:6.1f} s, peak {memory}, "
            f"{index / KB / KB:6.2f} MB on disk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--no-material", action="store_true",
                        help="skip the second build with Material's search (slow at 3,000)")
    args = parser.parse_args(argv)
    driver = chromium()
    try:
        for regions in args.regions:
            for line in one_size(regions, not args.no_material, driver):
                print(line, flush=True)
    finally:
        driver.quit()
    print("Material: the hosted build with its search plugin on (as before Pagefind). Its index "
          "time is that build's extra time over the Pagefind-only build "
          "(rough: one run each, shared machine); its first visit and 'one search' include the "
          "index and worker every page loads.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
