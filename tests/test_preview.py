"""The preview's incremental rebuild gives the same bytes as a full build of the edited input.

A small synthetic project (every region with a plan) is built whole, as `policysite serve`
starts; then files are edited and `Preview.update` rebuilds only what changed: the edited
region's pages at once, the rest of the update in slices (`step`, `finish`), the downloads and
the search index in child processes. Every file of the served folder must then equal, byte for
byte, a full build of the edited project, and the update must have rebuilt only some of the
pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import write_synthetic_project

from generator.build import BuildOptions, build
from generator.preview import Preview, edited_regions

REGIONS = 12  # a province, a prefecture with nine counties, a second prefecture
COUNTY, PREFECTURE = "p01-f01-c02", "p01-f01"


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    write_synthetic_project(tmp_path, REGIONS, actions_per_plan=2)
    return tmp_path


def assert_same_as_full_build(project: Path, preview: Preview) -> None:
    assert preview.finish() == 0  # the rest of the update, the downloads, the search index
    full = project / "full-site"
    assert build(BuildOptions(root=project, output=full, check_accessibility=False)) == 0
    incremental, whole = site_bytes(preview.output), site_bytes(full)
    assert incremental.keys() == whole.keys()
    differ = [name for name in whole if incremental[name] != whole[name]]
    assert not differ, differ


def test_a_summary_edit_rebuilds_its_pages_only_and_matches_a_full_build(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    before = site_bytes(preview.output)
    capsys.readouterr()
    assert preview.update([edit(plan, "summary: ", "summary: 预览测试")]) == 0
    said = capsys.readouterr().err
    # The edited region's pages first (from a model of that region alone); the rest of the
    # update is left to `step`, and the downloads and search index to child processes.
    assert "已更新所编辑地区的" in said and "预览已更新" not in said
    assert preview.pending is not None and not preview.search.running()
    while not preview.step():
        pass
    said = capsys.readouterr().err
    assert "预览已更新" in said and "下载到的可能是修改前的数据" in said
    assert "搜索可能找不到结果" in said and "预览已是最新" in said
    assert preview.finish() == 0
    after = site_bytes(preview.output)
    changed = [name for name in after if after[name] != before.get(name)]
    pages = [name for name in changed if name.endswith(".html")]
    assert any(name.startswith(f"regions/{COUNTY}/") for name in pages)
    total = sum(1 for name in after if name.endswith(".html"))
    assert 0 < len(pages) < total / 4, (len(pages), total)
    assert_same_as_full_build(project, preview)


def test_an_edit_during_the_search_rebuild_restarts_it_and_matches_a_full_build(
        project: Path) -> None:
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    assert preview.update([edit(plan, "summary: ", "summary: 第一次")]) == 0
    while not preview.step():  # the first edit's rest, up to its children
        pass
    first = preview.search.process
    assert preview.update([edit(plan, "summary: 第一次", "summary: 第二次")]) == 0
    assert first is not None and first.returncode is not None  # stopped or finished
    assert_same_as_full_build(project, preview)


def test_a_save_before_the_last_update_ended_finishes_both(project: Path) -> None:
    """Two regions edited one after the other, the second before the first's rest ran: the
    pages that show the first region are still rebuilt."""
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    region = project / "regions" / PREFECTURE / "region.yaml"
    name = region.read_text(encoding="utf-8").split("name: ", 1)[1].split("\n", 1)[0]
    assert preview.update([edit(region, f"name: {name}", f"name: 新{name}")]) == 0
    preview.step(0.0)  # one slice only
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    assert preview.update([edit(plan, "summary: ", "summary: 第二次")]) == 0
    assert preview.unfinished.regions == {PREFECTURE, COUNTY} and PREFECTURE in preview.unfinished.loud
    assert_same_as_full_build(project, preview)


def test_renaming_a_region_updates_every_page_that_names_it(project: Path) -> None:
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    region = project / "regions" / PREFECTURE / "region.yaml"
    name = region.read_text(encoding="utf-8").split("name: ", 1)[1].split("\n", 1)[0]
    assert preview.update([edit(region, f"name: {name}", f"name: 新{name}")]) == 0
    assert_same_as_full_build(project, preview)


def test_changes_outside_a_region_folder_take_a_full_build(project: Path) -> None:
    assert edited_regions(project, [project / "regions" / COUNTY / "region.yaml"]) == {COUNTY}
    for path in ("regions/glossary.yaml", "content/help.md", "mkdocs.yml", "overrides/main.html"):
        assert edited_regions(project, [project / path]) is None, path


@pytest.mark.parametrize(("new_text", "expected"), [
    # A number the text does not contain: an error of the summary check.
    ("summary: 共987654人", ["987654"]),
    # A YAML syntax error: where it is and how to fix it.
    ("summary: [没有闭合\n  ", [f"regions/{COUNTY}/plans/", "怎么改"]),
], ids=["summary-check", "yaml-syntax"])
def test_an_edit_with_errors_shows_them_and_keeps_the_pages(
        project: Path, new_text: str, expected: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    before = site_bytes(preview.output)
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    capsys.readouterr()
    assert preview.update([edit(plan, "summary: ", new_text)]) == 1
    said = capsys.readouterr().err
    assert all(text in said for text in expected), said
    assert "已更新所编辑地区的" not in said and "Traceback" not in said
    assert preview.finish() == 0 and site_bytes(preview.output) == before


def test_checks_across_regions_still_apply_to_an_edited_region(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the edited region is read again, but a code another region has is still found."""
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    other = (project / "regions" / PREFECTURE / "region.yaml").read_text(encoding="utf-8")
    code = other.split("code: ", 1)[1].split("\n", 1)[0]
    region = project / "regions" / COUNTY / "region.yaml"
    own = region.read_text(encoding="utf-8").split("code: ", 1)[1].split("\n", 1)[0]
    capsys.readouterr()
    assert preview.update([edit(region, f"code: {own}", f"code: {code}")]) == 1
    assert "已被地区" in capsys.readouterr().err


def test_an_action_moved_to_another_theme_updates_other_regions_lists(project: Path) -> None:
    """Other regions' action pages name a few actions per theme and count them all: moving an
    action to another theme changes pages that never named the edited region."""
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    text = plan.read_text(encoding="utf-8")
    theme = text.split("themes:\n  - ", 1)[1].split("\n", 1)[0]
    other = "assisted-employment" if theme != "assisted-employment" else "public-sector"
    assert preview.update([edit(plan, f"themes:\n  - {theme}\n",
                                f"themes:\n  - {other}\n")]) == 0
    assert preview.unfinished.themes == {theme, other} and preview.unfinished.loud == {COUNTY}
    assert_same_as_full_build(project, preview)


def test_a_summary_edit_leaves_other_regions_pages_alone(project: Path) -> None:
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    assert preview.update([edit(plan, "summary: ", "summary: 只改说明")]) == 0
    assert preview.unfinished.loud == set() and preview.unfinished.themes == set()
    assert not preview.unfinished.plans


def test_downloads_held_by_an_edit_with_errors_follow_the_next_good_edit(project: Path) -> None:
    """An edit with errors holds the downloads while the last good edit's rest runs to its end;
    the next good edit, of another region, writes the held edit's plan's files as well."""
    preview = Preview(project, project / "build" / "preview")
    assert preview.full() == 0
    assert preview.finish() == 0  # every plan's download entries, made while staff read
    assert len(preview.plan_downloads.plans) == REGIONS  # one plan each
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    other = next((project / "regions" / PREFECTURE / "plans").glob("*/plan.yaml"))
    assert preview.update([edit(plan, "summary: ", "summary: 第一次")]) == 0
    assert preview.update([edit(other, "summary: ", "summary: 共987654人")]) == 1
    assert preview.finish() == 0 and not preview.unfinished.regions  # downloads held
    assert preview.update([edit(other, "summary: 共987654人", "summary: 改好了")]) == 0
    assert_same_as_full_build(project, preview)
