"""JSON Schemas for the YAML files staff edit, derived from the pydantic model.

Editors (VS Code with the YAML extension, via the `# yaml-language-server: $schema=…` line at
the top of every data file) use them to complete keys and flag mistakes while staff type. They
are committed under schema/ so editors find them without running anything; `policysite schema`
regenerates them and a test fails when the committed copies drift from the model.

The pydantic output is adjusted in three ways:
- titles and descriptions are Chinese (pydantic's automatic titles are English field names);
- wherever the model wants text, the schema also accepts what YAML reads as a number, because
  our loader (generator/yamlload.py) keeps every scalar as text: `id: 2023` and `label: 7.` are
  accepted by `policysite validate`, so the editor must not underline them either;
- the meaning of each organisation kind is spelled out, since the model only has code comments.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from generator.fieldtypes import SLUG_PATTERN
from generator.labels import ORGANISATION_KINDS
from generator.model import NOTICE_ELEMENTS, Glossary, Plan, Region, Vocabulary
from generator.modelerrors import validate_model
from generator.yamlload import load_yaml

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"
CODE_PATTERN = r"^[1-9][0-9]{5}$"

# Which model each kind of file follows, and the schema file that describes it.
MODELS: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "region": Region,
    "vocabulary": Vocabulary,
    "glossary": Glossary,
}

# Chinese title and description of every model, shown in the editor and the field reference.
MODEL_TEXT: dict[str, tuple[str, str]] = {
    "Plan": ("方案（plan.yaml）",
             "一个方案的全部数据：发文信息、正文层级、责任单位和承诺。"
             "文件位置：regions/<地区id>/plans/<方案id>/plan.yaml，原文放在同一文件夹的 source.txt。"),
    "Region": ("地区（region.yaml）",
               "一个地区的基本信息和单位登记册。文件位置：regions/<地区id>/region.yaml。"),
    "Vocabulary": ("词表（themes.yaml、audiences.yaml）",
                   "所有地区共用的一套分类：regions/themes.yaml 是主题，"
                   "regions/audiences.yaml 是面向人群。"),
    "Glossary": ("术语表（glossary.yaml）",
                 "文件中常见的缩略语和政策术语的通俗解释：regions/glossary.yaml。"),
    "Term": ("词表中的一项", "一个主题或一类人群：id、中文名称和说明。"),
    "GlossaryEntry": ("术语", "一个缩略语或政策术语及其解释。"),
    "Organisation": ("单位", "登记册中的一个单位。同一单位在文件中的不同印法写在 aliases 里。"),
    "Correction": ("更正",
                   "对原文文本抽取错误（如 PDF 转文字产生的错字、多余字符）的一处更正。"
                   "文件本身的文字一律照录，不得更正。"),
    "Period": ("实施期", "方案实施的起止年份。"),
    "Status": ("状态", "方案被取代或废止时填写。"),
    "Excerpt": ("节选", "只收到文件的一部分时，说明收录了什么、缺了什么。网站的方案页、全文页和"
                "导出数据都会写明这不是全文。"),
    "Document": ("发文信息",
                 "公文的版头、主体和版记各要素（GB/T 9704-2012），一律照原文录入。"),
    "Citation": ("引用的文件", "方案中引用的一份文件。"),
    "Responsibility": ("责任单位", "印出的责任单位文字，以及从中读出的各单位。"),
    "Commitment": ("承诺", "一项量化或有期限的承诺。"),
    "ProgressReport": ("落实情况报告",
                       "一份公开报告中关于这项承诺落实情况的记载：日期、状态、原话和出处。"
                       "只录入公开发布的报告，原话逐字照录。"),
    "ReportSource": ("报告出处", "落实情况报告出自哪份公开文件：标题、发布机关、字号、网址、原文文件。"),
    "Paragraph": ("段落", "正文中的一段，以及段末印出的责任单位。"),
    "Node": ("条目",
             "正文中的一个条目：部分、任务分组、行动、措施或其他条目，可以层层嵌套。"),
}

# Fields the model leaves without a description (the object's own description says it all there).
EXTRA_FIELD_TEXT: dict[tuple[str, str], str] = {}

# YAML file name → schema kind, for the modeline each data file starts with.
FILE_KINDS = {
    "plan.yaml": "plan",
    "region.yaml": "region",
    "themes.yaml": "vocabulary",
    "audiences.yaml": "vocabulary",
    "glossary.yaml": "glossary",
}


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def modeline(yaml_path: Path, root: Path) -> str:
    """The first line of a data file: tells the editor which schema applies, relative to it."""
    kind = FILE_KINDS[yaml_path.name]
    target = root / SCHEMA_DIR / schema_file_name(kind)
    relative = os.path.relpath(target, yaml_path.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}"


# ---------------------------------------------------------------- adjusting pydantic's output

_ANNOTATIONS = ("description", "default", "title")


def _number_form(pattern: str | None) -> dict | bool | None:
    """What a plain YAML number may stand for where the model wants text with this pattern.

    True: any number (free text). A schema: integers that the pattern accepts. None: no number.
    """
    if pattern is None:
        return True
    if pattern == SLUG_PATTERN:
        return {"type": "integer", "minimum": 0}
    if pattern == CODE_PATTERN:
        return {"type": "integer", "minimum": 100000, "maximum": 999999}
    return None


def _loosen(node: dict) -> dict:
    """Accept plain numbers wherever the loader would read them as the text the model wants."""
    node = dict(node)
    if "items" in node:
        node["items"] = _loosen(node["items"])
    if "anyOf" in node:
        alternatives: list[dict] = []
        for item in node["anyOf"]:
            loosened = _loosen(item)
            if set(loosened) - set(_ANNOTATIONS) == {"anyOf"}:
                alternatives.extend(loosened["anyOf"])  # flatten: outer node keeps the text
            else:
                alternatives.append(loosened)
        node["anyOf"] = alternatives
    if node.get("type") == "string" and "enum" not in node and "format" not in node:
        number = _number_form(node.get("pattern"))
        if number is True:
            node["type"] = ["string", "number"]
        elif isinstance(number, dict):
            annotations = {key: node.pop(key) for key in _ANNOTATIONS if key in node}
            node = {**annotations, "anyOf": [node, number]}
    return node


def _kind_text(description: str) -> str:
    values = "；".join(
        f"{value}：{label}" + (f"（{examples}）" if examples else "")
        for value, (label, examples) in ORGANISATION_KINDS.items()
    )
    return f"{description}可填：{values}。"


def _tidy_object(name: str, node: dict) -> dict:
    title, description = MODEL_TEXT[name]
    node = {**node, "title": title, "description": description}
    properties = {}
    for field, prop in node.get("properties", {}).items():
        prop = {key: value for key, value in prop.items() if key != "title"}
        prop.setdefault("description", EXTRA_FIELD_TEXT.get((name, field), ""))
        if not prop["description"]:
            raise ValueError(f"{name}.{field} has no description")
        if name == "Organisation" and field == "kind":
            prop["description"] = _kind_text(prop["description"])
        properties[field] = _loosen(prop)
    node["properties"] = properties
    return node


# What an action must have beyond any node (checks.Checker.check_action_fields), so the
# editor flags it and the field reference says so.
ACTION_REQUIRED = ("title", "summary", "themes", "audiences")


def _node_rules(node: dict, vocabularies: dict[str, list[str]]) -> dict:
    """Node: theme and audience ids from the current vocabularies, and an action's musts."""
    properties = dict(node["properties"])
    for field, ids in vocabularies.items():
        if ids and field in properties:
            items = {"type": "string", "enum": ids}
            properties[field] = {**properties[field], "items": items}
    return {**node, "properties": properties,
            "if": {"properties": {"kind": {"const": "action"}}, "required": ["kind"]},
            "then": {"required": list(ACTION_REQUIRED),
                     "properties": {"themes": {"minItems": 1}, "audiences": {"minItems": 1}}}}


def model_schema(model: type[BaseModel], vocabularies: dict[str, list[str]] | None = None) -> dict:
    """One model's JSON Schema (draft 2020-12) with Chinese titles and loader-aware types."""
    raw = model.model_json_schema()
    definitions = raw.pop("$defs", {})
    schema = {"$schema": JSON_SCHEMA_DIALECT, **_tidy_object(model.__name__, raw)}
    if model is Plan:  # a whole document has its cover notice; only an excerpt may lack it
        schema["if"] = {"not": {"required": ["excerpt"]}}
        schema["then"] = {"required": ["document"], "properties": {"document": {
            "required": list(NOTICE_ELEMENTS), "properties": {"notice": {"minItems": 1}}}}}
    if definitions:
        schema["$defs"] = {name: _tidy_object(name, value) for name, value in definitions.items()}
        if "Node" in schema["$defs"]:
            schema["$defs"]["Node"] = _node_rules(schema["$defs"]["Node"], vocabularies or {})
    return schema


def vocabulary_ids(root: Path) -> dict[str, list[str]]:
    """Node field → the ids in regions/themes.yaml and regions/audiences.yaml under root, in
    their order ([] for a file that is missing or invalid: validate reports it)."""
    found: dict[str, list[str]] = {}
    for field in ("themes", "audiences"):
        path = root / "regions" / f"{field}.yaml"
        located = load_yaml(path, path.name)[0] if path.is_file() else None
        vocabulary = validate_model(Vocabulary, located, path.name)[0] if located else None
        found[field] = [term.id for term in vocabulary.terms] if vocabulary else []
    return found


def schemas(root: Path | None = None) -> dict[str, dict]:
    """The schema of each kind of data file: plan, region, vocabulary, glossary. With the
    project's root, theme and audience ids are listed from its vocabularies."""
    vocabularies = vocabulary_ids(root) if root else {}
    return {kind: model_schema(model, vocabularies) for kind, model in MODELS.items()}


def field_descriptions() -> dict[tuple[str, str], str]:
    """(model class name, field name) → the Chinese description staff see for that field."""
    found: dict[tuple[str, str], str] = {}
    for kind, schema in schemas().items():
        objects = {MODELS[kind].__name__: schema, **schema.get("$defs", {})}
        for name, node in objects.items():
            for field, prop in node["properties"].items():
                found[(name, field)] = prop["description"]
    return found


# ---------------------------------------------------------------- files


def render(schema: dict) -> str:
    """Stable text: sorted keys, Chinese kept readable, one trailing newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
