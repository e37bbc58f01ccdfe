"""Join the reports of one sweep's shards into the report of the whole site."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .report import Report


class MergeError(ValueError):
    """The reports do not belong to one sweep: different engines, options or shards missing."""


def merge_reports(parts: Sequence[Report]) -> Report:
    if not parts:
        raise MergeError("no reports to merge")
    first = parts[0]
    for part in parts[1:]:
        if part.tools != first.tools:
            raise MergeError(f"shards ran different engines: {first.tools} and {part.tools}")
        if (part.widths, part.full_matrix, part.base_path) != (
            first.widths, first.full_matrix, first.base_path
        ):
            raise MergeError("shards ran with different widths, modes or base path")
    shards = sorted(part.shard or "" for part in parts)
    counts = {shard.partition("/")[2] for shard in shards}
    expected = [f"{index}/{count}" for count in counts for index in range(1, int(count or 0) + 1)]
    if "" in shards or len(counts) != 1 or sorted(expected) != shards:
        raise MergeError(f"expected every shard of one sweep exactly once, got {shards}")
    pages = [page for part in parts for page in part.pages]
    paths = [page.path for page in pages]
    if len(set(paths)) != len(paths):
        raise MergeError("a page appears in two shards")
    return replace(
        first,
        started=min(part.started for part in parts),
        finished=max(part.finished for part in parts),
        templates={name: page for part in parts for name, page in part.templates.items()},
        pages=sorted(pages, key=lambda page: page.path),
        shard=None,
    )
