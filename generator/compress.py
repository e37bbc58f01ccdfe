"""Pre-compressed copies of the built site's text files, for servers that send them as they are.

Every text file gets a `.gz` copy beside it (nginx `gzip_static on;`, Caddy `precompressed gzip`,
and others serve it to browsers that accept gzip), so a reader on a slow connection downloads
about a quarter of the bytes without the server compressing anything. The copies are
deterministic: gzip's header carries no file name and mtime 0, so the same site gives
byte-identical archives.
"""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Text formats the site publishes. Pagefind's index files are compressed by Pagefind itself.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv",
                           ".map", ".md"})


def gzip_bytes(data: bytes) -> bytes:
    """The same bytes in gzip form, identical for identical input (no name, no time)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_compressed_copies(site: Path) -> int:
    """Write <file>.gz beside each text file where that saves bytes; returns how many."""
    return write_compressed_copies_of(sorted(site.rglob("*")))


def write_compressed_copies_of(paths: list[Path]) -> int:
    """The same for the given files only (the preview's changed pages). zlib lets go of the
    GIL while it compresses, so threads use every core."""
    texts = [p for p in paths
             if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.is_symlink()]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return sum(pool.map(_write_copy, texts, chunksize=64))


def _write_copy(path: Path) -> int:
    data = path.read_bytes()
    packed = gzip_bytes(data)
    if len(packed) >= len(data):
        return 0
    path.with_name(path.name + ".gz").write_bytes(packed)
    return 1
