"""Walking a plan's tree: the one walker every module uses to visit nodes in document order,
each with its YAML path (for positions in messages) and its chain of ancestors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import Node, Plan, Responsibility
from generator.yamlload import Path_


@dataclass(frozen=True)
class Placed:
    """A node with its YAML path, its parent chain and its position in document order."""

    node: Node
    path: Path_
    ancestors: tuple[Node, ...]


def _visit(nodes: list[Node], path: Path_, ancestors: tuple[Node, ...]) -> Iterator[Placed]:
    for index, node in enumerate(nodes):
        here = (*path, index)
        yield Placed(node, here, ancestors)
        yield from _visit(node.children, (*here, "children"), (*ancestors, node))


def walk(plan: Plan) -> Iterator[Placed]:
    """Every node of the plan's body, in document order."""
    yield from _visit(plan.body, ("body",), ())


def descendants(placed: Placed) -> Iterator[Placed]:
    """Every node below this one (the measures of an action), in document order."""
    node = placed.node
    yield from _visit(node.children, (*placed.path, "children"), (*placed.ancestors, node))


def responsibilities(placed: Placed) -> Iterator[tuple[Responsibility, Path_]]:
    """The node's printed responsibilities, its paragraphs' first, each with its YAML path."""
    for index, paragraph in enumerate(placed.node.paragraphs):
        if paragraph.responsibility:
            yield paragraph.responsibility, (*placed.path, "paragraphs", index, "responsibility")
    if placed.node.responsibility:
        yield placed.node.responsibility, (*placed.path, "responsibility")
