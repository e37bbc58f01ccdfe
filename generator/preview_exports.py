"""The preview's downloads (data/…, feed.xml), regenerated after an edit in proportion to it.

Each plan's files (its JSON and CSV tables) depend on that plan, its region and the shared
vocabularies only, so after an edit the server writes again the edited regions' plans' files
alone (`PlanDownloads`, a plan at a time between looks for new saves), and keeps of every plan
what the download page needs (its files' entries) and when it was updated. The files about the
whole country (data/all.json: hundreds of megabytes at 3,000 regions; the schemas; feed.xml)
are then written by a child process (`python -m generator.preview_exports PAYLOAD DOCS SITE`):
from a pickled `CountryFiles` (all.json's frame, kept while no region's own file changes) and
the plans' JSON files, into a scratch folder beside the docs folder, exactly as a full build
writes them (export/files.py); only the files whose bytes changed replace those in the docs
and served folders (with their .gz copies). The child leaves their entries in a JSON file for
the parent, which renders the download pages from the whole list. Until it has finished the
console says that downloads may be out of date; a newer edit stops it and starts another.

After serve's start every plan's entries are made in slices while staff read (the full build
does not keep them); an edit before that has ended makes the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import json
import os
import pickle
import shutil
import sys
from collections.abc import Generator
from pathlib import Path

from generator.build import build_lock
from generator.compress import write_compressed_copies_of
from generator.console import say
from generator.export import ExportFile
from generator.export.data import ordered_plans
from generator.export.feed import SITE_NAME
from generator.export.files import (
    CountryFiles,
    PlanExport,
    dataset_frame,
    download_list,
    export_plan,
    plan_stem,
    write_country_files,
)
from generator.export.schema import schema_files
from generator.export.settings import site_url_from_mkdocs
from generator.load import Dataset
from generator.preview_search import BackgroundIndex

SCRATCH = "preview-downloads"  # beside the docs folder: the child's whole write
PLAN_SCRATCH = "preview-plan-downloads"  # beside the docs folder: the edited plans' files
PAYLOAD = "preview-downloads.pickle"  # beside the docs folder: the child's CountryFiles
LISTING = "preview-downloads.json"  # beside the docs folder: the child's files and sizes


def replace_changed(scratch: Path, names: list[str], docs: Path, site: Path) -> list[Path]:
    """Move the files whose bytes changed from scratch into the docs folder, copy them to the
    served folder as MkDocs copies a static file, and give them their .gz copies."""
    changed = []
    for name in names:
        new, old = scratch / name, docs / name
        if old.is_file() and filecmp.cmp(new, old, shallow=False):
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        os.replace(new, old)
        served = site / name
        served.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(old, served)
        changed.append(served)
    write_compressed_copies_of(changed)
    return changed


class PlanDownloads:
    """Every plan's downloads as the served site has them, kept between edits."""

    def __init__(self, docs: Path, site: Path) -> None:
        self.docs, self.site = docs, site
        # (region, plan) → its files' entries and when it was updated, as in the docs folder
        self.plans: dict[tuple[str, str], PlanExport] = {}
        self.frame: bytes | None = None  # all.json but the plans: the regions and vocabularies
        self.today: dt.date | None = None

    def forget(self, regions: set[str] | None = None, frame: bool = True) -> None:
        """The regions' plans (None: every plan), and all.json's frame unless told it is the
        same, are made again when next needed: called for every good edit, and after a full
        build."""
        self.plans = {key: made for key, made in self.plans.items()
                      if regions is not None and key[0] not in regions}
        if frame:
            self.frame = None

    def update(self, dataset: Dataset, today: dt.date) -> Generator[None, None, CountryFiles]:
        """Write the forgotten plans' files again, a plan at a time (yielding between two);
        returns what the files about the whole country are made of."""
        if today != self.today:
            self.forget()
            self.today = today
        scratch = self.docs.parent / PLAN_SCRATCH
        plans = ordered_plans(dataset)
        for loaded in plans:
            key = (loaded.region_id, loaded.plan.id)
            if key in self.plans:
                continue
            shutil.rmtree(scratch, ignore_errors=True)
            made = export_plan(dataset, loaded, scratch, today)
            with build_lock(self.docs):
                replace_changed(scratch, [item.path for item in made[0]], self.docs, self.site)
            self.plans[key] = made
            yield None
        shutil.rmtree(scratch, ignore_errors=True)
        if self.frame is None:
            self.frame = dataset_frame(dataset)  # a second at 3,000 regions: after a region edit
        return CountryFiles(self.frame, [plan_stem(loaded) for loaded in plans],
                            [self.plans[(loaded.region_id, loaded.plan.id)][1]
                             for loaded in plans],
                            schema_files(dataset.root), site_url_from_mkdocs(dataset.root),
                            SITE_NAME)

    def listed(self, country: tuple[ExportFile, list[ExportFile]], dataset: Dataset
               ) -> list[ExportFile]:
        return download_list(country, [self.plans[(loaded.region_id, loaded.plan.id)][0]
                                       for loaded in ordered_plans(dataset)])


class BackgroundExports(BackgroundIndex):
    """At most one child process writing the files about the whole country again."""

    MODULE = "generator.preview_exports"
    NOTICE = "   下载用的数据文件在后台重新生成；生成之前，下载到的可能是修改前的数据。"

    def __init__(self, root: Path, docs: Path, site: Path) -> None:
        super().__init__(site)
        self.root, self.docs = root, docs

    def arguments(self) -> list[str]:
        return [str(self.docs.parent / PAYLOAD), str(self.docs), str(self.site)]

    def start(self, country: CountryFiles) -> None:
        (self.docs.parent / LISTING).unlink(missing_ok=True)
        self.cancel()
        with (self.docs.parent / PAYLOAD).open("wb") as payload:
            pickle.dump(country, payload, protocol=pickle.HIGHEST_PROTOCOL)
        self.restart()

    def country(self) -> tuple[ExportFile, list[ExportFile]] | None:
        """all.json's entry and the others' the finished child wrote; None when it failed or
        was stopped."""
        try:
            listed = json.loads((self.docs.parent / LISTING).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        entries = [ExportFile(**item) for item in listed]
        return entries[0], entries[1:]


def regenerate(payload: Path, docs: Path, site: Path) -> int:
    """The child's work: all.json from the plans' JSON files as they are in the docs folder,
    the schemas and the feed; the changed ones replace the served ones."""
    with payload.open("rb") as source:
        country: CountryFiles = pickle.load(source)
    scratch = docs.parent / SCRATCH
    shutil.rmtree(scratch, ignore_errors=True)
    # Read without the lock (seconds at 3,000 regions, and the server's next edit takes it):
    # the server writes plans' files only after stopping this child.
    all_data, others = write_country_files(country, scratch, docs)
    with build_lock(docs):
        changed = replace_changed(scratch, [item.path for item in [all_data, *others]],
                                  docs, site)
    shutil.rmtree(scratch, ignore_errors=True)
    listing = docs.parent / LISTING
    temporary = listing.with_suffix(".tmp")
    temporary.write_text(json.dumps([dataclasses.asdict(item) for item in [all_data, *others]],
                                    ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, listing)
    say(f"   下载用的数据文件已重新生成（{len(changed)} 个有变化）。")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate(*(Path(argument) for argument in sys.argv[1:4])))
