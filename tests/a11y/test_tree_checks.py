"""Accessibility-tree rules on hand-made trees, shaped like Chromium's getFullAXTree output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.a11y.tree import (
    AXTree,
    check_control_names,
    check_headings,
    check_landmarks,
    check_lang,
    check_tables,
    heading_outline,
)


def ax_tree(*children: tuple) -> AXTree:
    """Build raw nodes from (role, name, props, children) tuples, deliberately out of order."""
    raw: list[dict] = []
    counter = iter(range(2, 10_000))

    def add(spec: tuple, parent: str | None) -> str:
        role, name, props, kids = spec
        node_id = str(next(counter))
        node = {
            "nodeId": node_id,
            "ignored": False,
            "role": {"value": role},
            "name": {"value": name},
            "properties": [{"name": k, "value": {"value": v}} for k, v in props.items()],
        }
        if parent:
            node["parentId"] = parent
        node["childIds"] = [add(kid, node_id) for kid in kids]
        raw.insert(0, node)  # Chromium does not promise document order either
        return node_id

    add(("RootWebArea", "页面", {}, children), None)
    return AXTree(raw)


def heading(level: int, name: str) -> tuple:
    return ("heading", name, {"level": level}, ())


def test_outline_is_in_document_order() -> None:
    tree = ax_tree(
        ("main", "", {}, (heading(1, "方案"), heading(2, "一、总体要求"))),
        heading(2, "二、保障措施"),
    )
    assert heading_outline(tree) == [(1, "方案"), (2, "一、总体要求"), (2, "二、保障措施")]


def test_heading_rules() -> None:
    assert check_headings([(1, "a"), (2, "b"), (3, "c"), (2, "d")]) == []
    assert [f.check for f in check_headings([(1, "a"), (3, "b")])] == ["tree:heading-skip"]
    assert [f.check for f in check_headings([(1, "a"), (1, "b")])] == ["tree:heading-one"]
    assert [f.check for f in check_headings([(2, "a")])] == [
        "tree:heading-one",
        "tree:heading-skip",
    ]


@given(st.lists(st.integers(min_value=1, max_value=6), max_size=12))
def test_heading_skip_iff_a_level_rises_by_more_than_one(levels: list[int]) -> None:
    outline = [(level, f"h{i}") for i, level in enumerate(levels)]
    checks = [failure.check for failure in check_headings(outline)]
    rises = [level - previous for previous, level in zip([0, *levels], levels, strict=False)]
    assert ("tree:heading-skip" in checks) == any(rise > 1 for rise in rises)
    assert ("tree:heading-one" in checks) == (levels.count(1) != 1)


def test_landmarks() -> None:
    good = ax_tree(
        ("banner", "", {}, ()),
        ("navigation", "导航路径", {}, ()),
        ("navigation", "目录", {}, ()),
        ("main", "", {}, ()),
        ("form", "", {}, ()),
        ("form", "", {}, ()),
    )  # unnamed forms are no landmarks
    assert check_landmarks(good) == []
    two_mains = ax_tree(("main", "", {}, ()), ("main", "", {}, ()))
    assert [f.check for f in check_landmarks(two_mains)] == ["tree:landmark-main"]
    same_name = ax_tree(
        ("main", "", {}, ()), ("navigation", "导航", {}, ()), ("navigation", "导航", {}, ())
    )
    assert [f.check for f in check_landmarks(same_name)] == ["tree:landmark-unique"]


def test_tables() -> None:
    header_row = (
        "row",
        "",
        {},
        (("columnheader", "任务", {}, ()), ("columnheader", "单位", {}, ())),
    )
    good = ax_tree(("table", "任务分工表", {}, (("rowgroup", "", {}, (header_row,)),)))
    assert check_tables(good) == []
    no_caption = ax_tree(("table", "", {}, (header_row,)))
    assert [f.check for f in check_tables(no_caption)] == ["tree:table-name"]
    layout = ax_tree(("LayoutTable", "", {}, ()))
    assert [f.check for f in check_tables(layout)] == ["tree:table-headers"]
    # Headers of a nested table do not count for the outer one.
    nested = ax_tree(("table", "外表", {}, (("table", "内表", {}, (header_row,)),)))
    assert [(f.check, f.target) for f in check_tables(nested)] == [("tree:table-headers", "外表")]


def test_links_and_buttons_need_names() -> None:
    tree = ax_tree(("link", "首页", {}, ()), ("link", "  ", {}, ()), ("button", "", {}, ()))
    assert [f.message for f in check_control_names(tree)] == [
        "link without an accessible name",
        "button without an accessible name",
    ]


def test_lang_must_be_zh_cn() -> None:
    assert check_lang("zh-CN") == []
    for wrong in ("zh", "zh-Hans", "en", None):
        assert [f.check for f in check_lang(wrong)] == ["tree:lang"]
