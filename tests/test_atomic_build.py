"""A build publishes all of the new site or none of it.

`build()` works in a temporary `.site-new-*` folder beside the output and swaps it in with
one atomic rename only when every step passed. A build that fails — on the data, in the link check, or
with an exception — must leave the published folder byte for byte as it was and remove its
temporary folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from synthetic import write_synthetic_project

import generator.build
from generator import exit_status
from generator.build import BuildOptions, build
from generator.cli import main

REGION = "regions/p01-f01/region.yaml"


@dataclass(frozen=True)
class Published:
    root: Path
    output: Path

    def build(self) -> int:
        return build(BuildOptions(root=self.root, output=self.output, check_accessibility=False))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` with the SHA-256 of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


def leftovers(output: Path) -> list[str]:
    """Temporary folders of earlier builds still lying beside the output."""
    return sorted(p.name for p in output.parent.iterdir()
                  if p.name.startswith((f".{output.name}-new-", f".{output.name}-old")))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    root = tmp_path_factory.mktemp("atomic")
    # One province, one prefecture with a two-action plan, nine counties: a quick build.
    write_synthetic_project(root, regions=11, actions_per_plan=2)
    site = Published(root, root / "public" / "site")
    assert site.build() == 0
    return site


@pytest.fixture
def broken_region(published: Published) -> Iterator[Path]:
    """The prefecture's region.yaml with a YAML syntax error, restored afterwards."""
    path = published.root / REGION
    original = path.read_bytes()
    path.write_text("id: p01-f01\nname: [不完整\n", encoding="utf-8")
    yield path
    path.write_bytes(original)


def test_a_successful_build_publishes_the_site(published: Published) -> None:
    output = published.output
    assert (output / "index.html").is_file()
    assert (output / "regions" / "p01-f01" / "2026-2027" / "index.html").is_file()
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
    assert leftovers(output) == []


def test_a_second_build_replaces_the_site_whole(published: Published) -> None:
    path = published.root / REGION
    original = path.read_text(encoding="utf-8")
    page = published.output / "regions" / "p01-f01" / "index.html"
    assert "改名后的市" not in page.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("name: 安宁市", "name: 改名后的市"), encoding="utf-8")
        assert "改名后的市" in path.read_text(encoding="utf-8")
        assert published.build() == 0
        assert "改名后的市" in page.read_text(encoding="utf-8")
        assert leftovers(published.output) == []
    finally:
        path.write_text(original, encoding="utf-8")  # the data stays valid for the other tests


def test_data_error_leaves_the_published_site_unchanged(
        published: Published, broken_region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(published.output)
    inode = published.output.stat().st_ino
    assert published.build() == 1
    said = capsys.readouterr().err
    assert "site/ 中已发布的网站保持不变" in said
    assert REGION in said  # the problem is reported with its file
    assert snapshot(published.output) == before
    assert published.output.stat().st_ino == inode
    assert leftovers(published.output) == []


def test_link_check_failure_publishes_nothing_and_cleans_up(
        published: Published, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(published.output)
    checked: list[Path] = []

    def failing_check(site: Path, **_: object) -> list[str]:
        checked.append(site)
        assert (site / "index.html").is_file()  # MkDocs did build the new site
        return ["index.html:1: 链接的目标不存在：nowhere/"]

    monkeypatch.setattr(generator.build, "check_links", failing_check)
    assert published.build() == 1
    said = capsys.readouterr().err
    assert "nowhere/" in said and "网站没有发布" in said and "site/ 中已发布的网站保持不变" in said
    assert len(checked) == 1
    staging = checked[0].parent
    assert staging.name.startswith(".site-new-")
    assert staging.parent == published.output.parent
    assert not staging.exists()
    assert snapshot(published.output) == before
    assert leftovers(published.output) == []


def test_mkdocs_failure_publishes_nothing_and_cleans_up(
        published: Published, capsys: pytest.CaptureFixture[str]) -> None:
    """A hand-written page with a broken link: MkDocs' strict mode stops the build."""
    before = snapshot(published.output)
    page = published.root / "content" / "help.md"
    original = page.read_bytes()
    try:
        page.write_text(original.decode("utf-8") + "\n[不存在的页面](no-such-page.md)\n",
                        encoding="utf-8")
        assert published.build() == 1
    finally:
        page.write_bytes(original)
    said = capsys.readouterr().err
    assert "no-such-page.md" in said and "site/ 中已发布的网站保持不变" in said
    assert snapshot(published.output) == before
    assert leftovers(published.output) == []


def test_exception_during_mkdocs_publishes_nothing_and_cleans_up(
        published: Published, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(published.output)
    staged: list[Path] = []

    def crashing_mkdocs(engine: str, root: Path, site_dir: Path, *_settings: object) -> None:
        staged.append(site_dir)
        site_dir.mkdir()
        (site_dir / "index.html").write_text("half a site", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(generator.build, "run_engine", crashing_mkdocs)
    with pytest.raises(OSError, match="disk full"):
        published.build()
    assert staged and not staged[0].exists()
    assert snapshot(published.output) == before
    assert leftovers(published.output) == []


def test_skip_checks_is_refused_in_ci(published: Published, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(published.output)
    monkeypatch.setenv("CI", "true")
    code = main(["--root", str(published.root), "build", "--skip-checks",
                 "--output", str(published.output)])
    assert code == exit_status.REFUSED_IN_CI
    assert "--skip-checks" in capsys.readouterr().err
    assert snapshot(published.output) == before
    assert leftovers(published.output) == []
    assert os.environ["CI"] == "true"
