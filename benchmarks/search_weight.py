"""First-visit bytes and search cost at 30, 300 and 3,000 synthetic regions: Pagefind (the hosted
build) side by side with Material's own search (the offline build's index, as every page
fetched it before).

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
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from synthetic import write_synthetic_project  # noqa: E402

from generator.a11y.browser import CHROME_ARGS  # noqa: E402
from generator.a11y.server import serve_site  # noqa: E402
from generator.build import BuildOptions, build  # noqa: E402
from generator.search import OUTPUT_FOLDER, pagefind_command, remove_unused_files  # noqa: E402

QUERY = "残疾人就业"
KB = 1024
RESOURCES = "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]"


def chromium() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in CHROME_ARGS:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def served_bytes(site: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """(raw, gzip) bytes of the files behind the URLs; gzip = the .gz copy where there is one."""
    raw = packed = 0
    for url in dict.fromkeys(u.split("#")[0].split("?")[0] for u in urls):
        path = site / unquote(url.removeprefix(base))
        if url.endswith("/"):
            path = path / "index.html"
        data = path.read_bytes()
        copy = path.with_name(path.name + ".gz")
        raw += len(data)
        packed += len(copy.read_bytes()) if copy.is_file() else len(gzip.compress(data, 9, mtime=0))
    return raw, packed


def first_action_page(site: Path, offline: bool) -> str:
    pattern = "regions/*/*/actions/*.html" if offline else "regions/*/*/actions/*/index.html"
    page = sorted(site.glob(pattern))[0].relative_to(site).as_posix()
    return page if offline else page.removesuffix("index.html")


def measure_pagefind(driver: webdriver.Chrome, site: Path) -> dict[str, tuple[int, int]]:
    with serve_site(site, "/policysite/") as base:
        driver.get(base + first_action_page(site, offline=False))
        visit = served_bytes(site, base, driver.execute_script(RESOURCES))
        driver.get(base + "search/")
        before = set(driver.execute_script(RESOURCES))
        driver.find_element(By.ID, "ps-search-query").send_keys(QUERY, Keys.ENTER)
        WebDriverWait(driver, 60).until(lambda d: d.find_element(
            By.CSS_SELECTOR, "[data-ps-search-status]").text.startswith(("找到", "没有")))
        fetched = [u for u in driver.execute_script(RESOURCES) if u not in before]
        return {"first visit": visit, "one search": served_bytes(site, base, fetched)}


def measure_material(driver: webdriver.Chrome, site: Path) -> dict[str, tuple[int, int]]:
    """The page's own resources plus the index and worker Material's search loads on every page
    (a worker's requests are not in the page's resource timing, so they are added by name)."""
    with serve_site(site, "/policysite/") as base:
        driver.get(base + first_action_page(site, offline=False))
        urls = driver.execute_script(RESOURCES)
    workers = sorted((site / "assets/javascripts/workers").glob("search.*.min.js"))
    extra = [base + "search/search_index.json",
             *(base + p.relative_to(site).as_posix() for p in workers)]
    index = served_bytes(site, base, extra)
    visit = served_bytes(site, base, urls)
    return {"first visit": (visit[0] + index[0], visit[1] + index[1]), "one search": index}


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
    visit, search = sizes["first visit"], sizes["one search"]
    return (f"  {name:9} first visit {visit[0] / KB:8.1f} KB raw {visit[1] / KB:7.1f} KB gzip | "
            f"one search {search[1] / KB:7.1f} KB | index {seconds:6.1f} s, peak {memory}, "
            f"{index / KB / KB:6.2f} MB on disk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--no-material", action="store_true",
                        help="skip the offline build with Material's index (slow at 3,000)")
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
