"""The preview's downloads (data/…, feed.xml), regenerated in the background after an edit.

The downloads include files about the whole country (data/all.json: hundreds of megabytes at
3,000 regions, and the feed), which cannot be written in proportion to one edit. So after an
edit the served pages come first (generator/preview.py) and a child process
(`python -m generator.preview_exports ROOT DOCS SITE`) writes every download again into a
scratch folder, beside the docs folder, exactly as a full build writes them (write_exports);
only the files whose bytes changed then replace those in the docs and served folders (with
their .gz copies). It leaves the list of downloads, with their sizes, in a JSON file for the
parent, which renders the download pages from it. Until the child has finished the console says
that downloads may be out of date; a newer edit stops it and starts another.
"""

from __future__ import annotations

import dataclasses
import filecmp
import json
import os
import shutil
import sys
from pathlib import Path

from generator.build import build_lock
from generator.clock import build_date
from generator.compress import write_compressed_copies_of
from generator.console import say, tell
from generator.export import ExportFile, write_exports
from generator.load import load_dataset
from generator.preview_search import BackgroundIndex
from generator.problems import has_errors

SCRATCH = "preview-downloads"  # beside the docs folder: the child's whole write
LISTING = "preview-downloads.json"  # beside the docs folder: the downloads and their sizes


class BackgroundExports(BackgroundIndex):
    """At most one child process writing the downloads again."""

    MODULE = "generator.preview_exports"
    NOTICE = "   下载用的数据文件在后台重新生成；生成之前，下载到的可能是修改前的数据。"

    def __init__(self, root: Path, docs: Path, site: Path) -> None:
        super().__init__(site)
        self.root, self.docs = root, docs

    def arguments(self) -> list[str]:
        return [str(self.root), str(self.docs), str(self.site)]

    def restart(self) -> None:
        (self.docs.parent / LISTING).unlink(missing_ok=True)
        super().restart()

    def downloads(self) -> list[ExportFile] | None:
        """The list the finished child wrote; None when it failed or was stopped."""
        try:
            listed = json.loads((self.docs.parent / LISTING).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return [ExportFile(**item) for item in listed]


def regenerate(root: Path, docs: Path, site: Path) -> int:
    """The child's work. The parent checked the edited data; a file that no longer loads
    (edited again meanwhile) leaves the downloads as they were."""
    dataset, problems = load_dataset(root)
    if has_errors(problems):
        tell("数据有错误，下载用的数据文件没有更新；改正后保存即可。")
        return 1
    scratch = docs.parent / SCRATCH
    shutil.rmtree(scratch, ignore_errors=True)
    files = write_exports(dataset, scratch, today=build_date())
    changed = []
    with build_lock(docs):
        for item in files:
            new, old = scratch / item.path, docs / item.path
            if old.is_file() and filecmp.cmp(new, old, shallow=False):
                continue
            old.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, old)
            served = site / item.path
            served.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old, served)  # as MkDocs copies a static file
            changed.append(served)
    write_compressed_copies_of(changed)
    shutil.rmtree(scratch, ignore_errors=True)
    listing = docs.parent / LISTING
    temporary = listing.with_suffix(".tmp")
    temporary.write_text(json.dumps([dataclasses.asdict(item) for item in files],
                                    ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, listing)
    say(f"   下载用的数据文件已重新生成（{len(changed)} 个有变化）。")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate(*(Path(argument) for argument in sys.argv[1:4])))
