"""`policysite serve` keeps watching while editors' swap files come and go, and rebuilds on edits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from generator.serve import watch_and_rebuild


def wait_until(condition, seconds: float = 15) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_swap_files_do_not_crash_and_an_edit_rebuilds(tmp_path: Path) -> None:
    data = tmp_path / "regions" / "demo"
    data.mkdir(parents=True)
    (tmp_path / "content").mkdir()
    plan = data / "region.yaml"
    plan.write_text("id: demo\n", encoding="utf-8")
    rebuilds: list[float] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def watcher() -> None:
        try:
            watch_and_rebuild(tmp_path, lambda _changed: rebuilds.append(time.monotonic()), stop)
        except BaseException as error:  # the thread's crash is the test's failure
            failures.append(error)

    thread = threading.Thread(target=watcher)
    thread.start()
    time.sleep(1)  # the watcher registers its folders
    for number in range(200):  # an editor's swap and backup files, appearing and vanishing
        for name in (".region.yaml.swp", "region.yaml~", f".#region.yaml.{number}"):
            swap = data / name
            swap.write_text("x", encoding="utf-8")
            swap.unlink()
    time.sleep(1)
    assert rebuilds == [] and thread.is_alive() and failures == []
    plan.write_text("id: demo\nname: 示例\n", encoding="utf-8")
    assert wait_until(lambda: len(rebuilds) >= 1)
    stop.set()
    thread.join(10)
    assert not thread.is_alive() and failures == []
