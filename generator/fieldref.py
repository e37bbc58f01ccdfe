"""The field reference of the staff guide, generated from the JSON Schemas so it never drifts.

Layout, chosen for screen readers and for 320 px wide screens (WCAG 1.4.10 Reflow):
- a heading per kind of file (h2) and per object (h3), so the H key and the headings list jump
  straight to "发文信息" or "承诺";
- one list item per field, read as one sentence: name, type, required or not, then the
  explanation. A four-column table would make a screen reader announce row and column for
  every cell of what is really one sentence, and at 320 px it either scrolls sideways or
  squeezes the explanation into a column a few characters wide. Definition lists (<dl>) are
  announced inconsistently by Chinese screen readers and need a Markdown extension; a plain
  list is announced everywhere with its item count ("列表，共 12 项").

The lists are emitted as HTML blocks, which Markdown passes through untouched, so escaping the
text with html.escape is complete: nothing in a description can become Markdown syntax.
"""

from __future__ import annotations

import html
from pathlib import Path

from generator.fieldtypes import SLUG_PATTERN
from generator.schema import CODE_PATTERN, MODEL_TEXT, MODELS, schemas

# The files each schema describes, in the order staff meet them.
_KINDS = (
    ("plan", "plan.yaml"),
    ("region", "region.yaml"),
    ("vocabulary", "themes.yaml、audiences.yaml"),
    ("glossary", "glossary.yaml"),
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _code(text: object) -> str:
    return f"<code>{_e(text)}</code>"


def _literal(value: object) -> str:
    """A default or enum value as staff would type it in YAML."""
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _def_title(ref: str, definitions: dict) -> str:
    return definitions[ref.rsplit("/", 1)[-1]]["title"]


def type_words(node: dict, definitions: dict) -> str:
    """A field's type in Chinese words, as HTML."""
    if "$ref" in node:
        return f"一组字段，见“{_e(_def_title(node['$ref'], definitions))}”"
    if "enum" in node:
        return "取值之一：" + "、".join(_code(_literal(v)) for v in node["enum"] if v is not None)
    if "anyOf" in node:
        alternatives = [a for a in node["anyOf"] if a.get("type") != "null"]
        if any("pattern" in a for a in alternatives):
            # The integer alternative only records that the loader reads digits as text.
            alternatives = [a for a in alternatives if a.get("type") != "integer"]
        words: list[str] = []
        for alternative in alternatives:
            word = type_words(alternative, definitions)
            if word not in words:
                words.append(word)
        return "或".join(words)
    kind = node.get("type")
    if kind == "array":
        return f"列表，每项为{type_words(node.get('items', {}), definitions)}"
    if node.get("format") == "date":
        return "日期，写成 2026-04-02"
    if node.get("pattern") == SLUG_PATTERN:
        return "id（小写英文字母、数字和连字符）"
    if node.get("pattern") == CODE_PATTERN:
        return "六位数字"
    return {"integer": "整数", "number": "数字", "boolean": "true 或 false"}.get(
        kind if isinstance(kind, str) else "string", "文字")


def _requirement(name: str, node: dict, required: list[str], conditional: dict[str, str]) -> str:
    if name in required:
        return "必填"
    if name in conditional:  # required in some cases only (the schema's "if … then")
        return conditional[name]
    default = node.get("default")
    if default is None or default == []:
        return "选填"
    return f"选填，不填时为 {_code(_literal(default))}"


def _field_item(name: str, node: dict, required: list[str], conditional: dict[str, str],
                definitions: dict) -> str:
    requirement = _requirement(name, node, required, conditional)
    return (f"<li>{_code(name)}（{type_words(node, definitions)}；"
            f"{requirement}）：{_e(node['description'])}</li>")


def _conditions(name: str, node: dict, top: dict) -> dict[str, str]:
    """Field → requirement in words, for fields the schema requires only in some cases: an
    action's (Node's own "then"), and a whole document's notice (the plan's "then")."""
    if name == "Node":
        return dict.fromkeys(node.get("then", {}).get("required", []),
                             "行动（kind: action）必填，其他条目选填")
    if name == "Document":
        document = top.get("then", {}).get("properties", {}).get("document", {})
        return dict.fromkeys(document.get("required", []),
                             "完整的文件必填，节选（excerpt）中没有时不填")
    if name == "Plan":
        return dict.fromkeys(top.get("then", {}).get("required", []),
                             "完整的文件必填，节选（excerpt）中没有印发通知时不填")
    return {}


def _object_section(title: str, where: str, node: dict, definitions: dict, level: int,
                    conditional: dict[str, str]) -> str:
    items = [_field_item(name, prop, node.get("required", []), conditional, definitions)
             for name, prop in node["properties"].items()]
    return "\n".join([
        f"{'#' * level} {_e(title)}",
        "",
        f"<p>{_e(node['description'])}{_e(where)}</p>",
        "",
        "<ul>",
        *items,
        "</ul>",
        "",
    ])


def _references(node: dict) -> list[tuple[str, str]]:
    """(field name, definition name) for each object a schema node's fields point to."""
    found: list[tuple[str, str]] = []

    def visit(field: str, value: object) -> None:
        if isinstance(value, dict):
            if "$ref" in value:
                found.append((field, value["$ref"].rsplit("/", 1)[-1]))
            for key, child in value.items():
                if key != "$ref":
                    visit(field, child)
        elif isinstance(value, list):
            for child in value:
                visit(field, child)

    for field, prop in node.get("properties", {}).items():
        visit(field, prop)
    return found


def _objects_in_order(schema: dict) -> list[tuple[str, list[str]]]:
    """Definitions breadth-first from the top, each with the fields that lead to it."""
    definitions = schema.get("$defs", {})
    order: list[str] = []
    fields: dict[str, list[str]] = {}
    queue = [schema]
    while queue:
        for field, name in _references(queue.pop(0)):
            if field not in fields.setdefault(name, []):
                fields[name].append(field)
            if name not in order:
                order.append(name)
                queue.append(definitions[name])
    return [(name, fields[name]) for name in order]


def _kind_section(kind: str, files: str, schema: dict, level: int) -> str:
    definitions = schema.get("$defs", {})
    title = MODEL_TEXT[MODELS[kind].__name__][0]
    parts = [f"{'#' * level} {_e(files)}", "",
             _object_section(title, "", schema, definitions, level + 1,
                             _conditions(MODELS[kind].__name__, schema, schema))]
    for name, via in _objects_in_order(schema):
        where = "写在字段 " + "、".join(via) + " 下。"
        section_title = f"{MODEL_TEXT[name][0]}（{'、'.join(via)}）"
        parts.append(_object_section(section_title, where, definitions[name], definitions,
                                     level + 1, _conditions(name, definitions[name], schema)))
    return "\n".join(parts)


def field_reference_markdown(heading_level: int = 2, root: Path | None = None) -> str:
    """The field reference as Markdown (headings) with HTML lists; Chinese; deterministic.
    With the project's root, theme and audience ids are listed from its vocabularies."""
    all_schemas = schemas(root)
    intro = ("<p>下面按文件列出每个字段。每个字段一项，依次是：字段名、类型、是否必填，"
             "然后是说明。编辑器（装有 YAML 插件的 VS Code）在输入时也会显示同样的说明。</p>")
    sections = [_kind_section(kind, files, all_schemas[kind], heading_level)
                for kind, files in _KINDS]
    return "\n".join([intro, "", *sections]).rstrip("\n") + "\n"


# The guide links to the field reference as fields.md beside it: the page is committed in the
# source tree (written by `policysite schema`) so the link works there too, and every build
# writes it afresh.
FIELDS_PAGE = "content/guide/fields.md"


def fields_page(root: Path) -> str:
    """The whole field reference page of the staff guide, front matter included."""
    return ("---\ntitle: 字段说明\nhtml_title: 字段说明 - 维护指南 - 残疾人就业行动方案\n"
            "hide: [toc]\n---\n\n<!-- 由 policysite schema 根据数据模型生成，不要手工修改。 -->\n\n"
            "# 字段说明 {#fields}\n\n" + field_reference_markdown(root=root))
