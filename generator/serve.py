"""policysite serve: a local preview that regenerates when data or hand-written pages change.

It builds without the accessibility gate (a preview, not a publication), serves the result on
loopback, and polls file modification times: polling needs no extra library and is fast enough
for a few hundred files.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from generator.build import BuildOptions, build

WATCHED = ("regions", "content", "overrides", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, float]:
    stamps: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            stamps[str(file)] = file.stat().st_mtime
    return stamps


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    output = root / "build" / "preview"
    if build(BuildOptions(root=root, output=output, check_accessibility=False)) != 0:
        print("首次生成失败，请按上面的提示修改后重新运行。", file=sys.stderr)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://{host}:{port}/ （按 Ctrl+C 停止）", flush=True)
    seen = snapshot(root)
    try:
        while True:
            time.sleep(1)
            current = snapshot(root)
            if current != seen:
                seen = current
                print("检测到文件变化，重新生成 …", flush=True)
                build(BuildOptions(root=root, output=output, check_accessibility=False))
    except KeyboardInterrupt:
        print("已停止预览。")
    finally:
        server.shutdown()
    return 0
