"""policysite serve: a local preview that regenerates when data or hand-written pages change.

It builds without the accessibility gate (a preview, not a publication) and serves the result on
loopback; after an edit only the pages whose inputs changed are rebuilt (generator/preview.py). Changes are watched with watchfiles (the operating system's file events, via Rust's
notify): editors' swap and backup files that appear and vanish between two looks no longer crash
the preview, as hand-written polling did.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

from generator.preview import Preview

WATCHED = ("regions", "content", "overrides", "mkdocs.yml")
IDLE_MS = 50  # how long no change counts as a moment of quiet


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).exists()]


def watch_and_rebuild(root: Path, rebuild: Callable[[list[Path]], object],
                      stop: threading.Event | None = None,
                      idle: Callable[[], object] | None = None) -> None:
    """Call `rebuild` with the changed paths after each batch of changes until `stop` is set
    (or Ctrl+C), and `idle` whenever nothing has changed for a moment (the rest of the last
    update goes on in slices there, so a new save waits for one slice at most).
    DefaultFilter ignores editors' swap/backup files (.swp, ~, .#…) and VCS folders. The
    debounce is short: a preview edit should show within a second or two."""
    for changes in watch(*watched_paths(root), watch_filter=DefaultFilter(), stop_event=stop,
                         debounce=300, step=20, raise_interrupt=False,
                         rust_timeout=IDLE_MS, yield_on_timeout=True):
        if changes:
            print("检测到文件变化，重新生成 …", flush=True)
            rebuild(sorted(Path(path) for _, path in changes))
        elif idle is not None:
            idle()


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    preview = Preview(root, root / "build" / "preview")
    output = preview.output
    if preview.start() != 0:  # an earlier build of the same inputs, or a whole build
        print("首次生成失败，请按上面的提示修改；保存后会自动重新生成。", file=sys.stderr)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://{host}:{port}/ （按 Ctrl+C 停止）", flush=True)
    try:
        # Only the pages whose inputs changed are rebuilt (generator/preview.py).
        watch_and_rebuild(root, preview.update, idle=preview.step)
    finally:
        server.shutdown()
        preview.cancel()  # what is still being rebuilt is not needed any more
    print("已停止预览。")
    return 0
