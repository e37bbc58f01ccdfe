"""The preview's search index, rebuilt in the background so that it never delays a page.

Pagefind has no incremental mode: it reads every page each time (minutes at 3,000 regions).
After a preview edit the changed pages are served at once and the index is rebuilt by a child
process (`python -m generator.preview_search SITE`) while staff read them; until it finishes
the search page answers from the previous index, or from none when a stopped re-index left it
incomplete, and the console says so. A newer edit stops a running child (its whole process
group: Pagefind's binary too) and starts another, so only the last edit's index is written.
When the child has finished, the index is the one a full build writes (tests/test_preview.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from generator.compress import write_compressed_copies_of
from generator.console import say, tell
from generator.processes import die_with_parent
from generator.search import SearchIndexFailed, index_site
from generator.search_index import EXTRAS_FOLDER, OUTPUT_FOLDER


class BackgroundIndex:
    """At most one child process re-indexing the served site. (generator/preview_exports.py
    runs the downloads' child the same way, with its own module and notice.)"""

    MODULE = "generator.preview_search"
    NOTICE = "   搜索索引在后台重新建立；建好之前，搜索可能找不到结果，或找到修改前的内容。"

    def __init__(self, site: Path) -> None:
        self.site = site
        self.process: subprocess.Popen[bytes] | None = None

    def arguments(self) -> list[str]:
        return [str(self.site)]

    def restart(self) -> None:
        """Stop the running child, if any, and start one over the site as it is now.
        Called from the main thread: the child dies with it (processes.die_with_parent)."""
        self.cancel()
        say(self.NOTICE)
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.MODULE, *self.arguments()],
            preexec_fn=die_with_parent(), start_new_session=True)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def cancel(self) -> bool:
        """Stop the running re-index; True if one was stopped before it finished."""
        running = self.running()
        if running:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.wait()
        return running

    def wait(self) -> int:
        """Wait for the running re-index (tests); its exit status, 0 when none ran."""
        if self.process is None:
            return 0
        code = self.process.wait()
        self.process = None
        return code


def reindex(site: Path) -> int:
    """The child's work: the index and our files beside it, then their .gz copies."""
    shutil.rmtree(site / OUTPUT_FOLDER, ignore_errors=True)
    try:
        pages = index_site(site)
    except (SearchIndexFailed, OSError) as error:
        tell(str(error).strip())
        tell("预览的搜索索引没有建成（见上方 Pagefind 的信息）；页面不受影响。")
        return 1
    index = [*(site / OUTPUT_FOLDER).rglob("*"), *(site / EXTRAS_FOLDER).rglob("*")]
    write_compressed_copies_of(sorted(index))
    say(f"   预览的搜索索引已更新（{pages} 个页面）。")
    return 0


if __name__ == "__main__":
    sys.exit(reindex(Path(sys.argv[1])))
