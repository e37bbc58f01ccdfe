"""The gate in a real Chromium over fixture sites: clean pages pass, planted barriers fail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from a11y_sites import CLEAN_MAIN, PLANTED, page_html, write_site

from generator.a11y import ALL_MODES, Browser, BrowserMissingError, CheckOptions, run_checks
from generator.a11y.axe_engine import EXPLICIT_RULES, RUN_OPTIONS, TAGS
from generator.a11y.engines import EngineMissingError, locate_engines
from generator.a11y.options import REPO_ROOT
from generator.a11y.report import Report
from generator.a11y.results import PageResult
from generator.a11y.statement import statement_fragment_html
from generator.a11y.summary import summary_table


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Report:
    site = write_site(tmp_path_factory.mktemp("planted"), PLANTED)
    options = CheckOptions(pages=list(PLANTED), templates={"overflow": "overflow/"})
    return run_checks(site, options, browsers=[browser])


def result(report: Report, folder: str) -> PageResult:
    return next(page for page in report.pages if page.path == f"{folder}/index.html")


def axe_rules(page: PageResult) -> set[str]:
    return {finding.rule for finding in page.violations}


def checks(page: PageResult) -> set[str]:
    return {failure.check for failure in page.failures}


def test_clean_site_passes_every_check_in_every_mode(tmp_path: Path, browser: Browser) -> None:
    site = write_site(tmp_path / "site", {"clean": page_html(CLEAN_MAIN)})
    progress: list[str] = []
    options = CheckOptions(templates={"plan": "clean/index.html"}, progress=progress.append)
    report = run_checks(site, options, browsers=[browser])
    assert report.ok, summary_table(report) + json.dumps(report.to_json(), ensure_ascii=False)
    clean = result(report, "clean")
    assert clean.interaction_checked
    assert {(run.width, run.mode) for run in clean.runs} == {
        (width, mode) for width in (1280, 320) for mode in ALL_MODES
    }
    assert [page.path for page in report.pages] == ["clean/index.html", "index.html"]
    assert clean.outline == [
        (1, "金昌市促进残疾人就业三年行动实施方案"),
        (2, "一、总体要求"),
        (3, "（一）加强就业服务"),
        (2, "二、保障措施"),
    ]
    assert sorted(line for line in progress if line.startswith("[")) == [
        "[1/2] clean/ 1280 ✓ 320 ✓ [plan: 9 modes]",
        "[2/2] ./ 1280 ✓ 320 ✓",
    ]
    assert "结论：通过" in statement_fragment_html(report)


@pytest.mark.parametrize(
    ("folder", "axe_rule", "check"),
    [
        ("img-alt", "image-alt", None),
        ("heading-skip", "heading-order", "tree:heading-skip"),
        ("two-h1", None, "tree:heading-one"),
        ("table-layout", None, "tree:table-headers"),
        ("table-no-caption", None, "tree:table-name"),
        ("nav-unnamed", "landmark-unique", "tree:landmark-unique"),
        ("lang-zh", None, "tree:lang"),
        ("external", None, "network:external-request"),
        ("overflow", None, "interaction:reflow"),
        ("overflow", None, "interaction:wide-element"),
        ("root-relative", None, "network:missing-resource"),
    ],
)
def test_planted_barrier_fails_with_its_name(
    planted: Report, folder: str, axe_rule: str | None, check: str | None
) -> None:
    page = result(planted, folder)
    assert not page.ok
    if axe_rule:
        assert axe_rule in axe_rules(page)
    if check:
        assert check in checks(page), page.failures


def test_external_request_is_blocked_and_named(planted: Report) -> None:
    failures = [f for f in result(planted, "external").failures if f.check.startswith("network")]
    assert {f.target for f in failures} == {"https://example.com/x.png"}
    # The page is loaded once, at the widest width, and narrowed: one request, seen there.
    assert {f.width for f in failures} == {1280}


def test_overflow_is_found_at_320_only(planted: Report) -> None:
    page = result(planted, "overflow")
    reflow = [f for f in page.failures if f.check == "interaction:reflow"]
    assert {f.width for f in reflow} == {320}
    assert {f.mode for f in reflow} == {mode.key for mode in ALL_MODES}
    assert page.ok_at(1280)


def test_explicitly_enabled_rules_really_run(planted: Report) -> None:
    for page in planted.pages:
        for run in page.runs:
            assert "not-run" not in run.explicit_rules.values(), (page.path, run.explicit_rules)
    experimental = result(planted, "experimental")
    assert set(EXPLICIT_RULES) <= axe_rules(experimental)
    assert {run.explicit_rules[rule] for run in experimental.runs for rule in EXPLICIT_RULES} == {
        "violations"
    }


def test_tag_selection_alone_would_skip_the_experimental_rules(browser: Browser) -> None:
    # Why the explicit "enabled": a tag run leaves experimental rules out. (target-size, off in a
    # default run, is selected by the wcag22aa tag; it is enabled explicitly all the same.)
    browser.load("about:blank")
    browser.driver.execute_script(locate_engines(REPO_ROOT).axe.source())
    options = json.dumps({"runOnly": {"type": "tag", "values": list(TAGS)}})
    ran = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run({options}).then(r => done([].concat(r.passes, r.violations, r.incomplete,"
        " r.inapplicable).map(x => x.id)));"
    )
    assert set(EXPLICIT_RULES) & set(ran) == {"target-size"}


def test_report_says_what_was_covered(planted: Report) -> None:
    coverage = planted.to_json()["coverage"]
    assert coverage["widths"] == [1280, 320]
    assert coverage["matrix_pages"] == ["overflow/index.html"]
    assert coverage["interaction_pages"] == ["overflow/index.html"]
    # axe once per ordinary page (the widest width); both widths in all 9 modes on the template.
    assert coverage["axe_runs"] == (len(PLANTED) - 1) + 9 * 2
    assert planted.tools.chromium.split(".")[0].isdigit()


def test_the_pinned_axe_core_is_what_runs_in_the_page(planted: Report) -> None:
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    assert planted.tools.axe_core == pinned
    assert planted.to_json()["tools"]["pinned_by"] == "package-lock.json"


def _project(tmp_path: Path, axe_version: str | None) -> Path:
    """A project whose node_modules holds the real engines, axe-core replaced or left out."""
    project = tmp_path / "project"
    modules = project / "node_modules"
    modules.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "package-lock.json", project / "package-lock.json")
    for package in ("accessibility-checker-engine", "vnu-jar"):
        (modules / package).symlink_to(REPO_ROOT / "node_modules" / package)
    if axe_version is not None:
        (modules / "axe-core").mkdir()
        (modules / "axe-core" / "axe.min.js").write_text("window.axe = {};", encoding="utf-8")
        (modules / "axe-core" / "package.json").write_text(
            json.dumps({"version": axe_version}), encoding="utf-8"
        )
    return project


def test_without_npm_ci_the_gate_refuses_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(EngineMissingError) as caught:
        locate_engines(_project(tmp_path, None))
    message = str(caught.value)
    assert "缺少检测引擎 axe-core" in message and "npm ci" in message


def test_another_axe_core_version_is_refused(tmp_path: Path) -> None:
    # axe-selenium-python bundles 4.10: the very copy the gate used to fall back to.
    with pytest.raises(EngineMissingError, match=r"版本是 4\.10\.0") as caught:
        locate_engines(_project(tmp_path, "4.10.0"))
    assert "npm ci" in str(caught.value)


def test_package_json_pins_every_engine_exactly() -> None:
    package = json.loads((REPO_ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    names = ("axe-core", "accessibility-checker-engine", "vnu-jar")
    for name in names:
        pinned = package["dependencies"][name]
        assert pinned.replace(".", "").isdigit(), f"{name} {pinned} is a range, not a pin"
        assert lock["packages"][f"node_modules/{name}"]["version"] == pinned
    assert locate_engines(REPO_ROOT).versions() == {n: package["dependencies"][n] for n in names}


def test_missing_browser_raises_with_install_hint(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    options = CheckOptions(chromium_binary=tmp_path / "no-chromium")
    with pytest.raises(BrowserMissingError, match="apt-get install -y chromium chromium-driver"):
        run_checks(site, options)


def test_missing_chromedriver_raises(tmp_path: Path) -> None:
    with pytest.raises(BrowserMissingError, match="chromium-driver"):
        Browser(Path(shutil.which("true") or "/bin/true"), tmp_path / "no-chromedriver")


SEARCH_MAIN = """
<h1>搜索</h1>
<form role="search" aria-label="搜索本站" data-ps-search>
<label for="q">搜索词</label> <input id="q" name="q" type="search"> <button type="submit">搜索</button>
</form>
<div role="status" data-ps-search-status></div>
<div data-ps-search-results hidden>
<h2 id="results">搜索结果</h2>
<ol aria-labelledby="results" data-ps-search-list></ol>
</div>
"""
# What ps-search.js does for ?q=…, a moment after the page has loaded.
SEARCH_SCRIPT = """<script>
setTimeout(function () {
  var words = new URLSearchParams(location.search).get("q");
  if (!words) { return; }
  var item = document.createElement("li");
  item.innerHTML = '<a href="../index.html">首页</a>';
  document.querySelector("[data-ps-search-list]").appendChild(item);
  document.querySelector("[data-ps-search-results]").hidden = false;
  document.querySelector("[data-ps-search-status]").textContent = "找到 1 个页面：" + words;
}, 300);
</script>"""


def test_search_page_is_checked_with_its_results_shown(tmp_path: Path, browser: Browser) -> None:
    site = write_site(tmp_path / "site", {"search": page_html(SEARCH_MAIN + SEARCH_SCRIPT)})
    options = CheckOptions(pages=["search/"], templates={"search": "search/"},
                           search_query="金昌")
    report = run_checks(site, options, browsers=[browser])
    assert report.ok, summary_table(report)
    # The tree was read once the results were listed: their heading is in the outline.
    assert (2, "搜索结果") in result(report, "search").outline


def test_search_page_without_results_fails_and_is_not_skipped(
    tmp_path: Path, browser: Browser
) -> None:
    site = write_site(tmp_path / "site", {"search": page_html(SEARCH_MAIN)})
    options = CheckOptions(pages=["search/"], templates={"search": "search/"},
                           search_wait_seconds=1)
    report = run_checks(site, options, browsers=[browser])
    assert "interaction:search-results" in checks(result(report, "search"))
    assert not report.ok


def test_a_barrier_of_one_mode_is_found_there_by_both_engines(
    tmp_path: Path, browser: Browser
) -> None:
    # Outside the default mode only the colour and layout rules run: they must still see a
    # contrast failure that exists in the dark scheme alone.
    dark_links = "<style>body[data-md-color-scheme='slate'] a { color: #3a3a3a; }</style></head>"
    page = page_html(CLEAN_MAIN).replace("</head>", dark_links)
    site = write_site(tmp_path / "site", {"dark": page})
    options = CheckOptions(pages=["dark/"], templates={"plan": "dark/"})
    report = run_checks(site, options, browsers=[browser])
    dark = result(report, "dark")
    failing_modes = {run.mode.colour for run in dark.runs
                     if any(f.rule == "color-contrast" for f in run.violations)}
    assert failing_modes == {"slate"}
    ibm = {f.mode.split("/")[0] for f in dark.failures if f.check == "ibm:text_contrast_sufficient"}
    assert ibm == {"slate"}


def test_the_only_rule_run_that_needs_preloaded_assets_needs_the_media(browser: Browser) -> None:
    # RUN_OPTIONS preloads the media only, not the stylesheets: that is sound as long as no
    # rule that runs needs them (css-orientation-lock does, and must not be selected).
    browser.load("about:blank")
    browser.driver.execute_script(locate_engines(REPO_ROOT).axe.source())
    options = json.dumps(RUN_OPTIONS)
    ran, preloading = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const preloading = axe._audit.rules.filter(rule => rule.preload).map(rule => rule.id);"
        f"axe.run({options}).then(r => done([[].concat(r.passes, r.violations, r.incomplete,"
        " r.inapplicable).map(x => x.id), preloading]));"
    )
    assert "css-orientation-lock" in preloading
    assert set(ran) & set(preloading) == {"no-autoplay-audio"}
    assert RUN_OPTIONS["preload"] == {"assets": ["media"]}
