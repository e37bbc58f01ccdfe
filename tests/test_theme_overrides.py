"""Our copies of Material's templates (overrides/base.html, overrides/partials/*.html) stay
Material's, except for the lines each copy changes on purpose (marked "policysite:").

When Material is upgraded and changes a line we did not mean to change, the copy is out of
date: this test names the line, so the copy is refreshed instead of silently diverging.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(material.__file__).parent / "templates"

# Material's lines each copy replaces: icons (aria-hidden through ps-icon.html), labels of
# hidden checkboxes, the palette form, and autocomplete on checkboxes.
ICON = re.compile(r'\{% include "\.icons/" ~ .* ~ "\.svg" %\}')
REPLACED: dict[str, tuple[re.Pattern[str], ...]] = {
    "base.html": (ICON, re.compile(r'<input class="md-toggle".*autocomplete="off">'),
                  re.compile(r'<label class="md-overlay" for="__drawer"></label>'),
                  re.compile(r'\{% if "rss" in config\.plugins %\}'),
                  re.compile(r'\{% if page\.canonical_url %\}')),
    "partials/header.html": (ICON, re.compile(r'<label class="md-header__button md-icon" '
                                              r'for="__(drawer|search)">|</label>')),
    "partials/palette.html": (ICON, re.compile(r"<form |</form>|<label |</label>|<input ")),
    "partials/search.html": (ICON, re.compile(r'<label class="md-search__(overlay|icon)'
                                              r'[^>]*for="__search">|</label>')),
    "partials/nav.html": (re.compile(r'<label class="md-nav__title" for="__drawer">|</label>'),),
    "partials/toc.html": (re.compile(r'<label class="md-nav__title" for="__toc">|</label>'),),
    "partials/logo.html": (ICON,),
    "partials/nav-item.html": (re.compile(r'<input class="md-nav__toggle md-toggle" type="checkbox" '
                                          r'id="__toc">'),),
}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_copy_keeps_every_material_line_it_does_not_change(name: str) -> None:
    ours = set(_lines(ROOT / "overrides" / name))
    missing = [
        line
        for line in _lines(MATERIAL / name)
        if line not in ours and not any(pattern.search(line) for pattern in REPLACED[name])
    ]
    assert not missing, f"overrides/{name} is out of date with Material; refresh it: {missing}"


# Labels of hidden checkboxes that stay: an empty, hidden one that Material's search script
# looks up, and the narrow-screen table-of-contents toggle, whose checkbox has a name.
KEPT_LABELS = {"partials/header.html": {"__search"}, "partials/nav-item.html": {"__toc"}}


def test_no_copy_keeps_a_label_for_a_hidden_checkbox_or_autocomplete_on_one() -> None:
    for name in REPLACED:
        source = (ROOT / "overrides" / name).read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}", "", source, flags=re.DOTALL)  # markup, not comments
        labels = re.findall(r'<label[^>]*for="(__\w+)"[^>]*>', text)
        assert set(labels) <= KEPT_LABELS.get(name, set()), (name, labels)
        assert not re.search(r'type="checkbox"[^>]*autocomplete', text), name
        assert "policysite:" in source, f"overrides/{name} does not say what it changes"
    header = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    assert '<label for="__search" hidden></label>' in header
