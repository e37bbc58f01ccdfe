"""Open data beside the website: JSON and CSV for every plan, the whole dataset, and an Atom feed.

Everything is derived from the validated model and written deterministically (sorted keys, fixed
orders, dates from the data or from git history), so two builds of the same commit produce
byte-identical files. CSV files are for people with a spreadsheet: UTF-8 with a BOM so Excel
and WPS show Chinese, CRLF line endings (RFC 4180), Chinese headers, and cells that would start
a formula neutralised with a leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import typing
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag

from generator import fidelity, routes
from generator.checks import Placed, action_id, responsibilities, walk
from generator.clock import CHINA_TIME, build_date
from generator.load import Dataset, LoadedPlan
from generator.model import (
    Commitment,
    Node,
    Organisation,
    Plan,
    ProgressStatus,
    Region,
    Responsibility,
    Vocabulary,
)
from generator.progress_export import (
    PROGRESS_HEADER,
    STATE_HEADER,
    STATE_KINDS,
    feed_items,
    progress_rows,
    report_record,
    state_cells,
    state_record,
)
from generator.render import Router
from generator.schema import JSON_SCHEMA_DIALECT, ORGANISATION_KINDS, schema_files

FORMAT_VERSION = 1
PLAN_FORMAT = "policysite-plan"
DATASET_FORMAT = "policysite-dataset"
SITE_NAME = "残疾人就业行动方案"
TAG_YEAR = "2026"  # tag: URIs need a year in which the authority held its name
ATOM = "http://www.w3.org/2005/Atom"

PLAN_LEVEL = "引言和结束段落"  # where plan-level commitments (Plan.commitments) are printed
ROLE_LABELS = {"lead": "牵头单位", "partner": "配合单位", "shared": "共同负责"}
LEVEL_LABELS = {"province": "省级", "prefecture": "地级", "county": "县级"}


@dataclass(frozen=True)
class ExportFile:
    """One file written by write_exports, described for the site's download page."""

    path: str  # POSIX path relative to out_dir, usable as a relative URL
    title: str
    format: str
    size: int  # bytes
    description: str


def plan_page(region_id: str, plan_id: str) -> str:
    """The plan page's URL relative to the site root, as hosted (directory URLs)."""
    return Router().output_url(routes.plan_source_of(region_id, plan_id))


# ---------------------------------------------------------------- records for JSON


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _registry(region: Region | None) -> dict[str, Organisation]:
    """Every printed form of every organisation (name and aliases) → the organisation."""
    found: dict[str, Organisation] = {}
    for organisation in region.organisations if region else []:
        for name in (organisation.name, *organisation.aliases):
            found.setdefault(name, organisation)
    return found


def _role(mode: str, index: int) -> str:
    """lead_first: the first printed organisation leads and the others assist; else shared."""
    if mode == "lead_first":
        return "lead" if index == 0 else "partner"
    return "shared"


def responsibility_record(responsibility: Responsibility, plan: Plan,
                          registry: dict[str, Organisation]) -> dict:
    mode = responsibility.mode or plan.responsibility_mode
    organisations = []
    for index, name in enumerate(responsibility.organisations):
        organisation = registry.get(name)
        role = _role(mode, index)
        organisations.append({
            "printed_name": name,
            "id": organisation.id if organisation else None,
            "name": organisation.name if organisation else None,
            "full_name": organisation.full_name if organisation else None,
            "kind": organisation.kind if organisation else None,
            "kind_label": ORGANISATION_KINDS[organisation.kind][0] if organisation else None,
            "role": role,
            "role_label": ROLE_LABELS[role],
        })
    return {
        "printed": responsibility.printed,
        "mode": mode,
        "standing_instruction": responsibility.standing_instruction,
        "organisations": organisations,
    }


def commitment_record(commitment: Commitment) -> dict:
    return {
        "quote": commitment.quote,
        "what": commitment.what,
        "comparator": commitment.comparator,
        "value": commitment.value,
        "unit": commitment.unit,
        "frequency": commitment.frequency,
        "deadline": _date(commitment.deadline),
        "deadline_printed": commitment.deadline_printed,
        "binds": commitment.binds,
        "overall": commitment.overall,
        "progress": [report_record(report) for report in commitment.progress],
    }


def _today(today: dt.date | None) -> dt.date:
    """The date progress states speak of: the build date unless given."""
    if today is not None:
        return today
    return build_date()


def _node_id(node: Node) -> str | None:
    return action_id(node) if node.kind == "action" else node.id


def node_record(node: Node, plan: Plan, registry: dict[str, Organisation]) -> dict:
    def resolved(responsibility: Responsibility | None) -> dict | None:
        return responsibility_record(responsibility, plan, registry) if responsibility else None

    return {
        "kind": node.kind,
        "id": _node_id(node),
        "label": node.label,
        "title": node.title,
        "run_in": node.run_in,
        "summary": node.summary,
        "summary_reviewed_by": node.summary_reviewed_by,
        "summary_reviewed_on": _date(node.summary_reviewed_on),
        "themes": list(node.themes),
        "audiences": list(node.audiences),
        "paragraphs": [{"text": p.text, "responsibility": resolved(p.responsibility)}
                       for p in node.paragraphs],
        "responsibility": resolved(node.responsibility),
        "commitments": [commitment_record(c) for c in node.commitments],
        "children": [node_record(child, plan, registry) for child in node.children],
    }


@dataclass(frozen=True)
class Entry:
    """A node of a plan with what CSV rows and flat lists need to say where it is."""

    placed: Placed
    action: Node | None  # the action this node is, or belongs to
    location: str  # headings from the top of the plan down to this node

    @property
    def action_id(self) -> str | None:
        return action_id(self.action) if self.action else None

    @property
    def action_title(self) -> str | None:
        return self.action.title if self.action else None


def _heading(node: Node) -> str:
    return (node.label or "") + (node.title or "")


def entries(plan: Plan) -> Iterator[Entry]:
    for placed in walk(plan):
        chain = (*placed.ancestors, placed.node)
        action = next((node for node in chain if node.kind == "action"), None)
        location = " > ".join(heading for node in chain if (heading := _heading(node)))
        yield Entry(placed, action, location)


def action_record(plan: Plan, entry: Entry, all_entries: list[Entry],
                  registry: dict[str, Organisation]) -> dict:
    node = entry.placed.node
    subtree = [item for item in all_entries if item.action is node]
    return {
        "id": action_id(node),
        "label": node.label,
        "title": node.title,
        "location": entry.location,
        "summary": node.summary,
        "summary_reviewed_by": node.summary_reviewed_by,
        "summary_reviewed_on": _date(node.summary_reviewed_on),
        "themes": list(node.themes),
        "audiences": list(node.audiences),
        "responsibilities": [responsibility_record(r, plan, registry)
                             for item in subtree for r, _ in responsibilities(item.placed)],
        "commitment_count": sum(len(item.placed.node.commitments) for item in subtree),
    }


def _terms(vocabulary: Vocabulary | None, used: set[str] | None) -> list[dict]:
    terms = vocabulary.terms if vocabulary else []
    return [{"id": t.id, "name": t.name, "description": t.description}
            for t in terms if used is None or t.id in used]


def region_record(region: Region | None, region_id: str) -> dict:
    return {
        "id": region_id,
        "name": region.name if region else region_id,
        "level": region.level if region else None,
        "parent": region.parent if region else None,
        "code": region.code if region else None,
    }


def _valid_until(plan: Plan) -> dt.date | None:
    if plan.valid_until:
        return plan.valid_until
    return dt.date(plan.period.end, 12, 31) if plan.period else None


def _document_record(plan: Plan) -> dict:
    document = plan.document
    return {
        "issuer_mark": document.issuer_mark,
        "number": document.number,
        "notice_title": document.notice_title,
        "header_order": list(document.header),
        "addressees": document.addressees,
        "notice": list(document.notice),
        "signatory": document.signatory,
        "date_written": _date(document.date_written),
        "note": document.note,
        "cc": list(document.cc),
        "disclosure": document.disclosure,
        "printer": document.printer,
        "date_issued": _date(document.date_issued),
        "date_published": _date(document.date_published),
    }


def plan_record(dataset: Dataset, loaded: LoadedPlan, today: dt.date | None = None) -> dict:
    """One plan as published in data/<region>/<plan>.json (format policysite-plan)."""
    plan = loaded.plan
    today = _today(today)
    region = dataset.regions.get(loaded.region_id)
    registry = _registry(region)
    all_entries = list(entries(plan))
    used_themes = {t for e in all_entries for t in e.placed.node.themes}
    used_audiences = {a for e in all_entries for a in e.placed.node.audiences}
    status = plan.status
    return {
        "format": PLAN_FORMAT,
        "format_version": FORMAT_VERSION,
        "id": plan.id,
        "title": plan.title,
        "page": plan_page(loaded.region_id, plan.id),
        "region": region_record(region, loaded.region_id),
        "period": {"start": plan.period.start, "end": plan.period.end} if plan.period else None,
        "valid_until": _date(_valid_until(plan)),
        "status": {"superseded_by": status.superseded_by, "repealed": _date(status.repealed),
                   "note": status.note} if status else None,
        "document": _document_record(plan),
        "excerpt": {"holds": plan.excerpt.holds, "missing": plan.excerpt.missing,
                    "reason": plan.excerpt.reason} if plan.excerpt else None,
        "approval": plan.approval,
        "citations": [{"title": c.title, "number": c.number, "quote": c.quote}
                      for c in plan.citations],
        "responsibility_mode": plan.responsibility_mode,
        "preamble": list(plan.preamble),
        "body": [node_record(node, plan, registry) for node in plan.body],
        "closing": list(plan.closing),
        "actions": [action_record(plan, e, all_entries, registry) for e in all_entries
                    if e.placed.node.kind == "action"],
        "commitments": [
            *({**commitment_record(c), "location": PLAN_LEVEL, "action_id": None,
               "state": state_record(c, today)} for c in plan.commitments),
            *({**commitment_record(c), "location": e.location, "action_id": e.action_id,
               "state": state_record(c, today)}
              for e in all_entries for c in e.placed.node.commitments),
        ],
        "themes": _terms(dataset.themes, used_themes),
        "audiences": _terms(dataset.audiences, used_audiences),
        "corrections": [{"find": c.find, "replace": c.replace, "count": c.count,
                         "where": c.where, "reason": c.reason} for c in plan.corrections],
    }


def _ordered_plans(dataset: Dataset) -> list[LoadedPlan]:
    return sorted(dataset.plans, key=lambda loaded: (loaded.region_id, loaded.plan.id))


def dataset_record(dataset: Dataset, today: dt.date | None = None) -> dict:
    """Everything in one file, data/all.json (format policysite-dataset)."""
    regions = []
    for region_id, region in sorted(dataset.regions.items()):
        regions.append({**region_record(region, region_id), "organisations": [
            {"id": o.id, "name": o.name, "full_name": o.full_name, "kind": o.kind,
             "kind_label": ORGANISATION_KINDS[o.kind][0], "aliases": list(o.aliases)}
            for o in region.organisations
        ]})
    glossary = dataset.glossary.entries if dataset.glossary else []
    return {
        "format": DATASET_FORMAT,
        "format_version": FORMAT_VERSION,
        "regions": regions,
        "plans": [plan_record(dataset, loaded, today) for loaded in _ordered_plans(dataset)],
        "themes": _terms(dataset.themes, None),
        "audiences": _terms(dataset.audiences, None),
        "glossary": [{"term": e.term, "full_name": e.full_name, "explanation": e.explanation}
                     for e in glossary],
    }


def to_json(record: dict) -> bytes:
    # Every object is a record whose key order means nothing, so keys are sorted; lists keep
    # document order, which does mean something.
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


# ---------------------------------------------------------------- CSV

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> str:
    """Text as a spreadsheet cell: a leading apostrophe keeps =, +, -, @ from starting a formula.

    Only text is neutralised: numbers are formatted here from floats, so a negative value stays
    a number a spreadsheet can add up.
    """
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, int | float):
        return _number(cell)
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _number(value: float) -> str:
    """15.0 → "15", 1.5 → "1.5": what a person would type."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line endings
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    # The BOM is what makes Excel read the file as UTF-8 instead of the system's GBK.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


ACTION_HEADER = ["地区", "方案", "序号", "行动编号", "标题", "通俗说明", "主题", "面向人群",
                 "牵头单位", "配合单位", "共同负责单位", "承诺数", "原文"]
RESPONSIBILITY_HEADER = ["地区", "方案", "所在条目", "行动编号", "行动标题", "单位", "单位全称",
                         "单位编号", "单位类别", "角色", "责任单位原文", "统一要求"]
COMMITMENT_HEADER = ["地区", "方案", "所在条目", "行动编号", "行动标题", "承诺内容", "比较",
                     "数值", "计量单位", "频次", "期限", "期限原文", "约束对象", "总体目标", "原文",
                     *STATE_HEADER]


def _names(terms: list[dict], ids: list[str]) -> str:
    by_id = {term["id"]: term["name"] for term in terms}
    return "、".join(by_id.get(i, i) for i in ids)


def _by_role(action: dict, role: str) -> str:
    names: list[str] = []
    for responsibility in action["responsibilities"]:
        for organisation in responsibility["organisations"]:
            if organisation["role"] == role and organisation["printed_name"] not in names:
                names.append(organisation["printed_name"])
    return "、".join(names)


def action_rows(record: dict, plan: Plan) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    texts = {action_id(e.placed.node): "\n".join(fidelity.node_text(e.placed.node))
             for e in entries(plan) if e.placed.node.kind == "action"}
    return [[region, title, a["label"], a["id"], a["title"], a["summary"],
             _names(record["themes"], a["themes"]), _names(record["audiences"], a["audiences"]),
             _by_role(a, "lead"), _by_role(a, "partner"), _by_role(a, "shared"),
             a["commitment_count"], texts.get(a["id"], "")]
            for a in record["actions"]]


def responsibility_rows(record: dict, plan: Plan, registry: dict[str, Organisation]
                        ) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    rows = []
    for entry in entries(plan):
        for responsibility, _ in responsibilities(entry.placed):
            resolved = responsibility_record(responsibility, plan, registry)
            for organisation in resolved["organisations"]:
                rows.append([region, title, entry.location, entry.action_id, entry.action_title,
                             organisation["printed_name"], organisation["full_name"],
                             organisation["id"], organisation["kind_label"],
                             organisation["role_label"], resolved["printed"],
                             resolved["standing_instruction"]])
    return rows


def commitment_rows(record: dict) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    titles = {a["id"]: a["title"] for a in record["actions"]}
    return [[region, title, c["location"], c["action_id"], titles.get(c["action_id"]), c["what"],
             c["comparator"], c["value"], c["unit"], c["frequency"], c["deadline"],
             c["deadline_printed"], c["binds"], c["overall"], c["quote"], *state_cells(c)]
            for c in record["commitments"]]


# ---------------------------------------------------------------- Atom

# XML 1.0 cannot carry most control characters at all, escaped or not.
_XML_ILLEGAL = dict.fromkeys(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))


def _xml_text(text: str) -> str:
    return text.translate(_XML_ILLEGAL)


def _git_date(root: Path, folder: Path) -> str | None:
    """The committer date of the last commit touching folder, or None without git history."""
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cI", "--", relative],
            capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp else None


def plan_updated(dataset: Dataset, loaded: LoadedPlan) -> str:
    """When the plan's data last changed: git history, else the day the document was issued."""
    day = loaded.plan.document.date
    if day is None:  # an excerpt without any date: the build's date, as for an empty feed
        return _git_date(dataset.root, loaded.folder) or _feed_updated([])
    issued = dt.datetime.combine(day, dt.time(), CHINA_TIME)
    return _git_date(dataset.root, loaded.folder) or issued.isoformat()


def _atom_id(site_url: str, specific: str) -> str:
    """tag:host,year:path/specific when the site has a URL; else a name-based UUID URN."""
    parts = urlsplit(site_url)
    if parts.hostname:
        prefix = parts.path.strip("/")
        return f"tag:{parts.hostname},{TAG_YEAR}:{prefix + '/' if prefix else ''}{specific}"
    # Without a domain to mint tag: URIs from, a name-based UUID is just as permanent.
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"policysite:{specific}"))


def _summary(record: dict) -> str:
    document = record["document"]
    number = f"（{document['number']}）" if document["number"] else ""
    issued = ""
    if document["date_issued"]:
        issued = fidelity.chinese_date(dt.date.fromisoformat(document["date_issued"])) + "印发"
    elif document["date_written"]:  # no imprint (版记): the date the document was written
        issued = fidelity.chinese_date(dt.date.fromisoformat(document["date_written"])) + "成文"
    # An excerpt may lack the notice: only what the document prints is said.
    head = f"{document['signatory'] or ''}{issued}{number}"
    parts = [head + "。"] if head else []
    period = record["period"]
    if period:
        parts.append(f"实施期{period['start']}—{period['end']}年。")
    parts.append(f"共{len(record['actions'])}项行动，"
                 f"{len(record['commitments'])}项量化或有期限的承诺。")
    if record["excerpt"]:
        parts.append(f"本站只收录了文件的一部分：{record['excerpt']['holds']}；"
                     f"缺少{record['excerpt']['missing']}。")
    return "".join(parts)


def _feed_updated(stamps: list[str]) -> str:
    if stamps:
        return max(stamps, key=dt.datetime.fromisoformat)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).isoformat()


def _china_midnight(day: str) -> str:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), CHINA_TIME).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str
         ) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def atom_feed(records: list[tuple[dict, str]], site_url: str, site_name: str) -> bytes:
    """An Atom feed (RFC 4287) with one entry per plan, records being (plan record, updated),
    and one entry per progress report (dated by the report)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    ordered = sorted(records, key=lambda r: (-dt.datetime.fromisoformat(r[1]).timestamp(),
                                             r[0]["region"]["id"], r[0]["id"]))
    # The namespace is written as a plain attribute: no global ET.register_namespace needed.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "zh-CN"})
    _sub(feed, "id", _atom_id(site_url, "feed"))
    _sub(feed, "title", site_name)
    _sub(feed, "subtitle", "各地促进残疾人就业行动方案的发布和更新。")
    reports = sorted((item for record, _ in records for item in feed_items(record)),
                     key=lambda item: (item["date"], item["id"]), reverse=True)
    report_stamps = [_china_midnight(item["date"]) for item in reports]
    _sub(feed, "updated", _feed_updated([updated for _, updated in records] + report_stamps))
    _sub(_sub(feed, "author"), "name", site_name)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + routes.FEED)
    _sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    _sub(feed, "generator", "policysite")
    for record, updated in ordered:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _atom_id(site_url, f"{record['region']['id']}/{record['id']}"))
        _sub(entry, "title", record["title"])
        _sub(entry, "link", rel="alternate", type="text/html", href=base + record["page"])
        document = record["document"]
        # The same order as Document.date: issued, else published, else written.
        published = document["date_issued"] or document["date_published"] or \
            document["date_written"]
        if published:  # optional in Atom; an excerpt may carry no date at all
            day = dt.date.fromisoformat(published)
            _sub(entry, "published", dt.datetime.combine(day, dt.time(), CHINA_TIME).isoformat())
        _sub(entry, "updated", updated)
        _sub(_sub(entry, "author"), "name", document["signatory"] or record["region"]["name"])
        _sub(entry, "category", term=record["region"]["id"], label=record["region"]["name"])
        _sub(entry, "summary", _summary(record), type="text")
    for item in reports:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _atom_id(site_url, item["id"]))
        _sub(entry, "title", item["title"])
        _sub(entry, "link", rel="alternate", type="text/html", href=base + item["page"])
        _sub(entry, "published", _china_midnight(item["date"]))
        _sub(entry, "updated", _china_midnight(item["date"]))
        _sub(_sub(entry, "author"), "name", item["author"])
        _sub(entry, "category", term="progress", label="落实情况")
        _sub(entry, "summary", item["summary"], type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# ---------------------------------------------------------------- site settings


class _MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: resolves !ENV like MkDocs does and ignores Python tags."""


# MkDocs' own !ENV resolver (pyyaml_env_tag), so the feed sees the site_url the engine sees.
_MkdocsLoader.add_constructor("!ENV", construct_env_tag)
_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from_mkdocs(root: Path) -> str:
    """mkdocs.yml's site_url (after !ENV), or "" when it is unset or unreadable."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"),
                           Loader=_MkdocsLoader)  # a SafeLoader: no Python objects
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else ""


# ---------------------------------------------------------------- writing


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
    registry = _registry(dataset.regions.get(loaded.region_id))
    writer.write(f"{stem}.json", to_json(record), f"{title}：完整数据", "JSON",
                 "方案的发文信息、正文层级、行动、责任单位、承诺和主题，结构见 export.schema.json。")
    writer.write(f"{stem}-actions.csv", to_csv(ACTION_HEADER, action_rows(record, loaded.plan)),
                 f"{title}：行动清单", "CSV", f"每项行动一行，含牵头、配合单位和原文。{_SPREADSHEET}")
    writer.write(f"{stem}-responsibilities.csv",
                 to_csv(RESPONSIBILITY_HEADER, responsibility_rows(record, loaded.plan, registry)),
                 f"{title}：责任单位", "CSV",
                 f"每个条目的每个责任单位一行，含单位类别和角色。{_SPREADSHEET}")
    writer.write(f"{stem}-commitments.csv", to_csv(COMMITMENT_HEADER, commitment_rows(record)),
                 f"{title}：承诺和期限", "CSV",
                 f"每项量化或有期限的承诺一行，含数值、频次、期限和落实情况。{_SPREADSHEET}")
    writer.write(f"{stem}-progress.csv", to_csv(PROGRESS_HEADER, progress_rows(record)),
                 f"{title}：落实情况报告", "CSV",
                 f"每份公开报告一行：日期、状态、报告原话和出处。{_SPREADSHEET}")


def write_exports(dataset: Dataset, out_dir: Path, *, site_url: str | None = None,
                  site_name: str = SITE_NAME, today: dt.date | None = None) -> list[ExportFile]:
    """Write data/…, data/schema/… and feed.xml under out_dir; returns them in a fixed order.

    site_url: the site's absolute base URL for the feed's links and ids; None reads mkdocs.yml
    (site_url, which may come from POLICYSITE_SITE_URL), "" keeps links relative.
    """
    if site_url is None:
        site_url = site_url_from_mkdocs(dataset.root)
    writer = _Writer(out_dir)
    today = _today(today)
    writer.write(routes.ALL_DATA, to_json(dataset_record(dataset, today)), "全部数据", "JSON",
                 "所有地区、单位登记册、方案、主题、人群和术语，一个文件。")
    feed_records = []
    for loaded in _ordered_plans(dataset):
        record = plan_record(dataset, loaded, today)
        _write_plan(writer, dataset, loaded, record)
        feed_records.append((record, plan_updated(dataset, loaded)))
    for name, text in schema_files(dataset.root).items():
        writer.write(f"{routes.DATA_SCHEMAS}/{name}", text.encode(), f"数据结构：{name}", "JSON Schema",
                     "JSON Schema（2020-12）：" + ("导出数据的结构。" if name.startswith("export")
                                                  else "录入用 YAML 文件的结构。"))
    writer.write(routes.FEED, atom_feed(feed_records, site_url, site_name), "方案更新订阅",
                 "Atom", "用 RSS/Atom 阅读器订阅，方案发布或更新、收录新的落实情况报告时会收到通知。")
    return writer.files


# ---------------------------------------------------------------- the export format's schema


def _record(about: str, /, **properties: dict) -> dict:
    """An object whose keys are all present (null when empty) and nothing else."""
    return {"type": "object", "description": about, "additionalProperties": False,
            "required": sorted(properties), "properties": properties}


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _list(item: dict) -> dict:
    return {"type": "array", "items": item}


_TEXT = {"type": "string"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}


def export_schema() -> dict:
    """JSON Schema of data/all.json and data/<region>/<plan>.json."""
    commitment_fields = {
        "quote": _TEXT, "what": _TEXT, "comparator": _TEXT_OR_NULL,
        "value": {"type": ["number", "null"]}, "unit": _TEXT_OR_NULL,
        "frequency": _TEXT_OR_NULL, "deadline": _DATE_OR_NULL,
        "deadline_printed": _TEXT_OR_NULL, "binds": _TEXT_OR_NULL, "overall": {"type": "boolean"},
        "progress": _list(_ref("progress_report")),
    }
    term = _record("主题或人群。", id=_SLUG, name=_TEXT, description=_TEXT)
    defs = {
        "region": _record("地区。", id=_SLUG, name=_TEXT,
                          level={"enum": [*LEVEL_LABELS, None]},
                          parent={"type": ["string", "null"]}, code=_TEXT_OR_NULL),
        "organisation": _record(
            "责任单位：印出的名称，以及在本地区单位登记册中对应的单位（找不到时为 null）。",
            printed_name=_TEXT, id={"type": ["string", "null"]}, name=_TEXT_OR_NULL,
            full_name=_TEXT_OR_NULL, kind={"enum": [*ORGANISATION_KINDS, None]},
            kind_label=_TEXT_OR_NULL, role={"enum": list(ROLE_LABELS)},
            role_label={"enum": list(ROLE_LABELS.values())}),
        "responsibility": _record(
            "印出的责任单位。mode 已按方案的默认读法补齐：lead_first 时第一个单位牵头、其余配合。",
            printed=_TEXT, mode={"enum": ["shared", "lead_first"]},
            standing_instruction=_TEXT_OR_NULL, organisations=_list(_ref("organisation"))),
        "commitment": _record("承诺。", **commitment_fields),
        "flat_commitment": _record("承诺，附所在条目和所属行动，以及生成数据之日的落实情况。",
                                   **commitment_fields, location=_TEXT, action_id=_TEXT_OR_NULL,
                                   state=_ref("progress_state")),
        "progress_report": _record(
            "一份公开报告中关于这项承诺落实情况的记载，照录入的原样发布。",
            date=_DATE, status={"enum": list(typing.get_args(ProgressStatus))}, quote=_TEXT,
            source=_record("报告出处。", title=_TEXT, issuer=_TEXT, number=_TEXT_OR_NULL,
                           url=_TEXT_OR_NULL, file=_TEXT_OR_NULL)),
        "progress_state": _record(
            "as_of 这一天的落实情况：reported 有公开报告（label 为最近一份报告的状态）；"
            "overdue 期限已过、未见公开报告；not_due 未到期；no_deadline 未写明期限、未见公开报告。",
            as_of=_DATE, kind={"enum": list(STATE_KINDS)}, label=_TEXT,
            past_deadline={"type": "boolean"}, latest_report_date=_DATE_OR_NULL),
        "paragraph": _record("正文中的一段。", text=_TEXT, responsibility={
            "anyOf": [_ref("responsibility"), {"type": "null"}]}),
        "node": _record(
            "正文条目，按原文层级嵌套。",
            kind={"enum": ["part", "group", "action", "measure", "item"]},
            id=_TEXT_OR_NULL, label=_TEXT_OR_NULL, title=_TEXT_OR_NULL,
            run_in={"type": "boolean"}, summary=_TEXT_OR_NULL,
            summary_reviewed_by=_TEXT_OR_NULL, summary_reviewed_on=_DATE_OR_NULL,
            themes=_list(_SLUG),
            audiences=_list(_SLUG), paragraphs=_list(_ref("paragraph")),
            responsibility={"anyOf": [_ref("responsibility"), {"type": "null"}]},
            commitments=_list(_ref("commitment")), children=_list(_ref("node"))),
        "action": _record(
            "行动一览：每项行动及其下各条目的全部责任单位。",
            id=_TEXT, label=_TEXT_OR_NULL, title=_TEXT_OR_NULL, location=_TEXT,
            summary=_TEXT_OR_NULL, summary_reviewed_by=_TEXT_OR_NULL,
            summary_reviewed_on=_DATE_OR_NULL, themes=_list(_SLUG), audiences=_list(_SLUG),
            responsibilities=_list(_ref("responsibility")),
            commitment_count={"type": "integer", "minimum": 0}),
        "term": term,
        "plan": _record(
            "一个方案（data/<地区>/<方案>.json）。",
            format={"const": PLAN_FORMAT}, format_version={"const": FORMAT_VERSION},
            id=_SLUG, title=_TEXT, page=_TEXT, region=_ref("region"),
            period={"anyOf": [_record("实施期。", start={"type": "integer"},
                                      end={"type": "integer"}), {"type": "null"}]},
            valid_until=_DATE_OR_NULL,
            status={"anyOf": [_record("状态。", superseded_by=_TEXT_OR_NULL,
                                      repealed=_DATE_OR_NULL, note=_TEXT_OR_NULL),
                              {"type": "null"}]},
            document=_record(
                "发文信息。原文没有的要素为 null（例如网页发布的文件没有发文字号或版记）。",
                issuer_mark=_TEXT_OR_NULL, number=_TEXT_OR_NULL, notice_title=_TEXT_OR_NULL,
                header_order=_list({"enum": ["issuer_mark", "number", "notice_title"]}),
                addressees=_TEXT_OR_NULL, notice=_list(_TEXT), signatory=_TEXT_OR_NULL,
                date_written=_DATE_OR_NULL,
                note=_TEXT_OR_NULL, cc=_list(_TEXT), disclosure=_TEXT_OR_NULL,
                printer=_TEXT_OR_NULL, date_issued=_DATE_OR_NULL, date_published=_DATE_OR_NULL),
            excerpt={"anyOf": [_record("只收录了文件的一部分时：收录了什么、缺少什么。",
                                       holds=_TEXT, missing=_TEXT, reason=_TEXT_OR_NULL),
                               {"type": "null"}]},
            approval=_TEXT_OR_NULL,
            citations=_list(_record("引用的文件。", title=_TEXT, number=_TEXT_OR_NULL,
                                    quote=_TEXT)),
            responsibility_mode={"enum": ["shared", "lead_first"]},
            preamble=_list(_TEXT), body=_list(_ref("node")), closing=_list(_TEXT),
            actions=_list(_ref("action")), commitments=_list(_ref("flat_commitment")),
            themes=_list(term), audiences=_list(term),
            corrections=_list(_record("对原文抽取错误的更正。", find=_TEXT, replace=_TEXT,
                                      count={"type": "integer", "minimum": 1},
                                      where=_TEXT, reason=_TEXT))),
        "dataset": _record(
            "全部数据（data/all.json）。",
            format={"const": DATASET_FORMAT}, format_version={"const": FORMAT_VERSION},
            regions=_list(_ref("region_with_registry")),
            plans=_list(_ref("plan")), themes=_list(term), audiences=_list(term),
            glossary=_list(_record("术语。", term=_TEXT, full_name=_TEXT_OR_NULL,
                                   explanation=_TEXT))),
    }
    region = defs["region"]
    defs["region_with_registry"] = _record(
        "地区及其单位登记册。", **region["properties"], organisations=_list(_record(
            "登记册中的单位。", id=_SLUG, name=_TEXT, full_name=_TEXT_OR_NULL,
            kind={"enum": list(ORGANISATION_KINDS)}, kind_label=_TEXT, aliases=_list(_TEXT))))
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "残疾人就业行动方案导出数据",
        "description": "data/all.json（format 为 policysite-dataset）和 data/<地区>/<方案>.json"
                       "（format 为 policysite-plan）的结构。日期为 ISO 8601 格式（2026-04-02）。",
        "oneOf": [_ref("plan"), _ref("dataset")],
        "$defs": dict(sorted(defs.items())),
    }
