"""Serve a built site on 127.0.0.1 under a sub-path, the way it is hosted in production.

Serving under /policysite/ rather than / makes every root-relative URL ("/assets/…") fail, so a
page that only works at the domain root is caught here and not after publishing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit


class _SubPathHandler(SimpleHTTPRequestHandler):
    base_path = "/"

    def send_head(self) -> BinaryIO | None:
        if not urlsplit(self.path).path.startswith(self.base_path):
            self.send_error(404, "Outside the site's base path")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.base_path) :])

    def end_headers(self) -> None:
        # A page is never taken from the browser's cache: the statement page is rewritten
        # between its checks. The files pages share (stylesheets, scripts, fonts) do not change
        # during a run, and the browser's cache is emptied when a run starts
        # (Browser.allow_only): kept, they spare every page load fetching and compiling them.
        document = urlsplit(self.path).path.endswith(("/", ".html"))
        self.send_header("Cache-Control", "no-store" if document else "max-age=86400")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # requests are observed in the browser's network log instead


@contextmanager
def serve_site(site_dir: Path, base_path: str) -> Iterator[str]:
    """Yield the site's root URL, e.g. "http://127.0.0.1:40123/policysite/"."""
    handler_class = type("Handler", (_SubPathHandler,), {"base_path": base_path})
    handler = partial(handler_class, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # Polled often: shutting down waits for the next poll, and a run whose pages were all
    # reused from the cache is over in about a second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="a11y-site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
