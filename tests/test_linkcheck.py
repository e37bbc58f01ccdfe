"""The link check finds every kind of broken link, serially and with worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.linkcheck
from generator.linkcheck import check_links, checking_links_ahead

PAGE = """<!doctype html><html lang="zh-CN"><head><title>t</title>
<link rel="stylesheet" href="{up}assets/site.css"></head><body>
<h1 id="top">标题</h1>
<a href="{up}">首页</a>
<a href="{up}b/">好的目录链接</a>
<a href="{up}b/#part">好的锚点</a>
<a href="#top">本页锚点</a>
<a href="{up}b/#nowhere">坏的锚点</a>
<a href="{up}missing/">不存在的页面</a>
<a href="{up}../../etc/passwd">网站之外</a>
<a href="https://example.org/">外部网站</a>
<img src="//cdn.example.org/x.png" alt="">
<a href="javascript:alert(1)">脚本</a>
<a href="mailto:a@example.org">邮件</a>
</body></html>
"""


def write_site(site: Path) -> None:
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    (site / "index.html").write_text(PAGE.format(up=""), encoding="utf-8")
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text(
        PAGE.format(up="../").replace('id="top"', 'id="top"><span id="part"'), encoding="utf-8")


@pytest.mark.parametrize("parallel_from", [10_000, 1])
def test_every_kind_of_broken_link_is_found(tmp_path: Path, parallel_from: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.linkcheck, "PARALLEL_FROM", parallel_from)
    write_site(tmp_path)
    problems = check_links(tmp_path)
    for page in ("index.html", "b/index.html"):
        found = [p for p in problems if p.startswith(page + ":")]
        assert len(found) == 6, found
        assert any("锚点不存在" in p and "#nowhere" in p for p in found)
        assert any("目标不存在" in p and "missing/" in p for p in found)
        assert any("网站目录之外" in p for p in found)
        assert sum("外部网站" in p for p in found) == 2
        assert any("javascript:" in p for p in found)
    assert problems == sorted(problems, key=lambda p: p.split(":")[0])  # stable order


def test_a_clean_site_has_no_problems(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="./">x</a><a href="#a" id="a">y</a>',
                                         encoding="utf-8")
    assert check_links(tmp_path) == []


@pytest.mark.parametrize("parallel_from", [10_000, 1])
def test_a_check_started_ahead_judges_the_site_as_it_is_when_finished(
        tmp_path: Path, parallel_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build starts the check before the search stage, which adds files: a link to a file
    added meanwhile is fine, one still missing is reported, and a page added is checked."""
    monkeypatch.setattr(generator.linkcheck, "PARALLEL_FROM", parallel_from)
    (tmp_path / "index.html").write_text(
        '<a href="index/data.json">索引</a><a href="later.html#part">后来的页面</a>'
        '<a href="never.json">缺失</a>', encoding="utf-8")
    with checking_links_ahead(tmp_path) as links:
        (tmp_path / "index").mkdir()
        (tmp_path / "index" / "data.json").write_text("{}", encoding="utf-8")
        (tmp_path / "later.html").write_text('<p id="part"><a href="gone/">坏</a></p>',
                                             encoding="utf-8")
        problems = check_links(tmp_path, ahead=links)
    assert problems == ["index.html:1: 链接的目标不存在：never.json",
                        "later.html:1: 链接的目标不存在：gone/"]
    assert check_links(tmp_path) == problems  # the same verdicts as a check started after
