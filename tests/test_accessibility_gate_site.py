"""The real site through the whole gate, as `policysite build` runs it: axe on every page (at 1280
and 320 px on each template's page), the colour/text-size matrix on each template's page, the
accessibility tree, keyboard and reflow checks, the search page with results shown. The build
must pass, and a plan's full-text outline must be its hierarchy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import BuildOptions, build
from generator.tree import walk
from generator.validate import validate_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gated_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    output = tmp_path_factory.mktemp("gated") / "site"
    code = build(BuildOptions(root=ROOT, output=output, check_accessibility=True))
    report = json.loads((ROOT / "reports" / "a11y.json").read_text(encoding="utf-8"))
    failing = [page["path"] for page in report["pages"] if not page["ok"]]
    assert code == 0, f"the gate failed on {len(failing)} pages: {failing[:20]}"
    return output, report


def test_every_built_page_was_checked_and_passed(gated_site: tuple[Path, dict]) -> None:
    site, report = gated_site
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if p.name != "404.html" and not p.relative_to(site).as_posix().startswith("assets/")}
    checked = {page["path"] for page in report["pages"]}
    assert built <= checked | {"404.html"}, sorted(built - checked)[:10]
    assert report["ok"] is True
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert report["tools"]["axe_core"] == lock["node_modules/axe-core"]["version"]
    assert report["tools"]["vnu_jar"] == lock["node_modules/vnu-jar"]["version"]
    assert report["coverage"]["ibm_runs"] > 0


def test_search_page_was_checked_with_results_shown(gated_site: tuple[Path, dict]) -> None:
    _, report = gated_site
    search = next(page for page in report["pages"] if page["path"] == "search/index.html")
    assert search["template"] == "search"
    # ps-search.js lists each result under an h3: the tree was read with results on the page.
    assert any(level == 3 for level, _ in search["outline"]), search["outline"]


def test_statement_page_carries_the_results(gated_site: tuple[Path, dict]) -> None:
    site, report = gated_site
    statement = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "policysite:a11y-results" not in statement
    assert "axe-core" in statement and "accessibility-checker-engine" in statement
    # Checked in its final form: the page published is the page the gate checked (its result
    # is in the report, and its text names every page, itself included).
    assert "accessibility/index.html" in {page["path"] for page in report["pages"]}
    assert f"共检测 {len(report['pages'])} 个页面" in statement


def test_full_text_outline_is_the_document_hierarchy(gated_site: tuple[Path, dict]) -> None:
    _, report = gated_site
    outlines = {page["path"]: page["outline"] for page in report["pages"]}
    dataset, _ = validate_project(ROOT)
    for loaded in dataset.plans:
        plan = loaded.plan
        expected = [[2, "印发通知"], [2, plan.title]]
        for placed in walk(plan):
            node = placed.node
            if node.label or node.title:
                name = (node.label or "") + (node.title or "") + ("。" if node.run_in else "")
                expected.append([min(len(placed.ancestors) + 2, 6), name])
        expected.append([2, "本站对原文的更正"])  # closes every full text (lists none or some)
        path = f"regions/{loaded.region_id}/{plan.id}/full-text/index.html"
        actual = [[level, "".join(name.split())] for level, name in outlines[path]]
        assert actual[0][0] == 1
        assert actual[1:] == [[level, "".join(name.split())] for level, name in expected], path
