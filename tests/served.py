"""The built site on loopback under a sub-path, recording every path the browser asked for.

Requests a page's workers make (Pagefind searches in a Web Worker; Material's search loads its
index for one) are not in the page's own resource timing; the server sees them all. Used by
tests/test_search.py and benchmarks/search_weight.py to count the bytes a visit costs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@contextmanager
def serve_recording(site: Path, base_path: str) -> Iterator[tuple[str, list[str]]]:
    """Yield (root URL, the list of site-relative paths requested so far, in order)."""
    requested: list[str] = []

    class Recording(SimpleHTTPRequestHandler):
        def send_head(self):  # type: ignore[no-untyped-def]
            if not urlsplit(self.path).path.startswith(base_path):
                self.send_error(404, "Outside the site's base path")
                return None
            return super().send_head()

        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path[len(base_path):])

        def end_headers(self) -> None:
            # Every visit is counted as a first one: nothing may come from the browser's cache.
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            requested.append(unquote(urlsplit(self.path).path).removeprefix(base_path))

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Recording, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{base_path}", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def transfer_bytes(site: Path, paths: list[str]) -> tuple[int, int]:
    """(raw, gzip) bytes of these files, each counted once; gzip is the .gz copy a static
    server sends (gzip_static), or the file itself where the build wrote none (already
    compressed: Pagefind's index, images)."""
    raw = packed = 0
    for relative in dict.fromkeys(paths):
        path = site / relative
        if relative == "" or relative.endswith("/"):
            path = path / "index.html"
        data = path.read_bytes()
        copy = path.with_name(path.name + ".gz")
        raw += len(data)
        packed += copy.stat().st_size if copy.is_file() else len(data)
    return raw, packed
