"""Writing the open data: every file under data/, the schemas and feed.xml, each described for
the site's download page.

Everything is derived from the validated model and written deterministically (sorted keys, fixed
orders, dates from the data or from git history), so two builds of the same commit produce
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator import routes
from generator.clock import build_date
from generator.export.data import (
    dataset_record,
    from_json,
    ordered_plans,
    plan_record,
    to_json,
)
from generator.export.feed import SITE_NAME, atom_feed, plan_updated
from generator.export.progress import PROGRESS_HEADER, progress_rows
from generator.export.schema import schema_files
from generator.export.settings import site_url_from_mkdocs
from generator.export.tables import (
    ACTION_HEADER,
    COMMITMENT_HEADER,
    RESPONSIBILITY_HEADER,
    action_rows,
    commitment_rows,
    responsibility_rows,
    to_csv,
)
from generator.forked import shared_map
from generator.load import Dataset, LoadedPlan
from generator.sitemodel import organisations_by_name


@dataclass(frozen=True)
class ExportFile:
    """One file written by write_exports, described for the site's download page."""

    path: str  # POSIX path relative to out_dir, usable as a relative URL
    title: str
    format: str
    size: int  # bytes
    description: str


class _Writer:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: list[ExportFile] = []

    def write(self, relative: str, content: bytes, title: str, kind: str,
              description: str) -> None:
        path = self.out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.files.append(ExportFile(relative, title, kind, len(content), description))


_SPREADSHEET = "UTF-8 编码，可用 Excel、WPS 表格打开。"


def _write_plan(writer: _Writer, dataset: Dataset, loaded: LoadedPlan, record: dict) -> None:
    stem = routes.plan_data_stem(loaded.region_id, loaded.plan.id)
    # Every file of an excerpt says so where it is offered: the CSV rows cannot.
    title = record["title"] + ("（节选：本站只收录了文件的一部分）" if record["excerpt"] else "")
    names = organisations_by_name(dataset.regions.get(loaded.region_id))
    writer.write(f"{stem}.json", to_json(record), f"{title}：完整数据", "JSON",
                 "方案的发文信息、正文层级、行动、责任单位、承诺和主题，结构见 export.schema.json。")
    writer.write(f"{stem}-actions.csv", to_csv(ACTION_HEADER, action_rows(record, loaded.plan)),
                 f"{title}：行动清单", "CSV", f"每项行动一行，含牵头、配合单位和原文。{_SPREADSHEET}")
    writer.write(f"{stem}-responsibilities.csv",
                 to_csv(RESPONSIBILITY_HEADER, responsibility_rows(record, loaded.plan, names)),
                 f"{title}：责任单位", "CSV",
                 f"每个条目的每个责任单位一行，含单位类别和角色。{_SPREADSHEET}")
    writer.write(f"{stem}-commitments.csv", to_csv(COMMITMENT_HEADER, commitment_rows(record)),
                 f"{title}：承诺和期限", "CSV",
                 f"每项量化或有期限的承诺一行，含数值、频次、期限和落实情况。{_SPREADSHEET}")
    writer.write(f"{stem}-progress.csv", to_csv(PROGRESS_HEADER, progress_rows(record)),
                 f"{title}：落实情况报告", "CSV",
                 f"每份公开报告一行：日期、状态、报告原话和出处。{_SPREADSHEET}")


# What the preview keeps of a plan's downloads (generator/preview_exports.py): its files'
# entries, and when it was last updated (for the feed).
PlanExport = tuple[list[ExportFile], str]


def export_plan(dataset: Dataset, loaded: LoadedPlan, out_dir: Path, today: dt.date
                ) -> PlanExport:
    """A plan's files, and when it was last updated (git history: not in its files)."""
    plan_writer = _Writer(out_dir)
    _write_plan(plan_writer, dataset, loaded, plan_record(dataset, loaded, today))
    return plan_writer.files, plan_updated(dataset, loaded)


def write_exports(dataset: Dataset, out_dir: Path, *, site_url: str | None = None,
                  site_name: str = SITE_NAME, today: dt.date | None = None) -> list[ExportFile]:
    """Write data/…, data/schema/… and feed.xml under out_dir; returns them in a fixed order.

    site_url: the site's absolute base URL for the feed's links and ids; None reads mkdocs.yml
    (site_url, which may come from POLICYSITE_SITE_URL), "" keeps links relative.
    """
    if site_url is None:
        site_url = site_url_from_mkdocs(dataset.root)
    today = today if today is not None else build_date()
    plans = ordered_plans(dataset)
    # Each plan's record is made once, by either core, and all.json and the feed are put
    # together from the plans' JSON files (write_dataset_stream): never the whole dataset in
    # memory at once.
    per_plan = shared_map(lambda loaded: export_plan(dataset, loaded, out_dir, today), plans)
    country = CountryFiles(dataset_frame(dataset), [plan_stem(loaded) for loaded in plans],
                           [updated for _, updated in per_plan],
                           schema_files(dataset.root), site_url, site_name)
    return download_list(write_country_files(country, out_dir, out_dir),
                         [files for files, _ in per_plan])


@dataclass(frozen=True)
class CountryFiles:
    """What the files about the whole country are made of besides the plans' JSON files
    (the preview's child gets it pickled): all.json's frame, the plans' JSON stems in order,
    when each plan was last updated."""

    frame: bytes  # all.json but the plans: to_json(dataset_record(dataset, plans=False))
    stems: list[str]
    updated: list[str]
    schemas: dict[str, str]
    site_url: str
    site_name: str


def dataset_frame(dataset: Dataset) -> bytes:
    return to_json(dataset_record(dataset, plans=False))


def plan_stem(loaded: LoadedPlan) -> str:
    return routes.plan_data_stem(loaded.region_id, loaded.plan.id)


def write_country_files(country: CountryFiles, out_dir: Path, plans_dir: Path
                        ) -> tuple[ExportFile, list[ExportFile]]:
    """data/all.json (from the plans' JSON files in plans_dir), the schemas and feed.xml;
    all.json's entry, and the others' (which follow the plans' files in the list)."""
    size, records = write_dataset_stream(country.frame, out_dir, country.stems, plans_dir)
    all_data = ExportFile(routes.ALL_DATA, "全部数据", "JSON", size,
                          "所有地区、单位登记册、方案、主题、人群和术语，一个文件。")
    writer = _Writer(out_dir)
    for name, text in country.schemas.items():
        writer.write(f"{routes.DATA_SCHEMAS}/{name}", text.encode(), f"数据结构：{name}", "JSON Schema",
                     "JSON Schema（2020-12）：" + ("导出数据的结构。" if name.startswith("export")
                                                  else "录入用 YAML 文件的结构。"))
    feed = list(zip(records, country.updated, strict=True))
    writer.write(routes.FEED, atom_feed(feed, country.site_url, country.site_name),
                 "方案更新订阅", "Atom",
                 "用 RSS/Atom 阅读器订阅，方案发布或更新、收录新的落实情况报告时会收到通知。")
    return all_data, writer.files


def download_list(country: tuple[ExportFile, list[ExportFile]],
                  plans: list[list[ExportFile]]) -> list[ExportFile]:
    """Every download in the download page's order: all.json, each plan's, the others."""
    return [country[0], *(item for files in plans for item in files), *country[1]]


def write_dataset_stream(frame: bytes, out_dir: Path, stems: list[str], plans_dir: Path
                         ) -> tuple[int, list[dict]]:
    """data/all.json, written as a stream: its frame (everything but the plans) as to_json
    writes it, with each plan's own JSON file, already written in plans_dir, indented into its
    list; the bytes are those to_json(dataset_record(dataset)) gives. Returns the file's size,
    and the plans' records but their text (body), read back from those files, for the feed."""
    records = []
    empty = b'\n  "plans": [],\n'
    head, tail = frame.split(empty)
    path = out_dir / routes.ALL_DATA
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(head)
        if not stems:
            out.write(empty)
        for index, stem in enumerate(stems):
            text = (plans_dir / f"{stem}.json").read_bytes().rstrip(b"\n")
            record = from_json(text)
            del record["body"]
            records.append(record)
            out.write(b'\n  "plans": [\n' if index == 0 else b",\n")
            out.write(b"    " + text.replace(b"\n", b"\n    "))
        if stems:
            out.write(b"\n  ],\n")
        out.write(tail)
        return out.tell(), records
