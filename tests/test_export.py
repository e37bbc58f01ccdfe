"""Open-data exports: deterministic, valid against their schema, safe in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from generator.export import (
    ACTION_HEADER,
    COMMITMENT_HEADER,
    RESPONSIBILITY_HEADER,
    ExportFile,
    export_schema,
    plan_record,
    schema_files,
    site_url_from_mkdocs,
    spreadsheet_safe,
    write_exports,
)
from generator.export.data import dataset_record, to_json
from generator.load import Dataset, LoadedPlan
from generator.model import Glossary, Node, Plan, Region, Vocabulary
from generator.tree import responsibilities, walk
from generator.validate import validate_project
from generator.yamlload import Located

REPO_ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
BOM = "\ufeff".encode()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded, problems = validate_project(REPO_ROOT)
    assert not [p for p in problems if p.severity == "error"], problems
    return loaded


@pytest.fixture(scope="module")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, list[ExportFile]]:
    out = tmp_path_factory.mktemp("exports")
    return out, write_exports(dataset, out, site_url="")


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM), path
    return list(csv.reader(io.StringIO(raw[len(BOM):].decode("utf-8"), newline="")))


def _validator() -> jsonschema.Draft202012Validator:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# ---------------------------------------------------------------- the real dataset


def test_exports_are_byte_identical_across_runs(dataset: Dataset, tmp_path: Path,
                                                exported: tuple[Path, list[ExportFile]]) -> None:
    first_dir, first = exported
    second = write_exports(dataset, tmp_path, site_url="")
    assert first == second
    for item in first:
        assert (first_dir / item.path).read_bytes() == (tmp_path / item.path).read_bytes(), item


@pytest.mark.parametrize("value", [
    "残疾人\u2028就业\x1f\"\\", 100000.5, 1e16, 0.1, 2**63, 10**30, -(2**64), None, True,
    [{"乙": 1, "甲": [2, {}]}, []],
])
def test_json_downloads_read_as_the_standard_library_writes_them(value: object) -> None:
    # orjson writes the downloads (speed at national scale); readers and diffs of earlier
    # downloads see the same text json.dumps gives, integers beyond 64 bits included.
    record = {"b": value, "a": [value]}
    expected = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert to_json(record) == expected.encode()


def test_the_list_describes_every_file_written(exported: tuple[Path, list[ExportFile]]) -> None:
    out, files = exported
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted(item.path for item in files) == on_disk
    for item in files:
        assert item.size == (out / item.path).stat().st_size
        assert item.title and item.description and item.format
        assert not item.path.startswith("/") and "\\" not in item.path


def test_expected_files_per_plan(dataset: Dataset, exported: tuple[Path, list[ExportFile]]
                                 ) -> None:
    paths = {item.path for item in exported[1]}
    assert {"data/all.json", "feed.xml", "data/schema/export.schema.json"} <= paths
    for loaded in dataset.plans:
        stem = f"data/{loaded.region_id}/{loaded.plan.id}"
        for suffix in (".json", "-actions.csv", "-responsibilities.csv", "-commitments.csv"):
            assert stem + suffix in paths


def test_every_json_export_validates_against_the_export_schema(
        exported: tuple[Path, list[ExportFile]]) -> None:
    out, files = exported
    validator = _validator()
    checked = 0
    for item in files:
        if item.format == "JSON":
            data = json.loads((out / item.path).read_text(encoding="utf-8"))
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
            assert errors == [], item.path
            checked += 1
    assert checked >= 2


def test_published_schemas_are_the_committed_ones(exported: tuple[Path, list[ExportFile]]) -> None:
    out, _ = exported
    for name, text in schema_files(REPO_ROOT).items():
        assert (out / "data" / "schema" / name).read_text(encoding="utf-8") == text
        assert (REPO_ROOT / "schema" / name).read_text(encoding="utf-8") == text


def test_all_json_holds_the_whole_dataset(dataset: Dataset,
                                          exported: tuple[Path, list[ExportFile]]) -> None:
    data = json.loads((exported[0] / "data" / "all.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["regions"]] == sorted(dataset.regions)
    assert len(data["plans"]) == len(dataset.plans)
    assert sum(len(r["organisations"]) for r in data["regions"]) == \
        sum(len(r.organisations) for r in dataset.regions.values())
    assert len(data["themes"]) == len(dataset.themes.terms)
    assert len(data["audiences"]) == len(dataset.audiences.terms)
    assert len(data["glossary"]) == len(dataset.glossary.entries)


def test_all_json_is_the_whole_record_written_at_once(
        dataset: Dataset, exported: tuple[Path, list[ExportFile]]) -> None:
    # all.json is streamed from the plans' own files (export/files.py): the bytes must be
    # those of the whole record encoded in one piece, and its listed size the file's.
    written = (exported[0] / "data" / "all.json").read_bytes()
    assert written == to_json(dataset_record(dataset))
    listed = next(item for item in exported[1] if item.path == "data/all.json")
    assert listed.size == len(written)


def test_all_json_without_plans_keeps_an_empty_list(dataset: Dataset, tmp_path: Path) -> None:
    empty = Dataset(root=dataset.root, regions=dataset.regions, themes=dataset.themes,
                    audiences=dataset.audiences, glossary=dataset.glossary)
    write_exports(empty, tmp_path, site_url="")
    written = (tmp_path / "data" / "all.json").read_bytes()
    assert written == to_json(dataset_record(empty))
    assert json.loads(written)["plans"] == []


def test_the_plan_record_covers_every_field_of_the_model(dataset: Dataset) -> None:
    # A field added to the model must reach the export too (source is a local file name, and
    # source_sha256 the checksum of that file, which is not published).
    record = plan_record(dataset, dataset.plans[0])
    missing = set(Plan.model_fields) - set(record) - {"source", "source_sha256"}
    assert not missing, f"export.plan_record does not publish {sorted(missing)}"


def test_the_node_records_cover_every_field_of_the_model(dataset: Dataset) -> None:
    # A field added to Node must reach the export too, on every node at every depth.
    record = plan_record(dataset, dataset.plans[0])
    nodes = list(record["body"])
    while nodes:
        node = nodes.pop()
        assert set(node) == set(Node.model_fields), sorted(set(node) ^ set(Node.model_fields))
        nodes.extend(node["children"])


def _counts(plan: Plan) -> tuple[int, int, int]:
    placed = list(walk(plan))
    actions = sum(1 for p in placed if p.node.kind == "action")
    responsibility_rows = sum(len(r.organisations) for p in placed for r, _ in responsibilities(p))
    commitments = len(plan.commitments) + sum(len(p.node.commitments) for p in placed)
    return actions, responsibility_rows, commitments


def test_csv_files_parse_back_with_one_row_per_item(
        dataset: Dataset, exported: tuple[Path, list[ExportFile]]) -> None:
    out, _ = exported
    for loaded in dataset.plans:
        stem = out / "data" / loaded.region_id / loaded.plan.id
        actions, responsibility_rows, commitments = _counts(loaded.plan)
        for suffix, header, expected in (
            ("-actions.csv", ACTION_HEADER, actions),
            ("-responsibilities.csv", RESPONSIBILITY_HEADER, responsibility_rows),
            ("-commitments.csv", COMMITMENT_HEADER, commitments),
        ):
            path = stem.with_name(stem.name + suffix)
            rows = _csv(path)
            assert rows[0] == header, path
            assert len(rows) - 1 == expected, path
            assert all(len(row) == len(header) for row in rows), path
            # RFC 4180: every record ends with CRLF, including the last.
            text = path.read_bytes().decode("utf-8")
            assert text.endswith("\r\n") and "\r\n" in text


def test_csv_cells_name_places_people_recognise(exported: tuple[Path, list[ExportFile]]) -> None:
    rows = _csv(exported[0] / "data" / "jinchang" / "2026-2027-responsibilities.csv")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["地区"] == "金昌市"
    assert first["单位"] == "市人社局"
    assert first["单位编号"] == "renshe"
    assert first["单位类别"] == "政府工作部门"
    assert first["角色"] == "共同负责"


def test_atom_feed_has_one_entry_per_plan(dataset: Dataset,
                                          exported: tuple[Path, list[ExportFile]]) -> None:
    root = ET.parse(exported[0] / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(dataset.plans)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        for tag in ("title", "updated", "published", "summary"):
            assert entry.findtext(f"{ATOM}{tag}"), tag
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("regions/") and href.endswith("/")
    assert root.find(f"{ATOM}author/{ATOM}name").text


def test_atom_feed_with_a_site_url(dataset: Dataset, tmp_path: Path) -> None:
    write_exports(dataset, tmp_path, site_url="https://example.gov.cn/jiuye/")
    root = ET.parse(tmp_path / "feed.xml").getroot()
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("https://example.gov.cn/jiuye/regions/")
    assert entry.findtext(f"{ATOM}id").startswith("tag:example.gov.cn,2026:jiuye/")
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://example.gov.cn/jiuye/feed.xml"


def test_site_url_comes_from_mkdocs_yml_and_its_env_tag(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: !ENV [POLICYSITE_SITE_URL, '']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8")
    monkeypatch.delenv("POLICYSITE_SITE_URL", raising=False)
    assert site_url_from_mkdocs(tmp_path) == ""
    monkeypatch.setenv("POLICYSITE_SITE_URL", "https://example.org/")
    assert site_url_from_mkdocs(tmp_path) == "https://example.org/"
    assert site_url_from_mkdocs(tmp_path / "missing") == ""


# ---------------------------------------------------------------- hostile text and roles

SCRIPT = '<script>alert("x")</script>'
FORMULA = "=cmd|' /C calc'!A0"
MESSY = 'a "quoted", comma,\nnew line & <b>'


def _hostile_dataset(root: Path, mode: str | None = "lead_first") -> Dataset:
    region = Region.model_validate({
        "id": "x", "name": f"{SCRIPT}市", "level": "prefecture", "parent": None,
        "code": "620300", "organisations": [
            {"id": "a", "name": "+甲单位", "kind": "government_department"},
            {"id": "b", "name": "@乙单位", "kind": "mass_organisation", "aliases": ["-乙"]},
            {"id": "c", "name": MESSY, "kind": "other"},
        ]})
    responsibility = {"printed": f"（{FORMULA}）", "organisations": ["+甲单位", "-乙", MESSY,
                                                                  "不在登记册"]}
    if mode:
        responsibility["mode"] = mode
    commitment = {"quote": MESSY, "what": FORMULA, "value": -5, "unit": "=1+1",
                  "deadline": "2027-12-31", "overall": True}
    plan = Plan.model_validate({
        "id": "p", "title": f"{SCRIPT}\x0b方案", "responsibility_mode": "shared",
        "document": {"number": "=号", "notice_title": SCRIPT, "addressees": MESSY,
                     "notice": [MESSY], "signatory": f"{SCRIPT}办公室",
                     "date_written": "2026-04-02", "printer": "p", "date_issued": "2026-04-03"},
        "body": [{"kind": "part", "label": "一、", "title": MESSY, "children": [
            {"kind": "action", "label": "（一）", "title": FORMULA, "summary": SCRIPT,
             "paragraphs": [{"text": MESSY}], "responsibility": responsibility,
             "commitments": [commitment], "themes": ["t"], "audiences": ["u"],
             "children": [{"kind": "measure", "paragraphs": [{"text": "@措施", "responsibility": {
                 "printed": "（@乙单位）", "organisations": ["@乙单位"]}}]}]},
        ]}],
        "commitments": [commitment],
        "source_sha256": "0" * 64,  # no source.txt: the dataset is built in memory
    })
    folder = root / "regions" / "x" / "plans" / "p"
    return Dataset(
        root=root, regions={"x": region},
        plans=[LoadedPlan("x", plan, folder, "plan.yaml", Located(data=None), None)],
        themes=Vocabulary(terms=[{"id": "t", "name": FORMULA, "description": MESSY}]),
        audiences=Vocabulary(terms=[{"id": "u", "name": SCRIPT, "description": MESSY}]),
        glossary=Glossary(entries=[{"term": SCRIPT, "explanation": MESSY}]),
    )


def test_spreadsheet_safe_neutralises_formulas_only_in_text() -> None:
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", FORMULA):
        assert spreadsheet_safe(dangerous) == "'" + dangerous
    assert spreadsheet_safe("市人社局") == "市人社局"
    assert spreadsheet_safe(-5.0) == "-5"  # a number the exporter formats stays a number
    assert spreadsheet_safe(1.5) == "1.5"
    assert spreadsheet_safe(None) == ""
    assert spreadsheet_safe(True) == "是"


def test_hostile_text_round_trips_safely(tmp_path: Path) -> None:
    dataset = _hostile_dataset(tmp_path)
    out = tmp_path / "out"
    files = write_exports(dataset, out, site_url="")
    assert files == write_exports(dataset, tmp_path / "again", site_url="")

    record = json.loads((out / "data" / "x" / "p.json").read_text(encoding="utf-8"))
    assert list(_validator().iter_errors(record)) == []
    assert record["body"][0]["title"] == MESSY  # JSON keeps the text exactly
    assert record["commitments"][0]["what"] == FORMULA

    rows = _csv(out / "data" / "x" / "p-commitments.csv")
    assert len(rows) == 3  # header, the plan-level and the action's commitment
    row = dict(zip(rows[0], rows[2], strict=True))
    assert row["承诺内容"] == "'" + FORMULA
    assert row["原文"] == MESSY
    assert row["计量单位"] == "'=1+1"
    assert row["数值"] == "-5"
    actions = _csv(out / "data" / "x" / "p-actions.csv")
    action = dict(zip(actions[0], actions[1], strict=True))
    assert action["标题"] == "'" + FORMULA
    assert action["通俗说明"] == SCRIPT
    assert MESSY in action["原文"]
    for path in (out / "data" / "x").glob("*.csv"):
        for cells in _csv(path):
            text_cells = [cell for cell in cells if not _is_number(cell)]
            assert not any(c.startswith(("=", "+", "-", "@")) for c in text_cells), path

    feed = ET.parse(out / "feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == f"{SCRIPT}方案"  # escaped text, control char gone
    assert entry.find(f"{ATOM}title/*") is None
    assert b"<script>" not in (out / "feed.xml").read_bytes()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_roles_follow_the_responsibility_mode(tmp_path: Path) -> None:
    rows = _csv_rows(tmp_path, "lead_first")
    assert [(r["单位"], r["角色"]) for r in rows[:4]] == [
        ("'+甲单位", "牵头单位"), ("'-乙", "配合单位"), (MESSY, "配合单位"), ("不在登记册", "配合单位")]
    assert rows[0]["单位编号"] == "a" and rows[1]["单位编号"] == "b"
    assert rows[3]["单位编号"] == "" and rows[3]["单位类别"] == ""  # not in the registry
    assert rows[4]["角色"] == "共同负责"  # the measure's own bracket: plan default, shared
    assert {r["角色"] for r in _csv_rows(tmp_path / "shared", "shared")} == {"共同负责"}
    assert {r["角色"] for r in _csv_rows(tmp_path / "default", None)} == {"共同负责"}


def _csv_rows(root: Path, mode: str | None) -> list[dict[str, str]]:
    write_exports(_hostile_dataset(root, mode), root / "out", site_url="")
    rows = _csv(root / "out" / "data" / "x" / "p-responsibilities.csv")
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_feed_dates_fall_back_to_the_issue_date_without_git_history(tmp_path: Path) -> None:
    write_exports(_hostile_dataset(tmp_path), tmp_path / "out", site_url="")
    entry = ET.parse(tmp_path / "out" / "feed.xml").getroot().find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") == "2026-04-03T00:00:00+08:00"
    assert entry.findtext(f"{ATOM}published") == "2026-04-03T00:00:00+08:00"
