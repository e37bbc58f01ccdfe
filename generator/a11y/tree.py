"""Checks on the accessibility tree: what a screen reader is given, read through CDP.

Roles are Chromium's (`Accessibility.getFullAXTree`): a <table> that the browser judges to be a
layout table appears as "LayoutTable", and is checked as a table, because on this site a table
always holds data and a reader must be told so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .results import Failure

LANDMARK_ROLES = frozenset(
    {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}
)
# ARIA: a form or region is a landmark only once it has a name.
NAMED_ONLY_LANDMARKS = frozenset({"form", "region"})
TABLE_ROLES = frozenset({"table", "grid", "treegrid", "LayoutTable"})
NAMED_CONTROL_ROLES = frozenset({"link", "button", "PopUpButton", "ToggleButton"})
EXPECTED_LANG = "zh-CN"

DescribeNode = Callable[[int], str] | None
Cdp = Callable[[str, dict], dict]


@dataclass(frozen=True)
class AXNode:
    node_id: str
    role: str
    name: str
    ignored: bool
    level: int
    children: tuple[str, ...]
    dom_node: int = 0  # backendDOMNodeId, to describe the element in a report


class AXTree:
    """The tree from getFullAXTree with nodes in document (depth-first) order."""

    def __init__(self, raw_nodes: list[dict]) -> None:
        self.by_id = {str(raw["nodeId"]): _node(raw) for raw in raw_nodes}
        roots = [str(raw["nodeId"]) for raw in raw_nodes if "parentId" not in raw]
        self.ordered = [node for root in roots for node in self.walk(root)]

    def walk(self, node_id: str, stop_roles: frozenset[str] = frozenset()) -> list[AXNode]:
        """The node and its descendants in document order, not descending into stop_roles."""
        found: list[AXNode] = []
        stack = [node_id]
        while stack:
            node = self.by_id.get(stack.pop())
            if node is None:
                continue
            found.append(node)
            if node.role in stop_roles and len(found) > 1:
                continue
            stack.extend(reversed(node.children))
        return found

    def exposed(self) -> list[AXNode]:
        """Nodes a screen reader meets: not ignored."""
        return [node for node in self.ordered if not node.ignored]


def _node(raw: dict) -> AXNode:
    properties = {
        prop["name"]: prop.get("value", {}).get("value") for prop in raw.get("properties", [])
    }
    return AXNode(
        node_id=str(raw["nodeId"]),
        role=str(raw.get("role", {}).get("value", "")),
        name=" ".join(str(raw.get("name", {}).get("value", "")).split()),
        ignored=bool(raw.get("ignored", False)),
        level=int(properties.get("level") or 0),
        children=tuple(str(child) for child in raw.get("childIds", [])),
        dom_node=int(raw.get("backendDOMNodeId") or 0),
    )


def heading_outline(tree: AXTree) -> list[tuple[int, str]]:
    return [(node.level, node.name) for node in tree.exposed() if node.role == "heading"]


def check_headings(outline: list[tuple[int, str]]) -> list[Failure]:
    """Exactly one level-1 heading; going down the page a level rises by at most one."""
    failures: list[Failure] = []
    level_ones = [name for level, name in outline if level == 1]
    if len(level_ones) != 1:
        failures.append(
            Failure(
                "tree:heading-one",
                f"{len(level_ones)} level-1 headings, expected exactly 1",
                target=" | ".join(level_ones),
            )
        )
    previous = 0
    for level, name in outline:
        if level > previous + 1:
            failures.append(
                Failure(
                    "tree:heading-skip",
                    f"heading level {level} follows level {previous}",
                    target=name,
                )
            )
        previous = level
    return failures


def check_landmarks(tree: AXTree) -> list[Failure]:
    """One main; a landmark role that occurs more than once needs distinct, non-empty names."""
    landmarks = [
        node
        for node in tree.exposed()
        if node.role in LANDMARK_ROLES and (node.name or node.role not in NAMED_ONLY_LANDMARKS)
    ]
    counts = Counter(node.role for node in landmarks)
    failures: list[Failure] = []
    if counts["main"] != 1:
        failures.append(
            Failure("tree:landmark-main", f"{counts['main']} main landmarks, expected 1")
        )
    for role, count in sorted(counts.items()):
        if count < 2 or role == "main":
            continue
        names = [node.name for node in landmarks if node.role == role]
        unnamed = names.count("")
        repeated = sorted(name for name, n in Counter(names).items() if name and n > 1)
        if unnamed or repeated:
            failures.append(
                Failure(
                    "tree:landmark-unique",
                    f"{count} {role} landmarks: {unnamed} without a name, repeated names "
                    f"{repeated or 'none'}",
                    target=role,
                )
            )
    return failures


def check_tables(tree: AXTree) -> list[Failure]:
    """Every table has a name (its caption) and column headers."""
    failures: list[Failure] = []
    for table in (node for node in tree.exposed() if node.role in TABLE_ROLES):
        described = table.name or "unnamed table"
        if table.role == "LayoutTable":
            failures.append(
                Failure(
                    "tree:table-headers",
                    "table is exposed as a layout table: no caption or header cells",
                    target=described,
                )
            )
            continue
        if not table.name:
            failures.append(Failure("tree:table-name", "table has no name (caption)"))
        cells = tree.walk(table.node_id, stop_roles=TABLE_ROLES)
        if not any(cell.role == "columnheader" and not cell.ignored for cell in cells):
            failures.append(
                Failure("tree:table-headers", "table has no column headers", target=described)
            )
    return failures


def check_control_names(tree: AXTree, describe: DescribeNode = None) -> list[Failure]:
    """Every link and button has a non-empty accessible name."""
    return [
        Failure(
            "tree:control-name",
            f"{node.role} without an accessible name",
            target=describe(node.dom_node) if describe else f"{node.role} {node.dom_node}",
        )
        for node in tree.exposed()
        if node.role in NAMED_CONTROL_ROLES and not node.name
    ]


def check_lang(lang: str | None) -> list[Failure]:
    if lang == EXPECTED_LANG:
        return []
    return [Failure("tree:lang", f'<html lang="{lang}">, expected "{EXPECTED_LANG}"')]


def check_tree(tree: AXTree, lang: str | None, describe: DescribeNode = None) -> list[Failure]:
    return (
        check_headings(heading_outline(tree))
        + check_landmarks(tree)
        + check_tables(tree)
        + check_control_names(tree, describe)
        + check_lang(lang)
    )


def read_tree(cdp: Cdp) -> AXTree:
    """The page's full accessibility tree, as Chromium would hand it to a screen reader."""
    cdp("DOM.enable", {})
    cdp("Accessibility.enable", {})
    try:
        return AXTree(cdp("Accessibility.getFullAXTree", {})["nodes"])
    finally:
        # Keeping the accessibility engine on would slow every later page in this session.
        cdp("Accessibility.disable", {})


def dom_describer(cdp: Cdp) -> Callable[[int], str]:
    def describe(backend_node_id: int) -> str:
        if not backend_node_id:
            return "unknown element"
        node = cdp("DOM.describeNode", {"backendNodeId": backend_node_id})["node"]
        attributes = node.get("attributes", [])
        pairs = " ".join(
            f'{name}="{value}"'
            for name, value in zip(attributes[::2], attributes[1::2], strict=True)
        )
        return f"<{node['nodeName'].lower()}{' ' + pairs if pairs else ''}>"

    return describe
