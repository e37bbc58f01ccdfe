"""What Pagefind wrote, read back: the pages of the index with their ids, text and metadata.

Read after indexing by generator/search_words.py and generator/search_areas.py, which write our
own small files beside the index, and by tests and benchmarks.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Under site/: the search page imports <site>/pagefind/pagefind.js.
OUTPUT_FOLDER = "pagefind"
# Our own files beside Pagefind's (generator/search_words.py, generator/search_areas.py).
EXTRAS_FOLDER = "search"
# A fragment file: this signature, then the page's record as JSON, gzip-compressed.
FRAGMENT_SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class IndexedPage:
    """One page as Pagefind stored it: the id a search result carries (the fragment's name),
    its address, its text with Pagefind's word boundaries (U+200B), its metadata and the
    part of the index it is in."""

    id: str
    url: str
    content: str
    meta: dict[str, str]
    part: int = 1  # the part of the index holding it (generator/search_parts.py)


def fragment_files(site: Path) -> list[Path]:
    """Every part's fragments (generator/search_parts.py), in the order of their ids."""
    return sorted((site / OUTPUT_FOLDER).glob("**/fragment/*.pf_fragment"), key=fragment_order)


def fragment_order(path: Path) -> tuple[str, str]:
    """Fragments in the order of their ids (the path breaks a tie between parts)."""
    return path.stem, path.as_posix()


def indexed_pages(site: Path) -> Iterator[IndexedPage]:
    """Every page in the written index, in the order of their ids (deterministic)."""
    for path in fragment_files(site):
        yield read_fragment(site, path)


def read_fragment(site: Path, path: Path) -> IndexedPage:
    data = gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE)
    record = json.loads(data)
    return IndexedPage(path.stem, record["url"], record["content"], record.get("meta", {}),
                       part_number(site, path))


def part_number(site: Path, fragment: Path) -> int:
    """1 for the primary index (pagefind/fragment/), n for pagefind/part-<n>/fragment/."""
    folder = fragment.parent.parent.relative_to(site / OUTPUT_FOLDER).as_posix()
    return int(folder.removeprefix("part-")) if folder != "." else 1
