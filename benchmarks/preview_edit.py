"""Preview latency under `policysite serve` at one size: edit one YAML file, wait for the page.

    .venv/bin/python benchmarks/preview_edit.py --regions 3000 --project /tmp/scale-3000

The synthetic project (tests/synthetic.py) is written into --project unless it is already
there, so the expensive size can be timed again without writing it anew. `policysite serve`
starts (a whole build, or the output of an earlier `policysite build --skip-checks` of the
same inputs, copied), then one action's summary is edited on disk several times. For each
edit: seconds from the save until the action page, fetched over HTTP, shows the new words
(what the issue's 2 s is about), and until serve says the whole update is done (other pages,
downloads, the search index started). The last edit is saved straight after the previous one
showed, without waiting for the rest of that update: staff who save twice do not wait for the
first update either (serve does the rest of an update in slices between looks for saves). Timings live here, never in tests; say how loaded the machine was (printed).
"""

from __future__ import annotations

import argparse
import fcntl
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests"), str(REPO_ROOT / "benchmarks")]

from markupsafe import escape  # noqa: E402
from synthetic import read_plain, write_synthetic_project  # noqa: E402

from generator.model import Plan  # noqa: E402

EDITED_PLAN = "p01-f01-c01"  # a county: its plan and its first action page
MARK = "预览计时"
DONE = "预览已是最新"
LIMIT = 900  # seconds; an edit that never shows fails the benchmark
# --without-search: serve with the search index left out, both in its starting build and after
# each edit (Pagefind alone needs more than 13 GB for 3,000 regions on main), and the starting
# build's link check and .gz copies skipped (the whole build takes half an hour there). What
# follows an edit is otherwise the same, the downloads' child included.
WITHOUT_SEARCH = """
import sys, generator.build as build, generator.preview as preview
class NoIndex(preview.BackgroundIndex):
    def restart(self): pass
preview.BackgroundIndex = NoIndex
build.index_for_search = lambda *arguments: True
build.check_site = lambda *arguments: True
build.write_compressed_copies = lambda site: None
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):  # the page is being rewritten: ask again
        return ""


def edited_page(root: Path, site: Path) -> tuple[Path, str, str]:
    """The edited plan file, the first summary of an action in it, and that action's page."""
    plan_file = next((root / "regions" / EDITED_PLAN / "plans").glob("*/plan.yaml"))
    plan = Plan.model_validate(read_plain(plan_file))
    pages = sorted((site / "regions" / EDITED_PLAN / plan.id / "actions").glob("*/index.html"))
    for node in walk_nodes(plan.body):
        if node.kind == "action" and node.summary:
            for page in pages:
                if str(escape(node.summary)) in page.read_text(encoding="utf-8"):
                    return plan_file, node.summary, page.relative_to(site).as_posix()
    raise AssertionError("no action summary to edit")


def walk_nodes(nodes: list) -> list:
    return [found for node in nodes for found in [node, *walk_nodes(node.children)]]


def log_count(root: Path, words: str) -> int:
    return (root / "serve.log").read_text(encoding="utf-8").count(words)


def wait_for(condition, what: str, limit: float = LIMIT) -> float:
    start = time.perf_counter()
    while not condition():
        assert time.perf_counter() - start < limit, what
        time.sleep(0.02)
    return time.perf_counter() - start


def edit_summary(plan_file: Path, summary: str, words: str) -> str:
    text = plan_file.read_text(encoding="utf-8")
    edited = text.replace(f"summary: {summary}", f"summary: {words}{summary}", 1)
    assert edited != text
    plan_file.write_text(edited, encoding="utf-8")
    return words + summary


def take_lock(lock: Path, serve: subprocess.Popen) -> object:
    """Hold `lock` (flock) for the timed edits, and give serve back the normal priority it was
    started without: its start is not timed, its edits are."""
    print(f"waiting for {lock}; load {os.getloadavg()}", flush=True)
    held = lock.open("a")
    fcntl.flock(held, fcntl.LOCK_EX)
    subprocess.run(["renice", "-n", "0", "-g", str(os.getpgid(serve.pid))], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"holding {lock}; load {os.getloadavg()}", flush=True)
    return held


def time_edits(root: Path, edits: int, without_search: bool = False, lock: Path | None = None,
               lock_start: bool = False) -> tuple[float, list[tuple[float, float]]]:
    """Seconds until serve's first build is served, and per edit (seconds until the page shows
    the edit, seconds until serve's update is done). With `lock`, serve starts at nice 19 and
    the lock is taken only for the edits; with `lock_start` as well, the lock is taken before
    serve starts (its start timed too: when it reuses an earlier build's output)."""
    port = free_port()
    start_serve = ["-c", WITHOUT_SEARCH] if without_search else ["-m", "generator"]
    command = [sys.executable, *start_serve, "serve", "--port", str(port)]
    held = None
    if lock is not None and lock_start:
        print(f"waiting for {lock}; load {os.getloadavg()}", flush=True)
        held = lock.open("a")
        fcntl.flock(held, fcntl.LOCK_EX)
        print(f"holding {lock}; load {os.getloadavg()}", flush=True)
    elif lock is not None:
        command = ["nice", "-n", "19", *command]
    log = (root / "serve.log").open("w")
    serve = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    try:
        start = time.perf_counter()
        wait_for(lambda: "预览地址" in (root / "serve.log").read_text(encoding="utf-8")
                 or serve.poll() is not None, "serve start", limit=4 * LIMIT)
        assert serve.poll() is None, "serve stopped"
        started = time.perf_counter() - start
        reused = "沿用已生成的网站" in (root / "serve.log").read_text(encoding="utf-8")
        print(f"serve start: {started:.1f} s "
              f"({'an earlier build reused' if reused else 'a whole build'})", flush=True)
        if lock is not None:
            # Let the start's background work (search index, downloads) end before timing.
            wait_for(lambda: log_count(root, DONE) > 0, "serve start never done", 4 * LIMIT)
            if held is None:
                held = take_lock(lock, serve)
            print(f"serve start done: {time.perf_counter() - start:.1f} s", flush=True)
        plan_file, summary, page = edited_page(root, root / "build" / "preview")
        url = f"http://127.0.0.1:{port}/{page.removesuffix('index.html')}"
        results = []
        for number in range(1, edits + 1):
            words = MARK + "甲乙丙丁戊己庚辛壬癸"[number - 1]  # no digit: numbers are checked
            back_to_back = number == edits and edits > 1
            if not back_to_back:
                time.sleep(1.0)
            finished = log_count(root, DONE)
            saved = time.perf_counter()
            summary = edit_summary(plan_file, summary, words)
            shown = wait_for(lambda w=words: w in fetch(url), "the edit never showed")
            if number == edits - 1 and edits > 1:  # the next edit comes straight away
                done = float("nan")
            else:
                wait_for(lambda n=finished: log_count(root, DONE) > n, "update never done")
                done = time.perf_counter() - saved
            results.append((shown, done))
            print(f"edit {number}{' (back to back)' if back_to_back else ''}: page {shown:.2f} s,"
                  f" update done {done:.1f} s, load {os.getloadavg()[0]:.1f}", flush=True)
        return started, results
    finally:
        if held is not None:
            held.close()
            print(f"lock released; load {os.getloadavg()}", flush=True)
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--project", type=Path, required=True,
                        help="folder of the synthetic project (written if missing)")
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--without-search", action="store_true",
                        help="no search index, and a quicker starting build (see WITHOUT_SEARCH)")
    parser.add_argument("--lock", type=Path,
                        help="start serve at nice 19 and hold this lock only for the edits")
    parser.add_argument("--lock-start", action="store_true",
                        help="with --lock: hold it from before serve starts, to time the start")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()}", flush=True)
    if not (args.project / "regions").is_dir():
        start = time.perf_counter()
        # Each plan with its shape's full number of actions, as build_scale.py builds them.
        project = write_synthetic_project(args.project, args.regions, actions_per_plan=None)
        print(f"wrote {project.regions} regions, {project.plans} plans in "
              f"{time.perf_counter() - start:.0f} s", flush=True)
    _, results = time_edits(args.project, args.edits, args.without_search, args.lock,
                            args.lock_start)
    pages = sum(1 for _ in (args.project / "build" / "preview").rglob("*.html"))
    print(f"{pages} HTML pages; page shown after (s): "
          + ", ".join(f"{shown:.2f}" for shown, _ in results))
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
