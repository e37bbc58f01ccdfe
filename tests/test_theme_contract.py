"""The theme contract (generator/theme_contract.py) holds against Material as installed: every
selector our stylesheet and scripts rely on is in the built HTML or in Material's JavaScript,
every Material CSS variable we set exists, and the contract lists every Material name we use.
A Material upgrade that renames one of them fails here, not silently on readers' screens."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from generator.build import BuildOptions, build
from generator.theme_contract import (
    CONTRACT_PAGES,
    MATERIAL_RELIANCES,
    OFFLINE_PAGES,
    Reliance,
)

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "generator" / "assets"
MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"
PLAN = "jinchang/2026-2027"
# Material's names: classes md-…, the ids of its hidden checkboxes, its data-md-… attributes
# (CSS variables --md-… are checked against its stylesheets instead).
MATERIAL_NAME = re.compile(r"(?<![\w-])(md-[a-z0-9_-]*[a-z0-9]|__drawer|__search|data-md-[a-z-]+)")


def _reliances(where: str) -> list[Reliance]:
    return [reliance for reliance in MATERIAL_RELIANCES if reliance.where == where]


def _built(tmp_path_factory: pytest.TempPathFactory, offline: bool) -> Path:
    output = tmp_path_factory.mktemp("contract") / "site"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False,
                              offline=offline)) == 0
    return output


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> list[BeautifulSoup]:
    site = _built(tmp_path_factory, offline=False)
    return [BeautifulSoup((site / page.format(plan=PLAN)).read_text(encoding="utf-8"),
                          "html.parser") for page in CONTRACT_PAGES]


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> list[BeautifulSoup]:
    site = _built(tmp_path_factory, offline=True)
    return [BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
            for page in OFFLINE_PAGES]


@pytest.mark.parametrize("reliance", _reliances("hosted"), ids=lambda r: r.selector)
def test_material_markup_we_rely_on_is_in_the_hosted_build(
        reliance: Reliance, hosted: list[BeautifulSoup]) -> None:
    assert any(page.select(reliance.selector) for page in hosted), reliance


@pytest.mark.parametrize("reliance", _reliances("offline"), ids=lambda r: r.selector)
def test_material_search_markup_we_rely_on_is_in_the_offline_build(
        reliance: Reliance, offline: list[BeautifulSoup]) -> None:
    assert any(page.select(reliance.selector) for page in offline), reliance


@pytest.mark.parametrize("reliance", _reliances("runtime"), ids=lambda r: r.selector)
def test_classes_material_makes_at_runtime_are_in_its_javascript(reliance: Reliance) -> None:
    (bundle,) = (MATERIAL_ASSETS / "javascripts").glob("bundle.*.min.js")
    name = reliance.selector.removeprefix(".")
    assert re.search(rf"\b{re.escape(name)}(?![\w-])", bundle.read_text(encoding="utf-8")), \
        reliance


def test_the_contract_names_every_material_name_our_assets_use() -> None:
    listed = {name for r in MATERIAL_RELIANCES for name in MATERIAL_NAME.findall(r.selector)}
    for path in sorted(ASSETS.glob("*.css")) + sorted(ASSETS.glob("*.js")):
        used = set(MATERIAL_NAME.findall(path.read_text(encoding="utf-8")))
        assert used <= listed, f"{path.name}: not in generator/theme_contract.py: {used - listed}"


def test_every_material_css_variable_we_set_or_use_exists() -> None:
    material_css = "".join(path.read_text(encoding="utf-8")
                           for path in (MATERIAL_ASSETS / "stylesheets").glob("*.min.css"))
    ours = set(re.findall(r"--md-[a-z0-9-]+", (ASSETS / "policysite.css").read_text("utf-8")))
    missing = {name for name in ours if not re.search(rf"{name}[:;,)]", material_css)}
    assert ours and not missing, missing
