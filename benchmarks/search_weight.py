"""First-visit bytes and search cost at 30, 300 and 3,000 synthetic regions: Pagefind (the hosted
build) side by side with Material's own search (the same pages built again by MkDocs with its
search plugin on, as every page was before), in the same run.

    .venv/bin/python benchmarks/search_weight.py --regions 30 300
    .venv/bin/python benchmarks/search_weight.py --regions 3000        # expensive: once, late

For each size it prints, for both searches: first-visit bytes of an action page (HTML and
everything the browser loads, raw and as gzip from the .gz copies), bytes for one search (and,
for Pagefind, its requests and one search narrowed to a province), index time (for Pagefind the
build's whole search stage: every part of the index, then our lists), the indexer's peak memory
and the index size on disk, and the machine's load average. The issue's limits: a first visit ≤ 350 KB
raw and ≤ 100 KB gzip at every size; one search ≤ 200 KB at 3,000 regions. Timings live here,
never in tests; a shared machine makes them rough.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests")]

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from served import serve_recording, transfer_bytes  # noqa: E402
from synthetic import write_synthetic_project  # noqa: E402

from generator.a11y.browser import CHROME_ARGS  # noqa: E402
from generator.build import BuildOptions, build  # noqa: E402
from generator.compress import write_compressed_copies, write_compressed_copies_of  # noqa: E402
from generator.search_index import EXTRAS_FOLDER, OUTPUT_FOLDER  # noqa: E402
from generator.search_parts import plan_parts  # noqa: E402

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


def search_bytes(driver: webdriver.Chrome, base: str, site: Path, requested: list[str],
                 address: str) -> tuple[int, int, int]:
    """Open the search page with the words in the address; the bytes the search itself cost
    (the page and its own assets are its first visit, not the search), raw and gzip, and
    the number of requests it made."""
    requested.clear()
    driver.get(base + address)
    WebDriverWait(driver, 120).until(lambda d: d.find_element(
        By.CSS_SELECTOR, "[data-ps-search-status]").get_attribute("data-ps-search-state")
        in ("shown", "empty", "failed"))
    searching = [p for p in requested if not p.startswith(("search/index", "assets/"))]
    return (*transfer_bytes(site, searching), len(searching))


def measure_pagefind(driver: webdriver.Chrome, site: Path) -> dict[str, tuple[int, int]]:
    areas = json.loads((site / EXTRAS_FOLDER / "areas" / "index.json").read_bytes())
    province = areas["provinces"][0][0]
    with serve_recording(site, "/policysite/") as (base, requested):
        visit(driver, base + first_action_page(site))
        first = transfer_bytes(site, requested)
        query = "search/?q=" + quote(QUERY)
        one = search_bytes(driver, base, site, requested, query)
        narrowed = search_bytes(driver, base, site, requested, f"{query}&province={province}")
        return {"first visit": first, "one search": one, "narrowed": narrowed}


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


def index_pagefind(site: Path) -> tuple[float, int, int]:
    """Seconds of the build's search stage over the built site (generator/search.py: Pagefind
    over each part, then our word and region lists), run in a process of its own, its peak
    resident memory (KB: that process or its largest Pagefind run) and the number of parts."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from generator.search import index_site; index_site(Path(sys.argv[1]))", str(site)],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the search stage failed"
    seconds = time.perf_counter() - start
    # The .gz copies the build writes (untimed): what a gzip_static server sends.
    write_compressed_copies_of(sorted([*(site / OUTPUT_FOLDER).rglob("*"),
                                       *(site / EXTRAS_FOLDER).rglob("*")]))
    return seconds, usage.ru_maxrss, len(plan_parts(site))


def mkdocs(root: Path, site: Path, material_search: bool) -> tuple[float, int]:
    """Seconds and peak memory (KB) of MkDocs over the generated pages, with Material's search
    on or off. The environment is generator/site_engine.py engine_environment for the hosted build."""
    environment = {**os.environ, "POLICYSITE_OFFLINE": "false",
                   "POLICYSITE_DIRECTORY_URLS": "true", "NO_MKDOCS_2_WARNING": "1",
                   "POLICYSITE_MATERIAL_SEARCH": "true" if material_search else "false"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(root / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=root, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "MkDocs failed"
    return time.perf_counter() - start, usage.ru_maxrss


def digest(folder: Path) -> dict[str, int]:
    """Each index file's content hash (the .gz copies are written once, by the build)."""
    return {p.relative_to(folder).as_posix(): hash(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".gz")}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and not p.name.endswith(".gz"))


def one_size(regions: int, material: bool, driver: webdriver.Chrome,
             actions: int | None) -> None:
    """Prints each line as soon as it is measured (a long run still reports what it has)."""
    with tempfile.TemporaryDirectory(prefix="policysite-search-") as folder:
        root = Path(folder)
        project = write_synthetic_project(root, regions, actions_per_plan=actions)
        start = time.perf_counter()
        assert build(BuildOptions(root=root, output=root / "site",
                                  check_accessibility=False)) == 0
        hosted = time.perf_counter() - start
        site = root / "site"
        pages = len(list(site.rglob("*.html")))
        built = digest(site / OUTPUT_FOLDER) | digest(site / EXTRAS_FOLDER)
        seconds, peak, parts = index_pagefind(site)
        again = digest(site / OUTPUT_FOLDER) | digest(site / EXTRAS_FOLDER)
        same = "identical" if again == built else "DIFFERENT"
        sizes = measure_pagefind(driver, site)
        say(f"{regions} regions, {project.plans} plans, {pages} pages "
                     f"(hosted build {hosted:.0f} s; indexed again: {same} files; "
                     f"load average {load()})")
        say(row("Pagefind", sizes, f"{seconds:6.1f} s in {parts} part(s), with our lists",
                         f"{peak / KB:.0f} MB", folder_bytes(site / OUTPUT_FOLDER)
                         + folder_bytes(site / EXTRAS_FOLDER)))
        if material:  # the same generated pages, MkDocs with Material's search on and off
            without, _ = mkdocs(root, root / "plain", material_search=False)
            with_search, material_peak = mkdocs(root, root / "material", material_search=True)
            write_compressed_copies(root / "material")
            sizes = measure_material(driver, root / "material")
            say(row("Material", sizes, f"{with_search - without:6.1f} s (in MkDocs)",
                             f"{material_peak / KB:.0f} MB (MkDocs)",
                             folder_bytes(root / "material" / "search")))


def say(line: str) -> None:
    print(line, flush=True)


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def row(name: str, sizes: dict[str, tuple[int, int]], seconds: str, memory: str,
        index: int) -> str:
    first, search = sizes["first visit"], sizes["one search"]
    narrowed = (f" in {search[2]} requests (narrowed to a province {sizes['narrowed'][1] / KB:.1f}"
                f" KB in {sizes['narrowed'][2]})" if "narrowed" in sizes else "")
    return (f"  {name:9} first visit {first[0] / KB:8.1f} KB raw {first[1] / KB:7.1f} KB gzip | "
            f"one search {search[1] / KB:7.1f} KB gzip{narrowed} | index {seconds}, "
            f"peak {memory}, {index / KB / KB:6.2f} MB on disk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--no-material", action="store_true",
                        help="skip the MkDocs runs with Material's search (slow at 3,000)")
    parser.add_argument("--actions", type=int, default=None,
                        help="cut each plan to this many actions (default: the shape's own, "
                             "as benchmarks/build_scale.py)")
    args = parser.parse_args(argv)
    driver = chromium()
    try:
        for regions in args.regions:
            one_size(regions, not args.no_material, driver, args.actions)
    finally:
        driver.quit()
    print("Material: MkDocs over the same generated pages with its search plugin on, as before "
          "Pagefind. Its index time is that run's extra time over a run with search off, its peak "
          "the whole MkDocs process's (rough: one run each, shared machine); its first visit and "
          "'one search' include the index and worker every page loads.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
