"""How long a reader waits for search results on a built site: the whole country, and one province.

    .venv/bin/python benchmarks/search_latency.py SITE_DIR [--query 残疾人就业 --query 按摩]

The site is served under /policysite/ as the accessibility gate serves it, and opened in the
gate's headless Chromium. For each query it prints the seconds from opening
`search/?q=…` (with no province, then `&province=<the first province>`) until the live region
says what was found: what a reader waits, index files fetched and Pagefind's own search
included. It then times Pagefind's search alone, in the page, on the module the search page
uses (the parts a country-wide search merges, then the first province's part), with the words
ps-search.js gives it.
The gate waits at most `CheckOptions.search_wait_seconds` (30 s) for the search page's results.
Timings live here, never in tests; say how loaded the machine was.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT)]

from generator.a11y.browser import Browser  # noqa: E402
from generator.a11y.options import CHROMEDRIVER, CHROMIUM  # noqa: E402
from generator.a11y.server import serve_site  # noqa: E402
from generator.search_index import EXTRAS_FOLDER, OUTPUT_FOLDER  # noqa: E402
from generator.search_parts import part_folder  # noqa: E402
from generator.search_words import list_name  # noqa: E402

LIMIT = 300.0  # seconds; a search still running then is reported as such
STATUS = "[data-ps-search-status]"

# ps-search.js's Pagefind settings (pagefindFor), for a part's module not yet opened.
SETTINGS = {"noWorker": True, "baseUrl": "/policysite/",
            "ranking": {"termSimilarity": 5, "termSaturation": 0.7, "pageLength": 0.9}}
# Pagefind's search alone, twice (the second with every index file already fetched). The
# merged module is the instance ps-search.js configured (the same address gives the same
# instance); a part's module is configured here as ps-search.js configures it.
TIME_PAGEFIND = """
  const done = arguments[arguments.length - 1];
  import(new URL(arguments[0], location.href).href).then(async (module) => {
    if (arguments[2]) { await module.options(arguments[2]); }
    const times = [];
    let found;
    for (let run = 0; run < 2; run += 1) {
      const start = performance.now();
      found = await module.search(arguments[1]);
      times.push(Math.round(performance.now() - start));
    }
    done([found.results.length, times]);
  }).catch((error) => done(String(error)));
"""


def query_words(site: Path, query: str) -> str:
    """The words ps-search.js gives Pagefind for a query of Chinese characters: its splitRun
    (the one the site uses) rewritten here, the longest index word first, left to right."""
    words: set[str] = set()
    for character in set(query):
        listing = site / EXTRAS_FOLDER / "words" / list_name(character)
        words.update(filter(None, listing.read_text("utf-8").split("\n")))
    longest = max(map(len, words), default=1)
    starts = {word[:end] for word in words for end in range(2, len(word))}
    pieces, at = [], 0
    while at < len(query):
        size = min(longest, len(query) - at)
        while size > 1 and not (query[at:at + size] in words or (
                at + size == len(query) and query[at:at + size] in starts)):
            size -= 1
        pieces.append(query[at:at + size])
        at += size
    return " ".join(pieces)


def wait_for_results(driver, url: str) -> tuple[float, str]:
    start = time.perf_counter()
    driver.get(url)
    while time.perf_counter() - start < LIMIT:
        state = driver.execute_script(
            f"var s = document.querySelector('{STATUS}');"
            "return s && s.getAttribute('data-ps-search-state');")
        if state in ("shown", "empty", "failed"):
            text = driver.execute_script(f"return document.querySelector('{STATUS}').textContent")
            return time.perf_counter() - start, text
        time.sleep(0.05)
    return time.perf_counter() - start, "still searching"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", help="default: 残疾人就业 and 按摩")
    args = parser.parse_args(argv)
    queries = args.query or ["残疾人就业", "按摩"]
    areas = json.loads((args.site / EXTRAS_FOLDER / "areas" / "index.json").read_text("utf-8"))
    province, _, number = areas["provinces"][0]
    parts = sorted(p.name for p in (args.site / OUTPUT_FOLDER).glob("part-*"))
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"{args.site}: {pages} HTML files, {len(parts) + 1} index parts, "
          f"{len(areas['country'])} of them searched for the whole country (every page: "
          f"{areas['every_page']}); first province {province} (part {number})")
    with serve_site(args.site, "/policysite/") as base, \
            Browser(CHROMIUM, CHROMEDRIVER) as browser:
        browser.set_width(1280)
        driver = browser.driver
        driver.set_script_timeout(LIMIT)
        for query in queries:
            words = query_words(args.site, query)
            # A module lives in its document: each is timed on the page that just used it.
            for scope, extra, label, module, settings in (
                    ("whole country", "", "the country's parts merged",
                     f"{OUTPUT_FOLDER}/pagefind.js?part=0", None),
                    (province, f"&province={province}", f"part {number} alone",
                     f"{part_folder(number)}/pagefind.js?part={number}", SETTINGS)):
                seconds, said = wait_for_results(driver, f"{base}search/?q={quote(query)}{extra}")
                print(f"  {query} ({scope}): results shown after {seconds:5.1f} s: {said[:60]}")
                if scope == province and not parts:
                    continue
                found = driver.execute_async_script(TIME_PAGEFIND, base + module, words,
                                                    settings)
                print(f"    Pagefind's search alone for “{words}”, {label}: {found} (results, "
                      "ms first and again; ps-search.js adds an exact search for two words "
                      "or more)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
