"""Which pages are planned, and how the site is served under its sub-path."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from a11y_sites import CLEAN_MAIN, page_html, write_site

from generator.a11y import ALL_MODES, DEFAULT_MODE, CheckOptions
from generator.a11y.pages import discover_pages, plan_pages
from generator.a11y.server import serve_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"a": page_html(CLEAN_MAIN), "b/c": page_html(CLEAN_MAIN)})


def test_discovery_leaves_out_404_and_assets(site: Path) -> None:
    assert discover_pages(site) == ["a/index.html", "b/c/index.html", "index.html"]


def test_templates_get_every_mode_and_come_first(site: Path) -> None:
    plans = plan_pages(site, CheckOptions(pages=["a/"], templates={"plan": "b/c"}))
    assert [(p.path, p.template, p.interaction) for p in plans] == [
        ("b/c/index.html", "plan", True),
        ("a/index.html", None, False),
    ]
    assert plans[0].modes == ALL_MODES and plans[1].modes == (DEFAULT_MODE,)
    assert len(ALL_MODES) == 9
    full = plan_pages(site, CheckOptions(full_matrix=True))
    assert all(p.modes == ALL_MODES for p in full)


def test_unknown_page_is_an_error(site: Path) -> None:
    with pytest.raises(ValueError, match="not in"):
        plan_pages(site, CheckOptions(pages=["missing/"]))


def test_served_only_under_the_base_path(site: Path) -> None:
    with serve_site(site, "/policysite/") as root:
        assert root.startswith("http://127.0.0.1:") and root.endswith("/policysite/")
        with urllib.request.urlopen(root + "a/") as response:
            assert "实施方案" in response.read().decode("utf-8")
        origin = root.removesuffix("policysite/")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(origin + "a/")
        assert error.value.code == 404
