"""The Atom feed (RFC 4287): one entry per plan and one per progress report."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from generator import routes
from generator.clock import CHINA_TIME
from generator.export.progress import feed_items
from generator.labels import chinese_date
from generator.load import Dataset, LoadedPlan

SITE_NAME = "残疾人就业行动方案"
TAG_YEAR = "2026"  # tag: URIs need a year in which the authority held its name
ATOM = "http://www.w3.org/2005/Atom"

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
        issued = chinese_date(dt.date.fromisoformat(document["date_issued"])) + "印发"
    elif document["date_written"]:  # no imprint (版记): the date the document was written
        issued = chinese_date(dt.date.fromisoformat(document["date_written"])) + "成文"
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
