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
    its address, its text with Pagefind's word boundaries (U+200B) and its metadata."""

    id: str
    url: str
    content: str
    meta: dict[str, str]


def indexed_pages(site: Path) -> Iterator[IndexedPage]:
    """Every page in the written index, in the order of their ids (deterministic)."""
    for path in sorted((site / OUTPUT_FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE)
        record = json.loads(data)
        yield IndexedPage(path.stem, record["url"], record["content"], record.get("meta", {}))
