"""Search through a real browser: the hosted build's Pagefind index and our own search page
(content/search.md, assets/ps-search.js), served under a sub-path on loopback, and the offline
build's Material search opened from file://.

Queries are the ones readers and the issue named; each expects a named page among the first
three results. Sizes are checked from the bytes the browser loaded (no timings here: those are
in benchmarks/search_weight.py).
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait
from served import serve_recording, transfer_bytes
from support import chromium_driver

from generator.build import BuildOptions, build
from generator.compress import write_compressed_copies
from generator.search import index_site
from generator.search_index import EXTRAS_FOLDER, OUTPUT_FOLDER, indexed_pages
from generator.search_parts import part_folder, plan_parts
from generator.search_words import list_name

ROOT = Path(__file__).resolve().parents[1]
SUB_PATH = "/policysite/"
# The limits for a first visit (HTML and everything it loads) and for one search.
FIRST_VISIT_RAW = 350 * 1024
FIRST_VISIT_GZIP = 100 * 1024
ONE_SEARCH = 200 * 1024

# Known regressions since organisations share one page per region (generator/pages.py): the
# index splits 市残联 as 市|残联 and a long page ranks low; 盲人按摩 补贴's theme page came 5th.
# (query, a page a reader would expect among the first three results). The queries, then
# ones readers type: an abbreviation, a phrase with a space, an organisation, a region, a year.
EXPECTED = [
    ("按摩", "themes/blind-massage/"),
    ("盲人按摩", "themes/blind-massage/"),
    # The page that states the term (jinchang's action 10 does not contain it).
    ("残疾人就业保障金", "regions/wuwei/2025-2027/actions/10/"),
    ("残保金", "regions/yangquan/2023/actions/3/"),
    ("公益性岗位", "themes/public-welfare-jobs/"),
    ("辅助性就业", "themes/assisted-employment/"),
    # An organisation without its region: any region's organisations page that lists it.
    ("人社局", "regions/*/organisations/"),
    ("金昌", "regions/jinchang/2026-2027/"),
    ("对比度", "help/"),
    ("键盘", "help/"),
    # The browser splits 市残联 as 市|残|联 and the index as 市|残联: 工商联 pages came first.
    ("市残联", "regions/*/organisations/"),
    ("阳泉市人社局", "regions/yangquan/organisations/"),
    ("市场监管局", "regions/*/organisations/"),
    ("盲人按摩 补贴", "themes/concentrated-employment/"),
    ("大学生 就业", "regions/yangquan/2023/actions/12/"),
    ("金华", "regions/jinhua/2022-2025/"),
    ("2025年", "commitments/2025/"),
    ("2026年 到期", "commitments/2026/"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("search") / "site"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False)) == 0
    return output


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[tuple[str, list[str]]]:
    with serve_recording(site, SUB_PATH) as (url, requested):
        yield url, requested


@pytest.fixture(scope="module")
def site_url(served: tuple[str, list[str]]) -> str:
    return served[0]


@pytest.fixture
def requested(served: tuple[str, list[str]]) -> list[str]:
    """Paths the browser asks for from now on (workers' requests included)."""
    served[1].clear()
    return served[1]


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium_driver("search-chromium-") as browser:
        browser.set_script_timeout(30)
        yield browser


def status_text(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "[data-ps-search-status]").text


def wait_for_answer(driver: WebDriver) -> str:
    """The live region's text once the search has finished (its state says so)."""
    WebDriverWait(driver, 20).until(lambda d: d.find_element(
        By.CSS_SELECTOR, "[data-ps-search-status]").get_attribute("data-ps-search-state")
        in ("shown", "empty", "failed"))
    return status_text(driver)


def result_paths(driver: WebDriver, site_url: str) -> list[str]:
    links = driver.find_elements(By.CSS_SELECTOR, ".ps-search__result h3 a")
    return [link.get_attribute("href").removeprefix(site_url) for link in links]


def search_for(driver: WebDriver, site_url: str, query: str) -> str:
    driver.get(site_url + "search/")
    field = driver.find_element(By.ID, "ps-search-query")
    field.send_keys(query, Keys.ENTER)
    return wait_for_answer(driver)


@pytest.mark.parametrize(("query", "expected"), EXPECTED)
def test_query_finds_the_expected_page_among_the_first_three(
        driver: WebDriver, site_url: str, query: str, expected: str) -> None:
    search_for(driver, site_url, query)
    first = result_paths(driver, site_url)[:3]
    assert any(fnmatch(path, expected) for path in first), result_paths(driver, site_url)[:5]


def test_count_and_first_results_are_announced_politely(driver: WebDriver, site_url: str) -> None:
    announced = search_for(driver, site_url, "盲人按摩")
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".ps-search__result h3 a")]
    assert titles and titles[0] in announced and titles[1] in announced, announced
    assert announced.startswith("找到 ") and " 个与“盲人按摩”有关的页面" in announced
    nodes = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    statuses = [node for node in nodes
                if (node.get("role") or {}).get("value") == "status"]
    assert len(statuses) == 1, "one status region on the search page"
    live = {p["name"]: p["value"]["value"] for p in statuses[0].get("properties", [])}
    assert live.get("live") == "polite", live
    element = driver.execute_cdp_cmd("DOM.describeNode", {
        "backendNodeId": statuses[0]["backendDOMNodeId"]})["node"]
    assert "data-ps-search-status" in element["attributes"]  # the region holding the text
    # Each result says where it belongs and shows the matched words.
    first = driver.find_element(By.CSS_SELECTOR, ".ps-search__result")
    assert first.find_elements(By.CSS_SELECTOR, ".ps-search__excerpt mark")
    assert "\u200b" not in first.text


def test_the_count_is_announced_once(driver: WebDriver, site_url: str) -> None:
    """The live region changes twice per search ("正在搜索…", then the answer) and not again
    when more results are shown, so a screen reader reads the count once."""
    driver.get(site_url + "search/")
    driver.execute_script("""
        window.psHeard = [];
        const status = document.querySelector('[data-ps-search-status]');
        new MutationObserver(() => window.psHeard.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});""")
    driver.find_element(By.ID, "ps-search-query").send_keys("就业", Keys.ENTER)
    wait_for_answer(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-ps-search-more]").click()
    WebDriverWait(driver, 10).until(lambda d: len(result_paths(d, site_url)) > 5)
    heard = driver.execute_script("return window.psHeard")
    assert [text for text in heard if "找到" in text] == [heard[-1]], heard
    assert len(heard) == 2 and heard[0].startswith("正在搜索"), heard


def test_search_page_opened_with_words_in_the_address_shows_results(
        driver: WebDriver, site_url: str) -> None:
    driver.get(site_url + "search/?q=" + quote("盲人按摩"))
    assert wait_for_answer(driver).startswith("找到")
    assert driver.find_element(By.ID, "ps-search-query").get_attribute("value") == "盲人按摩"
    status = driver.find_element(By.CSS_SELECTOR, "[data-ps-search-status]")
    assert status.get_attribute("data-ps-search-state") == "shown"
    assert driver.find_element(By.CSS_SELECTOR, "[data-ps-search-results]").is_displayed()
    assert "themes/blind-massage/" in result_paths(driver, site_url)[:3]


def test_results_can_be_narrowed_to_a_province_and_a_region(
        driver: WebDriver, site_url: str) -> None:
    driver.get(site_url + "search/")
    province = driver.find_element(By.ID, "ps-search-province")
    WebDriverWait(driver, 10).until(lambda d: province.is_displayed())
    region = driver.find_element(By.ID, "ps-search-region")
    assert not region.is_displayed()  # until a province is chosen
    # By keyboard: the field, then the province list (Tab), a province, the region list.
    field = driver.find_element(By.ID, "ps-search-query")
    field.send_keys("就业")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == province
    Select(province).select_by_visible_text("甘肃省")
    WebDriverWait(driver, 10).until(lambda d: region.is_displayed())
    assert "武威市" in [option.text for option in Select(region).options]
    Select(region).select_by_visible_text("金昌市")
    field.send_keys(Keys.ENTER)
    announced = wait_for_answer(driver)
    assert announced.startswith("在“金昌市”范围内找到"), announced
    paths = result_paths(driver, site_url)
    assert paths and all(path.startswith("regions/jinchang/") for path in paths), paths
    assert "province=gansu" in driver.current_url and "region=jinchang" in driver.current_url
    # The whole province: Gansu's own pages and its cities'.
    driver.get(site_url + "search/?q=" + quote("盲人按摩") + "&province=gansu")
    assert wait_for_answer(driver).startswith("在“甘肃省”范围内找到")
    regions = {path.split("/")[1] for path in result_paths(driver, site_url)}
    assert regions and regions <= {"gansu", "jinchang", "wuwei"}, regions
    # Nothing there: said so, with what to do.
    driver.get(site_url + "search/?q=" + quote("对比度") + "&province=gansu&region=jinchang")
    nothing = wait_for_answer(driver)
    assert nothing.startswith("在“金昌市”范围内没有找到") and "全部地区" in nothing, nothing


def test_nothing_found_is_announced(driver: WebDriver, site_url: str) -> None:
    nothing = search_for(driver, site_url, "qzxjvwkq")
    assert nothing.startswith("没有找到") and "换一个词" in nothing, nothing
    assert not driver.find_element(By.CSS_SELECTOR, "[data-ps-search-results]").is_displayed()
    # A few results: all shown, and no "more" button (a hidden button stays hidden).
    assert search_for(driver, site_url, "对比度").startswith("找到")
    assert len(result_paths(driver, site_url)) < 5
    assert not driver.find_element(By.CSS_SELECTOR, "[data-ps-search-more]").is_displayed()


def test_search_works_by_keyboard_from_any_page_under_the_sub_path(
        driver: WebDriver, site_url: str) -> None:
    driver.get(site_url + "regions/jinchang/2026-2027/actions/3/")
    for _ in range(30):  # the form on every page is reached with Tab
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.id") == "ps-site-search-query":
            break
    else:
        pytest.fail("the search field is not reached with the Tab key")
    ActionChains(driver).send_keys("公益性岗位", Keys.ENTER).perform()
    WebDriverWait(driver, 10).until(lambda d: urlsplit(d.current_url).path == SUB_PATH + "search/")
    wait_for_answer(driver)
    assert "themes/public-welfare-jobs/" in result_paths(driver, site_url)[:3]
    # On the search page: change the words, Enter, and Tab on to the first result.
    field = driver.find_element(By.ID, "ps-search-query")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("金昌", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: "金昌" in status_text(d))
    wait_for_answer(driver)
    assert driver.execute_script("return document.activeElement.id") == "ps-search-query"
    for _ in range(4):  # past the range lists and the button
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return !!document.activeElement.closest('.ps-search__result')"):
            break
    focused = driver.execute_script("return document.activeElement.getAttribute('href')")
    assert focused and focused.startswith(SUB_PATH), focused
    # More results: focus moves to the first new one.
    more = driver.find_element(By.CSS_SELECTOR, "[data-ps-search-more]")
    assert more.is_displayed()
    more.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "const a = document.activeElement; return a.closest('.ps-search__result') && "
        "[...document.querySelectorAll('.ps-search__result')].indexOf("
        "a.closest('.ps-search__result')) === 5"))


@pytest.mark.parametrize("path", ["", "regions/jinchang/2026-2027/",
                                  "regions/jinchang/2026-2027/actions/3/", "search/"])
def test_a_first_visit_is_small_and_fetches_no_index(
        driver: WebDriver, site: Path, site_url: str, requested: list[str], path: str) -> None:
    driver.get(site_url + path)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.readyState === 'complete'"))
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith(site_url) for url in resources), resources  # nothing elsewhere
    assert not [p for p in requested if "search_index" in p or p.startswith(OUTPUT_FOLDER)]
    raw, packed = transfer_bytes(site, requested)
    assert raw <= FIRST_VISIT_RAW and packed <= FIRST_VISIT_GZIP, (raw, packed, requested)


def test_one_search_fetches_little(
        driver: WebDriver, site: Path, site_url: str, requested: list[str]) -> None:
    driver.get(site_url + "search/")
    before = len(requested)
    driver.find_element(By.ID, "ps-search-query").send_keys("残疾人就业", Keys.ENTER)
    wait_for_answer(driver)
    fetched = requested[before:]
    assert any(p.startswith(f"{OUTPUT_FOLDER}/index/") for p in fetched), fetched
    assert any(p.endswith(".pagefind") for p in fetched), fetched  # Pagefind's wasm
    assert any(p.startswith(f"{EXTRAS_FOLDER}/words/") for p in fetched), fetched
    assert transfer_bytes(site, fetched)[1] <= ONE_SEARCH


def test_index_covers_the_article_only_and_is_deterministic(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(OUTPUT_FOLDER, "*.gz"))
    assert index_site(copy) == index_site(copy) > 0
    for folder in (OUTPUT_FOLDER, f"{EXTRAS_FOLDER}/words", f"{EXTRAS_FOLDER}/areas"):
        again = {p.relative_to(copy).as_posix(): p.read_bytes()
                 for p in sorted((copy / folder).rglob("*")) if p.is_file()}
        built = {p.relative_to(site).as_posix(): p.read_bytes()
                 for p in sorted((site / folder).rglob("*"))
                 if p.is_file() and p.suffix != ".gz"}
        assert again == built and again, folder
    records = {}
    for fragment in (site / OUTPUT_FOLDER / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd")
        record = json.loads(raw)
        records[record["url"]] = record
    assert "/search/" not in records  # the search page itself
    action = records["/regions/jinchang/2026-2027/actions/3/"]
    text = action["content"].replace("\u200b", "")
    # The article only: it starts with the page's h1, not the breadcrumb ("首页 › 地区 …"),
    # and neither the navigation nor the footer is in it.
    assert text.startswith(action["meta"]["title"]), text[:80]
    assert "首页" not in text and "联系我们" not in text and "按适用人群" not in text
    assert action["meta"]["region"] == "金昌市" and action["meta"]["kind"] == "action"
    assert action["meta"]["plan"].startswith("金昌市")
    assert action["meta"]["area"] == "gansu jinchang"
    # The words a query is split into are the index's own (市|残联, not 市|残|联) ...
    words = (site / EXTRAS_FOLDER / "words" / list_name("残")).read_text(encoding="utf-8")
    assert "残联" in words.splitlines()
    # ... and a region's list holds its pages' ids, under its province.
    index = json.loads((site / EXTRAS_FOLDER / "areas" / "index.json").read_bytes())
    # The seed site's index is one part, and a search of the whole country reads every page.
    assert index["country"] == [1] and index["every_page"] is True
    assert ["gansu", "甘肃省", 1] in index["provinces"]
    gansu = json.loads((site / EXTRAS_FOLDER / "areas" / "gansu.json").read_bytes())
    assert ["jinchang", "金昌市", "gansu"] in gansu["regions"]
    action_id = next(page.id for page in indexed_pages(site) if page.url == action["url"])
    assert action_id in gansu["pages"]["jinchang"].split()


# ---------------------------------------------------------------- an index in several parts

# Pages per part for the split copy of the seed site: the site's own pages make four parts, the
# overview one and the provinces two (a large site's parts are MAX_PAGES pages;
# generator/search_parts.py).
SMALL_PARTS = 40
# What one search may add per further part of the index.
PER_PART = 80 * 1024


@pytest.fixture(scope="module")
def split_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site, indexed again in parts of at most SMALL_PARTS pages."""
    copy = tmp_path_factory.mktemp("split") / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(OUTPUT_FOLDER))
    index_site(copy, max_pages=SMALL_PARTS)
    write_compressed_copies(copy)  # as the build does: the sizes below are what is sent
    return copy


@pytest.fixture(scope="module")
def split_served(split_site: Path) -> Iterator[tuple[str, list[str]]]:
    with serve_recording(split_site, SUB_PATH) as (url, requested):
        yield url, requested


def index_folder(path: str) -> str:
    """The part folder a fetched index file belongs to ("pagefind/part-3/index/…" →
    "pagefind/part-3")."""
    folders = path.split("/")
    return "/".join(folders[:2]) if folders[1].startswith("part-") else folders[0]


def test_split_index_holds_every_page_in_its_part_and_the_overview_again(
        site: Path, split_site: Path, tmp_path: Path) -> None:
    parts = plan_parts(split_site, SMALL_PARTS)
    roles = [part.role for part in parts]
    assert roles == sorted(roles, key=["own", "overview", "provinces"].index), roles
    assert roles.count("provinces") > 1 and "overview" in roles, roles
    assert all(len(part.pages) <= SMALL_PARTS for part in parts if len(part.provinces) != 1)
    whole = list(indexed_pages(site))
    pages = list(indexed_pages(split_site))
    overview = {part.number for part in parts if part.role == "overview"}
    # Every page once in the site's own parts or its province's ...
    assert sorted(page.url for page in pages if page.part not in overview) == sorted(
        page.url for page in whole)
    assert {page.part for page in pages} == {part.number for part in parts}
    # ... and the regions' and plans' pages again in the overview.
    assert sorted(page.url for page in pages if page.part in overview) == sorted(
        page.url for page in whole if page.meta.get("kind") in {"region", "plan"})
    for part in parts:
        assert (split_site / part_folder(part.number) / "pagefind.js").is_file()
    # A search of the whole country merges the site's own parts and the overview; a province's
    # regions are in one part, and the province list says which.
    index = json.loads((split_site / EXTRAS_FOLDER / "areas" / "index.json").read_bytes())
    assert index["country"] == [part.number for part in parts if part.role != "provinces"]
    assert index["every_page"] is False
    for province_id, _, number in index["provinces"]:
        listing = json.loads((split_site / EXTRAS_FOLDER / "areas" / f"{province_id}.json")
                             .read_bytes())
        ids = {page for line in listing["pages"].values() for page in line.split()}
        assert ids and {page.part for page in pages
                        if page.id in ids and page.part not in overview} == {number}, province_id
    # The same input gives the same bytes.
    copy = tmp_path / "again"
    shutil.copytree(split_site, copy, ignore=shutil.ignore_patterns(OUTPUT_FOLDER))
    index_site(copy, max_pages=SMALL_PARTS)
    for folder in (OUTPUT_FOLDER, EXTRAS_FOLDER):
        again = {p.relative_to(copy).as_posix(): p.read_bytes()
                 for p in sorted((copy / folder).rglob("*"))
                 if p.is_file() and p.suffix != ".gz"}
        first = {p.relative_to(split_site).as_posix(): p.read_bytes()
                 for p in sorted((split_site / folder).rglob("*"))
                 if p.is_file() and p.suffix != ".gz"}
        assert again == first, folder


def test_parts_keep_each_province_whole_and_fill_up_to_the_limit(tmp_path: Path) -> None:
    def page(path: str, area: str = "", kind: str = "") -> None:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f'<div class="ps-page" data-ps-kind="{kind}" data-ps-area="{area}">'
                        if area or kind else "x")

    page("index.html")
    page("themes/a/index.html")
    page("themes/a/p2/index.html", "p2")  # a list split by province: its province's
    for province, cities in (("p1", ["c1"]), ("p2", ["c2", "c3"]), ("p3", [])):
        page(f"regions/{province}/index.html", province, "region")
        for city in cities:
            page(f"regions/{city}/index.html", f"{province} {city}", "region")
            page(f"regions/{city}/plan/index.html", f"{province} {city}", "plan")
    page("regions/c1/organisations/index.html", "p1 c1", "organisations")
    page(f"{OUTPUT_FOLDER}/playground/index.html")  # an index's own files are never indexed
    # A site that fits one part is one part, searched whole.
    whole = plan_parts(tmp_path, max_pages=100)
    assert [(part.role, part.provinces, len(part.pages)) for part in whole] == [
        ("site", ["p1", "p2", "p3"], 13)]
    parts = plan_parts(tmp_path, max_pages=6)
    assert [(part.role, part.provinces, part.pages) for part in parts] == [
        ("own", [], ["index.html", "themes/a/index.html"]),
        ("overview", [], ["regions/c1/index.html", "regions/c1/plan/index.html",
                          "regions/c2/index.html"]),
        ("overview", [], ["regions/c2/plan/index.html", "regions/c3/index.html",
                          "regions/c3/plan/index.html"]),
        ("overview", [], ["regions/p1/index.html", "regions/p2/index.html",
                          "regions/p3/index.html"]),
        ("provinces", ["p1"], ["regions/c1/index.html", "regions/c1/organisations/index.html",
                               "regions/c1/plan/index.html", "regions/p1/index.html"]),
        ("provinces", ["p2"], ["regions/c2/index.html", "regions/c2/plan/index.html",
                               "regions/c3/index.html", "regions/c3/plan/index.html",
                               "regions/p2/index.html", "themes/a/p2/index.html"]),
        ("provinces", ["p3"], ["regions/p3/index.html"]),
    ]
    assert [part.folder for part in parts][:2] == [OUTPUT_FOLDER, f"{OUTPUT_FOLDER}/part-2"]
    assert [part.country for part in parts] == [True, True, True, True, False, False, False]
    # The site's own pages are cut too, a third of the limit at a time.
    assert [(part.role, part.pages) for part in plan_parts(tmp_path, max_pages=3)][:2] == [
        ("own", ["index.html"]), ("own", ["themes/a/index.html"])]


def test_split_index_searches_the_country_and_one_province_in_few_requests(
        driver: WebDriver, split_site: Path, split_served: tuple[str, list[str]]) -> None:
    url, requested = split_served
    parts = plan_parts(split_site, SMALL_PARTS)
    country = [part for part in parts if part.country]
    driver.get(url + "search/")
    # Before any search, the form says what a search of the whole country covers, tied to the
    # choice of province.
    note = WebDriverWait(driver, 10).until(lambda d: d.find_elements(
        By.ID, "ps-search-country-note"))[0]
    assert note.is_displayed()
    note_text = note.text
    assert "选择省份" in note_text, note_text
    assert driver.find_element(By.ID, "ps-search-province").get_attribute(
        "aria-describedby") == "ps-search-country-note"
    requested.clear()
    driver.find_element(By.ID, "ps-search-query").send_keys("金华", Keys.ENTER)
    answer = wait_for_answer(driver)
    # The country's parts only: the region's and plan's pages, never an action page; and the
    # announcement says so.
    assert answer.endswith(note_text), answer
    found = result_paths(driver, url)
    assert "regions/jinhua/2022-2025/" in found[:3], found
    assert not any("/actions/" in path for path in found), found
    fetched = [path for path in requested if path.startswith(OUTPUT_FOLDER + "/")]
    assert {index_folder(path) for path in fetched if "/index/" in path} <= {
        part_folder(part.number) for part in country}, fetched
    for part in country:
        assert part_folder(part.number) + "/pagefind-entry.json" in fetched, fetched
    # One module and one WebAssembly file for all parts; per part its entry, metadata and
    # the chunks for the words; then the results' fragments.
    assert len([p for p in fetched if p.endswith(".pagefind")]) == 1, fetched
    assert len(fetched) <= 2 + 4 * len(country) + 5, fetched
    # Each further part costs its entry, its metadata and a chunk or two of its index: the
    # price of a country-wide search over an index in parts.
    sizes = {p: transfer_bytes(split_site, [p])[1] for p in requested}
    limit = ONE_SEARCH + PER_PART * (len(country) - 1)
    assert transfer_bytes(split_site, requested)[1] <= limit, str(sizes)
    # Words only an action holds: nothing in the whole country's parts, and the way to them.
    driver.get(url + "search/?q=" + quote("物流"))  # in actions and full texts only
    assert wait_for_answer(driver) == "没有找到与“物流”有关的页面。" + note_text + \
        "也可以换一个词再搜索。"
    # One province: its own part only, every page of it.
    shanxi = next(part for part in parts if "shanxi" in part.provinces)
    requested.clear()
    driver.get(url + "search/?q=" + quote("残保金") + "&province=shanxi")
    assert wait_for_answer(driver).startswith("在“山西省”范围内找到")
    fetched = [path for path in requested if path.startswith(OUTPUT_FOLDER + "/")]
    assert fetched and {index_folder(path) for path in fetched} == {
        part_folder(shanxi.number)}, fetched
    assert "regions/yangquan/2023/actions/3/" in result_paths(driver, url)[:3]


def test_text_files_have_deterministic_gzip_copies(site: Path, tmp_path: Path) -> None:
    page = site / "index.html"
    copy = page.with_name("index.html.gz")
    assert gzip.decompress(copy.read_bytes()) == page.read_bytes()
    assert copy.read_bytes()[4:8] == b"\0\0\0\0"  # mtime 0
    folder = tmp_path / "again"
    folder.mkdir()
    shutil.copyfile(page, folder / "index.html")
    write_compressed_copies(folder)
    assert (folder / "index.html.gz").read_bytes() == copy.read_bytes()


def test_offline_build_searches_from_file(driver: WebDriver, tmp_path: Path) -> None:
    output = tmp_path / "offline"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False,
                              offline=True)) == 0
    assert not (output / OUTPUT_FOLDER).exists()
    driver.get((output / "index.html").as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, "[data-md-component=search-query]"))
    driver.execute_script("document.getElementById('__search').click()")
    query = driver.find_element(By.CSS_SELECTOR, "[data-md-component=search-query]")
    query.send_keys("盲人按摩")
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item"))
    links = [a.get_attribute("href") for a in driver.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item a")]
    assert any("blind-massage" in link for link in links), links[:5]
    # The search page's own form hands the words to Material's search there.
    driver.get((output / "search.html").as_uri())
    driver.find_element(By.ID, "ps-search-query").send_keys("公益性岗位", Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.getElementById('__search').checked && "
        "document.querySelector('[data-md-component=search-query]').value === '公益性岗位' && "
        "document.querySelectorAll('.md-search-result__item').length > 0"))


def test_every_page_links_the_atom_feed_and_the_data_page_states_a_licence(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start = html.find('<link rel="alternate" type="application/atom+xml"')
        assert start >= 0, page
        href = html[start:html.index(">", start)].split('href="')[1].split('"')[0]
        if page.name != "404.html":  # served at any depth
            assert (page.parent / href).resolve() == (site / "feed.xml").resolve(), page
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'id="licence"' in data and "CC BY 4.0" in data
    # The documents' own text is free (Copyright Law art. 5); CC BY covers what the project adds,
    # and the statement says it awaits the owner's confirmation.
    assert "第五条" in data and "可以自由复制" in data and "data-ps-licence-pending" in data
