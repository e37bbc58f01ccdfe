"""The JSON Schemas editors use, and the field reference generated from them.

The schemas are committed (editors read them from disk) and must match the model; every real
data file must validate against its schema, and name it on its first line.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.export import schema_files, write_schemas
from generator.fieldref import field_reference_markdown
from generator.model import Glossary, Plan, Region, Vocabulary
from generator.schema import (
    FILE_KINDS,
    MODELS,
    field_descriptions,
    model_schema,
    modeline,
    schemas,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
REGIONS = REPO_ROOT / "regions"
DATA_FILES = sorted(REGIONS.rglob("*.yaml"))
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _plain(value: object) -> object:
    """yaml.safe_load's dates back to the ISO text staff typed (JSON has no date type)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = schemas()[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _errors(kind: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator(kind).iter_errors(data)]


def _load(path: Path) -> object:
    return _plain(yaml.safe_load(path.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- committed files


def test_committed_schemas_match_the_model() -> None:
    for name, text in schema_files(REPO_ROOT).items():
        path = REPO_ROOT / "schema" / name
        assert path.is_file(), f"schema/{name} is missing: run `policysite schema` and commit it"
        assert path.read_text(encoding="utf-8") == text, (
            f"schema/{name} is out of date with generator/model.py: "
            "run `policysite schema` and commit the result"
        )


def test_write_schemas_is_stable(tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_schemas(tmp_path)}
    second = {p.name: p.read_bytes() for p in write_schemas(tmp_path)}
    assert first == second
    assert sorted(first) == ["export.schema.json", "glossary.schema.json", "plan.schema.json",
                             "region.schema.json", "vocabulary.schema.json"]
    for content in first.values():
        assert content.endswith(b"}\n") and not content.endswith(b"\n\n")
        assert CHINESE.search(content.decode("utf-8"))  # ensure_ascii=False: readable


def test_schemas_are_valid_draft_2020_12() -> None:
    for kind, schema in schemas().items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", kind
        assert "$id" not in schema
        jsonschema.Draft202012Validator.check_schema(schema)


def test_titles_and_descriptions_are_chinese() -> None:
    for kind, schema in schemas().items():
        objects = {kind: schema, **schema.get("$defs", {})}
        for name, node in objects.items():
            assert CHINESE.search(node["title"]), name
            assert CHINESE.search(node["description"]), name
            for field, prop in node["properties"].items():
                assert "title" not in prop, f"{name}.{field} keeps pydantic's English title"
                assert CHINESE.search(prop["description"]), f"{name}.{field}"


# ---------------------------------------------------------------- the real data


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(REGIONS).as_posix())
def test_every_data_file_validates_against_its_schema(path: Path) -> None:
    assert _errors(FILE_KINDS[path.name], _load(path)) == []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(REGIONS).as_posix())
def test_every_data_file_names_its_schema_on_the_first_line(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == modeline(path, REPO_ROOT)
    target = first_line.removeprefix("# yaml-language-server: $schema=")
    resolved = (path.parent / target).resolve()
    assert resolved == (REPO_ROOT / "schema" / f"{FILE_KINDS[path.name]}.schema.json").resolve()
    assert resolved.is_file()


def test_the_data_covers_every_kind_of_file() -> None:
    assert {FILE_KINDS[p.name] for p in DATA_FILES} == set(MODELS)


# ---------------------------------------------------------------- what staff type


def _yangquan() -> dict:
    return _load(REGIONS / "yangquan" / "plans" / "2023" / "plan.yaml")


def test_numbers_typed_where_text_is_wanted_are_accepted_like_the_loader_does() -> None:
    # The loader keeps `id: 2023` and `label: 7.` as the text "2023" and "7."; an editor reads
    # them as numbers, and must not underline what `policysite validate` accepts.
    plan = _yangquan()
    plan["id"] = 2023
    plan["body"][0]["label"] = 7.0
    assert _errors("plan", plan) == []
    region = _load(REGIONS / "jinchang" / "region.yaml")
    region["code"] = 620300
    assert _errors("region", region) == []


def test_the_schema_still_catches_real_mistakes() -> None:
    plan = _yangquan()
    plan["titel"] = "拼错的字段"
    plan["id"] = "Yangquan 2023"
    plan["document"]["date_issued"] = "2023-02-30"
    plan["body"][0]["kind"] = "chapter"
    plan["responsibility_mode"] = "lead"
    errors = _errors("plan", plan)
    assert len(errors) == 5, errors
    region = _load(REGIONS / "jinchang" / "region.yaml")
    region["code"] = 62030
    region["id"] = -1
    assert len(_errors("region", region)) == 2


def test_organisation_kinds_are_explained() -> None:
    text = field_descriptions()[("Organisation", "kind")]
    for kind in Region.model_json_schema()["$defs"]["Organisation"]["properties"]["kind"]["enum"]:
        assert kind in text


def test_every_model_field_has_a_description() -> None:
    descriptions = field_descriptions()
    for model in (Plan, Region, Vocabulary, Glossary):
        schema = model_schema(model)
        for name, node in {model.__name__: schema, **schema.get("$defs", {})}.items():
            for field in node["properties"]:
                assert descriptions[(name, field)]


# ---------------------------------------------------------------- field reference


def test_field_reference_is_deterministic_and_complete() -> None:
    text = field_reference_markdown()
    assert text == field_reference_markdown()
    assert text.endswith("\n") and not text.endswith("\n\n")
    for (model, field), description in field_descriptions().items():
        assert f"<code>{field}</code>" in text, (model, field)
        assert html.escape(description, quote=True) in text, (model, field)


def test_field_reference_structure() -> None:
    text = field_reference_markdown(heading_level=2)
    assert re.findall(r"^## (.+)$", text, re.M) == [
        "plan.yaml", "region.yaml", "themes.yaml、audiences.yaml", "glossary.yaml"]
    assert "### 条目（body、children）" in text
    assert "### 发文信息（document）" in text
    # Every list item is one field: name, then type and requirement, then the explanation.
    items = re.findall(r"^<li>.*</li>$", text, re.M)
    assert len(items) == sum(1 for line in text.splitlines() if line.startswith("<li>"))
    assert all(re.match(r"<li><code>[a-z0-9_]+</code>（.+；(必填|选填|行动（kind: action）必填|完整的文件必填).*）：.+</li>", i)
               for i in items)
    # What checks require of an action is marked so, not as optional.
    for field in ("summary", "themes", "audiences"):
        item = next(i for i in items if i.startswith(f"<li><code>{field}</code>"))
        assert "行动（kind: action）必填" in item, item
    shifted = field_reference_markdown(heading_level=3)
    assert "#### 发文信息（document）" in shifted


def test_field_reference_escapes_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import fieldref

    hostile = '<script>alert("x")</script> & *强调* [链接](javascript:x)'
    original = fieldref.schemas

    def poisoned(root: Path | None = None) -> dict:
        found = original(root)
        found["glossary"]["$defs"]["GlossaryEntry"]["properties"]["term"]["description"] = hostile
        return found

    monkeypatch.setattr(fieldref, "schemas", poisoned)
    text = fieldref.field_reference_markdown()
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in text
    # The description sits inside an HTML block, where Markdown does not parse * or [ ]( ).
    line = next(line for line in text.splitlines() if "&lt;script&gt;" in line)
    assert line.startswith("<li>") and line.endswith("</li>")


def test_theme_and_audience_ids_are_listed_from_the_vocabularies() -> None:
    node = schemas(REPO_ROOT)["plan"]["$defs"]["Node"]["properties"]
    for field in ("themes", "audiences"):
        vocabulary = yaml.safe_load((REPO_ROOT / "regions" / f"{field}.yaml").read_text("utf-8"))
        assert node[field]["items"]["enum"] == [term["id"] for term in vocabulary["terms"]]
    errors = _errors_in(schemas(REPO_ROOT)["plan"], "themes", "pubic-sector")
    assert errors, "a misspelt theme id must be flagged in the editor"


def _errors_in(schema: dict, field: str, value: str) -> list[str]:
    """Errors of a minimal plan whose one action has `value` as its only `field` id."""
    action = {"kind": "action", "label": "一、", "title": "标题", "summary": "说明",
              "themes": ["public-sector"], "audiences": ["job-seekers"],
              "paragraphs": [{"text": "正文。"}]}
    action[field] = [value]
    plan = {"id": "x", "title": "标题", "source_sha256": "0" * 64, "document": {
        "notice_title": "通知", "addressees": "各单位", "notice": ["正文"], "signatory": "某某",
        "date_written": "2026-01-01"}, "body": [action]}
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(plan)]


def test_an_action_without_themes_is_flagged_in_the_editor() -> None:
    schema = schemas(REPO_ROOT)["plan"]
    assert _errors_in(schema, "themes", "public-sector") == []
    action = {"kind": "action", "label": "一、", "title": "标题", "paragraphs": []}
    plan = {"id": "x", "title": "标题", "source_sha256": "0" * 64, "document": {
        "notice_title": "通知", "addressees": "各单位", "notice": ["正文"], "signatory": "某某",
        "date_written": "2026-01-01"}, "body": [action]}
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(plan)]
    assert any("summary" in m for m in messages) and any("themes" in m for m in messages)
    # An item needs none of them.
    plan["body"] = [{"kind": "item", "paragraphs": [{"text": "正文。"}]}]
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(plan)) == []


def test_the_field_reference_in_the_source_tree_is_current() -> None:
    from generator.fieldref import FIELDS_PAGE, fields_page

    page = REPO_ROOT / FIELDS_PAGE
    assert page.is_file(), f"{FIELDS_PAGE} is missing: run `policysite schema` and commit it"
    assert page.read_text(encoding="utf-8") == fields_page(REPO_ROOT), (
        f"{FIELDS_PAGE} is out of date: run `policysite schema` and commit it")
