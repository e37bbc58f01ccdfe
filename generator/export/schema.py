"""The JSON Schemas we publish: the export format's, generated from the record models like the
input schemas are generated from the input model, and the files under schema/ and data/schema/.

This module depends on generator.schema, never the other way round.
"""

from __future__ import annotations

from pathlib import Path

from pydantic.json_schema import models_json_schema

from generator.export.records import DatasetRecord, PlanRecord
from generator.schema import JSON_SCHEMA_DIALECT, SCHEMA_DIR, render, schema_file_name, schemas

EXPORT_TITLE = "残疾人就业行动方案导出数据"
EXPORT_DESCRIPTION = ("data/all.json（format 为 policysite-dataset）和 data/<地区>/<方案>.json"
                      "（format 为 policysite-plan）的结构。日期为 ISO 8601 格式（2026-04-02）。")


def _tidy(node: object) -> object:
    """Drop pydantic's English titles; join a description's wrapped lines (Chinese has no
    spaces between words, so a line break in a docstring is no break in the text)."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidied = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str):
            value = "".join(line.strip() for line in value.splitlines())
        tidied[key] = _tidy(value)
    if "properties" in node:  # field names are data, not keywords: keep them all
        tidied["properties"] = {name: _tidy(prop) for name, prop in node["properties"].items()}
    return tidied


def export_schema() -> dict:
    """JSON Schema of data/all.json and data/<region>/<plan>.json."""
    top, definitions = models_json_schema(
        [(PlanRecord, "validation"), (DatasetRecord, "validation")],
        ref_template="#/$defs/{model}")
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": EXPORT_TITLE,
        "description": EXPORT_DESCRIPTION,
        "oneOf": [top[(PlanRecord, "validation")], top[(DatasetRecord, "validation")]],
        "$defs": dict(sorted(_tidy(definitions["$defs"]).items())),
    }


def schema_files(root: Path) -> dict[str, str]:
    """File name → content for everything under schema/, including the export format."""
    files = {schema_file_name(kind): render(schema) for kind, schema in schemas(root).items()}
    files[schema_file_name("export")] = render(export_schema())
    return dict(sorted(files.items()))


def write_schemas(root: Path) -> list[Path]:
    """Write schema/*.schema.json under root; returns the paths written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files(root).items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
