"""Pre-compressed copies of the built site's text files, for servers that send them as they are.

Every text file gets a `.gz` copy beside it (nginx `gzip_static on;`, Caddy `precompressed gzip`,
and others serve it to browsers that accept gzip), so a reader on a slow connection downloads
about a quarter of the bytes without the server compressing anything. The copies are
deterministic: gzip's header carries no file name and mtime 0, so the same site gives
byte-identical archives.

The build compresses most files ahead (compressing_ahead), in low-priority threads while
Pagefind indexes the site in another process and leaves part of the two cores idle; the final
pass (write_compressed_copies) then compresses only what was written or changed since.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.site_walk import walk_site

# Text formats the site publishes. Pagefind's index files are compressed by Pagefind itself.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv",
                           ".map", ".md"})
AHEAD_BATCH = 64  # files per background task
# A file as it was when compressed: inode, size, modification time (ns).
Signature = tuple[int, int, int]
# Files compressed ahead: their signature when read, and whether a .gz was written.
Compressed = dict[Path, tuple[Signature, bool]]


# zlib's default level. Level 9 took 41 % more CPU for 0.6 % fewer bytes on the pages, and
# 2.2 times the time for 2.7 % fewer on the country's all.json (475 MB at 3,000 regions: 16.8 s
# against 7.6 s, one thread); the cores it took are the link check's and Pagefind's.
LEVEL = 6


def gzip_bytes(data: bytes) -> bytes:
    """The same bytes in gzip form, identical for identical input (no name, no time)."""
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def write_compressed_copies(site: Path, ahead: Compressed | None = None) -> int:
    """Write <file>.gz beside each text file where that saves bytes; returns how many. Files
    in `ahead` whose signature has not changed since are done already."""
    ahead = ahead or {}
    texts = _site_texts(site)
    unchanged = {path for path in texts if path in ahead and ahead[path][0] == _signature(path)}
    for path, (_, written) in ahead.items():
        if written and path not in unchanged:  # changed or removed since: its copy is stale
            _gz(path).unlink(missing_ok=True)
    done = sum(ahead[path][1] for path in unchanged)
    return done + _compress_all([path for path in texts if path not in unchanged])


def write_compressed_copies_of(paths: list[Path]) -> int:
    """The same for the given files only (the preview's changed pages)."""
    return _compress_all(_texts(paths))


@contextlib.contextmanager
def compressing_ahead(site: Path, enabled: bool = True) -> Iterator[Compressed]:
    """Compress the site's text files as they are now, in background threads at low priority,
    while the body runs; on leaving, wait for them. Yields what was done (complete on leaving),
    for write_compressed_copies. The files are listed before the body starts, so folders the
    body creates (Pagefind's work folder and output) are not touched."""
    done: Compressed = {}
    if not enabled:
        yield done
        return
    texts = _site_texts(site)
    # Batches, not a future per file: 80,000 futures at 3,000 regions would cost memory.
    batches = [texts[start:start + AHEAD_BATCH] for start in range(0, len(texts), AHEAD_BATCH)]
    with ThreadPoolExecutor(os.cpu_count() or 1, initializer=_lower_priority) as pool:
        futures: list[Future[list[tuple[Signature, bool]]]] = [
            pool.submit(_signed_copies, batch) for batch in batches]
        try:
            yield done
        finally:
            for future in futures:
                future.cancel()  # what is not started yet is left to the final pass
    for batch, future in zip(batches, futures, strict=True):
        if not future.cancelled():
            done.update(zip(batch, future.result(), strict=True))


def _lower_priority() -> None:
    """Linux gives each thread its own nice value: Pagefind keeps the cores it can use."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _texts(paths: list[Path]) -> list[Path]:
    return [p for p in paths if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.is_symlink()]


def _site_texts(site: Path) -> list[Path]:
    """The site's text files (not links), in a fixed order."""
    texts = sorted(prefix + name for prefix, _, files in walk_site(site) for name in files
                   if os.path.splitext(name)[1] in TEXT_SUFFIXES)
    return _texts([site / text for text in texts])


def _compress_all(texts: list[Path]) -> int:
    """zlib lets go of the GIL while it compresses, so threads use every core."""
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return sum(pool.map(_write_copy, texts, chunksize=64))


def _signature(path: Path) -> Signature:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def _signed_copies(paths: list[Path]) -> list[tuple[Signature, bool]]:
    """Each file's signature taken before reading it (a later change shows), and whether a
    copy was written."""
    done = []
    for path in paths:
        signature = _signature(path)
        done.append((signature, bool(_write_copy(path))))
    return done


def _gz(path: Path) -> Path:
    return path.with_name(path.name + ".gz")


def _write_copy(path: Path) -> int:
    data = path.read_bytes()
    packed = gzip_bytes(data)
    if len(packed) >= len(data):
        return 0
    _gz(path).write_bytes(packed)
    return 1
