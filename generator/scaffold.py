"""`policysite new-region` and `new-plan`: start a data file that explains itself.

The file is rendered from the model: every field gets a Chinese comment above it (the same text
the editor shows, from generator/schema.py), required fields get a value, and optional fields
get a commented-out example that becomes valid YAML when the leading "# " is removed. Because
it walks the model, a field added to the model appears in new files without touching this
module.

The plan skeleton passes model validation on purpose, so the editor and `policysite validate`
work from the first minute; its placeholders are marked 【待填写】 and the fidelity check fails
until the original text is pasted into source.txt and the placeholders are replaced.

Exit codes: 0 created; 1 refused (the file exists, or the region does not); 2 invalid argument.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tempfile
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from generator.fieldtypes import SLUG_PATTERN
from generator.model import Plan, Region
from generator.modelerrors import validate_model
from generator.projectfile import sha256_hex
from generator.schema import field_descriptions, modeline
from generator.yamlload import load_yaml

OK, REFUSED, INVALID = 0, 1, 2
TODO = "【待填写】"
_INDENT = 2

# A progress report (落实情况), shown inside the commitment examples; the guide's
# content/guide/progress.md walks through finding and quoting one.
_PROGRESS_EXAMPLE = {
    "date": dt.date(2026, 12, 20), "status": "进行中",
    "quote": f"{TODO}报告中说明这项承诺落实情况的原话",
    "source": {"title": "××市残疾人联合会2026年工作总结", "issuer": "××市残疾人联合会",
               "number": "××残联发〔2026〕1号", "url": "https://www.example.gov.cn/report.html",
               "file": "reports/2026-work-summary.txt"},
}

# Commented-out examples for optional fields, as (model, field) → value. Nested objects are
# dicts; an example of a list holds one item. Fields without an example get only their comment.
EXAMPLES: dict[tuple[str, str], object] = {
    ("Region", "parent"): "gansu",
    ("Region", "organisations"): [{
        "id": "renshe", "name": "市人社局", "full_name": "××市人力资源和社会保障局",
        "kind": "government_department", "aliases": ["市人力资源社会保障局"],
    }],
    ("Organisation", "full_name"): "××市人力资源和社会保障局",
    ("Organisation", "aliases"): ["市人力资源社会保障局"],
    ("Plan", "period"): {"start": 2025, "end": 2027},
    ("Plan", "valid_until"): dt.date(2027, 12, 31),
    ("Plan", "status"): {"superseded_by": "gansu/2025-2027", "repealed": dt.date(2025, 6, 30),
                         "note": "已被新方案取代"},
    ("Plan", "approval"): "已经市政府同意",
    ("Plan", "citations"): [{"title": "促进残疾人就业三年行动方案（2025—2027年）",
                             "number": "国办发〔2025〕23号",
                             "quote": "《促进残疾人就业三年行动方案（2025—2027年）》（国办发〔2025〕23号）"}],
    ("Plan", "closing"): [f"{TODO}正文后不带序号的结束段落"],
    ("Plan", "commitments"): [{
        "quote": f"{TODO}引言或结束段落中含有承诺的原文", "what": "承诺的内容",
        "comparator": "不少于", "value": 1000, "unit": "人", "frequency": "每年",
        "deadline": dt.date(2027, 12, 31), "deadline_printed": "2027年底前",
        "binds": "全市", "overall": True, "progress": [_PROGRESS_EXAMPLE],
    }],
    ("Plan", "corrections"): [{"find": "就 业", "replace": "就业", "count": 1,
                               "where": "第二部分第（一）项", "reason": "PDF 转文字时插入的空格"}],
    ("Document", "issuer_mark"): "××市人民政府办公室文件",
    ("Document", "header_order"): ["notice_title", "number"],
    ("Document", "date_published"): dt.date(2026, 4, 10),
    ("Plan", "excerpt"): {"holds": "印发通知和方案第一至三部分", "missing": "方案第四部分和附件",
                          "reason": "政府网站只公开了这些部分"},
    ("Document", "note"): "此件公开发布",
    ("Document", "cc"): ["市委办公室"],
    ("Document", "disclosure"): "主动公开",
    ("Node", "id"): "action-1",
    ("Node", "run_in"): True,
    ("Node", "children"): [{"kind": "measure", "label": "1.",
                            "paragraphs": [{"text": f"{TODO}措施的原文"}]}],
    ("Node", "summary_reviewed_by"): "本站内容编辑",
    ("Node", "summary_reviewed_on"): dt.date(2026, 11, 29),
    ("Node", "themes"): ["public-sector"],
    ("Node", "audiences"): ["job-seekers"],
    ("Node", "commitments"): [{
        "quote": f"{TODO}本条正文中含有承诺的原文", "what": "承诺的内容",
        "comparator": "至少", "value": 1, "unit": "名", "frequency": "每年",
        "deadline": dt.date(2027, 12, 31), "deadline_printed": "2027年底前",
        "binds": "市级机关", "overall": False, "progress": [_PROGRESS_EXAMPLE],
    }],
    ("Paragraph", "responsibility"): {"printed": f"（{TODO}本段末尾的责任单位）",
                                      "organisations": ["市人社局"]},
    ("Responsibility", "mode"): "lead_first",
    ("Responsibility", "standing_instruction"): "以下任务均需各县区政府落实，不再一一列出",
}


# ---------------------------------------------------------------- rendering from the model


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The model inside X, X | None, list[X] or Annotated[X, …], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _model_of(argument)
            if found is not None:
                return found
    return None


_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|: |\s#|:$|\s$|[\x00-\x1f]""")


def _plain_is_safe(text: str) -> bool:
    """Whether text can be written unquoted, as staff write it, and still read back as text.

    PyYAML (YAML 1.1) is stricter than editors (YAML 1.2): what it reads back unchanged, both do.
    """
    if not text or _PLAIN_UNSAFE.search(text):
        return False
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


def _scalar(value: object) -> str:
    """A YAML scalar: plain when safe, else double-quoted JSON, valid YAML whatever it holds."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return text if _plain_is_safe(text) else json.dumps(text, ensure_ascii=False)


class _Renderer:
    def __init__(self) -> None:
        self.descriptions = field_descriptions()

    def comment(self, model: type[BaseModel], field: str, pad: str) -> str:
        required = "必填" if model.model_fields[field].is_required() else "选填"
        return f"{pad}# {field}：{self.descriptions[(model.__name__, field)]}（{required}）"

    def value(self, field: str, value: object, model: type[BaseModel] | None, indent: int,
              active: bool) -> list[str]:
        """The lines of `field: value`, for an object's field at this indent."""
        pad = " " * indent
        if isinstance(value, dict) and model is not None:
            return [f"{pad}{field}:", *self.object(model, value, indent + _INDENT, active)]
        if isinstance(value, list):
            if not value:
                return [f"{pad}{field}: []"]
            lines = [f"{pad}{field}:"]
            for item in value:
                lines += self.list_item(item, model, indent + _INDENT, active)
            return lines
        return [f"{pad}{field}: {_scalar(value)}"]

    def list_item(self, item: object, model: type[BaseModel] | None, indent: int,
                  active: bool) -> list[str]:
        pad = " " * indent
        if not (isinstance(item, dict) and model is not None):
            return [f"{pad}- {_scalar(item)}"]
        lines = self.object(model, item, indent + _INDENT, active)
        first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
        # Comments before the item's first key move out to the dash's column.
        head = [pad + line.lstrip() for line in lines[:first]]
        return [*head, pad + "- " + lines[first].lstrip(), *lines[first + 1:]]

    def object(self, model: type[BaseModel], values: dict, indent: int,
               active: bool = True) -> list[str]:
        """Every field of model: a comment, then the value or (when active) a commented example.

        Inside a commented-out example (active=False) absent fields are left out: the example
        shows one way to fill it in, the active skeleton elsewhere explains every field.
        """
        pad = " " * indent
        lines: list[str] = []
        for field, info in model.model_fields.items():
            nested = _model_of(info.annotation)
            if field in values:
                lines.append(self.comment(model, field, pad))
                lines += self.value(field, values[field], nested, indent, active)
            elif active:
                lines.append(self.comment(model, field, pad))
                example = EXAMPLES.get((model.__name__, field))
                if example is not None:
                    block = self.value(field, example, nested, indent, active=False)
                    lines += [pad + "# " + line[indent:] for line in block]
        return lines


def render(model: type[BaseModel], values: dict) -> list[str]:
    return _Renderer().object(model, values, 0)


# ---------------------------------------------------------------- the two scaffolds

_HOW_TO_UNCOMMENT = [
    "# 以“# 字段名：”开头的行是这个字段的说明。",
    "# 选填字段下面以“# ”开头的几行是样例：需要时去掉这几行开头的“# ”（只去掉一个“#”和一个空格，"
    "保留前面的缩进），再改成文件中的内容。",
]


def region_yaml(root: Path, region_id: str, name: str, level: str, parent: str | None,
                code: str) -> str:
    path = root / "regions" / region_id / "region.yaml"
    values: dict[str, object] = {"id": region_id, "name": name, "level": level, "code": code}
    if parent:
        values["parent"] = parent
    header = [
        modeline(path, root),
        f"# {name}：地区信息和单位登记册。",
        "# organisations 列出本地区方案中作为责任单位出现的每个单位，名称照文件原样录入。",
        *_HOW_TO_UNCOMMENT,
        "# 改完后运行 policysite validate 检查。",
        "",
    ]
    return "\n".join(header + render(Region, values)) + "\n"


def _plan_skeleton(plan_id: str, title: str) -> dict:
    placeholder_day = dt.date(2000, 1, 1)  # obviously not the document's date; see the header
    return {
        "id": plan_id,
        "title": title,
        "document": {
            "number": f"{TODO}发文字号，例如“××政办发〔2025〕1号”",
            "notice_title": f"{TODO}通知的标题",
            "addressees": f"{TODO}主送机关",
            "notice": [f"{TODO}通知正文，一段一项"],
            "signatory": f"{TODO}发文机关署名",
            "date_written": placeholder_day,
            "printer": f"{TODO}印发机关",
            "date_issued": placeholder_day,
        },
        "responsibility_mode": "shared",
        "preamble": [f"{TODO}方案标题后的引言段落，一段一项"],
        "body": [{
            "kind": "action",
            "label": "一、",
            "title": f"{TODO}第一项行动的标题",
            "paragraphs": [{"text": f"{TODO}第一项行动的正文"}],
            "responsibility": {"printed": f"（{TODO}责任单位，原样照录，含括号）",
                               "organisations": [f"{TODO}单位名称"]},
            "summary": f"{TODO}用几句短话说明谁能得到什么帮助、找谁（写法见维护指南“通俗说明的写法”）",
        }],
        "source": "source.txt",
        "source_sha256": sha256_hex(b""),  # the empty source.txt created beside it
    }


def plan_yaml(root: Path, region_id: str, plan_id: str, title: str) -> str:
    path = root / "regions" / region_id / "plans" / plan_id / "plan.yaml"
    source_path = f"regions/{region_id}/plans/{plan_id}/source.txt"
    header = [
        modeline(path, root),
        f"# {title}",
        "# 填写步骤：",
        "# 1. 把文件原文的纯文本（UTF-8 编码）粘贴到同一文件夹的 source.txt，然后运行"
        f" policysite hash {source_path}，把输出的一行换掉下面的 source_sha256。",
        f"# 2. 把下面每个“{TODO}”换成原文中的文字，逐字照录；"
        "两个日期 2000-01-01 换成文件上的成文日期和印发日期。"
        "原文没有发文字号或版记（印发机关、印发日期）时，删掉 number、printer、date_issued，"
        "绝不编写（见维护指南“录入不同样式的文件”）。",
        "# 3. 按原文的层级补全 body：每个部分、行动、措施一项，段落放在 paragraphs。",
        "# 4. 运行 policysite validate，按提示修改，直到检查通过（原文粘贴之前，"
        "“与原文不一致”的错误是正常的）。",
        *_HOW_TO_UNCOMMENT,
        "",
    ]
    return "\n".join(header + render(Plan, _plan_skeleton(plan_id, title))) + "\n"


# ---------------------------------------------------------------- checks and writing


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _bad_slug(value: str, what: str) -> bool:
    if re.fullmatch(SLUG_PATTERN, value) and len(value) <= 64:
        return False
    _say(f"错误：“{value}”不能用作{what}。只能用小写英文字母、数字和单个连字符“-”，"
         "例如 lanzhou、2025-2027。")
    return True


def _bad_text(value: str, what: str) -> bool:
    if value.strip() and len(value) <= 500 and not re.search(r"[\r\n]", value):
        return False
    _say(f"错误：{what}不能为空、不能换行，也不能超过 500 个字。")
    return True


def _check_rendered(text: str, model: type[BaseModel]) -> bool:
    """Load the rendered file as `policysite validate` would; it must be valid."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.yaml"
        path.write_text(text, encoding="utf-8")
        located, problems = load_yaml(path, path.name)
        if located is None or problems:
            return False
        return validate_model(model, located, path.name)[0] is not None


def _create(path: Path, text: str) -> bool:
    """Write a new file; never replace one (exclusive creation also closes races)."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def new_region(root: Path, region_id: str, name: str, level: str, parent: str | None,
               code: str) -> int:
    """Create regions/<id>/region.yaml. Returns an exit code."""
    if _bad_slug(region_id, "地区 id") or _bad_text(name, "地区名称"):
        return INVALID
    if level not in ("province", "prefecture", "county"):
        _say("错误：级别只能是 province（省级）、prefecture（地级）或 county（县级）。")
        return INVALID
    if not re.fullmatch(r"[1-9][0-9]{5}", code):
        _say(f"错误：“{code}”不是六位行政区划代码，例如 620300。")
        return INVALID
    if level == "province" and parent:
        _say("错误：省级地区没有上级地区，请去掉 --parent。")
        return INVALID
    if level != "province" and not parent:
        _say("错误：地级和县级地区需要用 --parent 写明上级地区的 id，例如 --parent gansu。")
        return INVALID
    if parent and _bad_slug(parent, "上级地区 id"):
        return INVALID
    if parent and not (root / "regions" / parent / "region.yaml").is_file():
        _say(f"错误：上级地区“{parent}”还没有 regions/{parent}/region.yaml。请先建立上级地区。")
        return REFUSED
    text = region_yaml(root, region_id, name, level, parent, code)
    if not _check_rendered(text, Region):
        _say("错误：生成的文件没有通过检查，这是程序的问题，请联系维护人员。")
        return INVALID
    path = root / "regions" / region_id / "region.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not _create(path, text):
        _say(f"错误：{path.relative_to(root).as_posix()} 已经存在，没有改动它。")
        return REFUSED
    print(f"已生成 {path.relative_to(root).as_posix()}。")
    print("下一步：在 organisations 中登记本地区方案里的责任单位，然后运行 policysite validate。")
    return OK


def new_plan(root: Path, region_id: str, plan_id: str, title: str) -> int:
    """Create regions/<region>/plans/<plan>/plan.yaml and an empty source.txt. Exit code."""
    if _bad_slug(region_id, "地区 id") or _bad_slug(plan_id, "方案 id") or \
            _bad_text(title, "方案标题"):
        return INVALID
    region_dir = root / "regions" / region_id
    if not (region_dir / "region.yaml").is_file():
        _say(f"错误：地区“{region_id}”还没有 regions/{region_id}/region.yaml。"
             f"请先运行 policysite new-region {region_id} 建立地区。")
        return REFUSED
    text = plan_yaml(root, region_id, plan_id, title.strip())
    if not _check_rendered(text, Plan):
        _say("错误：生成的文件没有通过检查，这是程序的问题，请联系维护人员。")
        return INVALID
    folder = region_dir / "plans" / plan_id
    folder.mkdir(parents=True, exist_ok=True)
    plan_path, source_path = folder / "plan.yaml", folder / "source.txt"
    if not _create(plan_path, text):
        _say(f"错误：{plan_path.relative_to(root).as_posix()} 已经存在，没有改动它。")
        return REFUSED
    print(f"已生成 {plan_path.relative_to(root).as_posix()}。")
    if _create(source_path, ""):
        print(f"已生成空的 {source_path.relative_to(root).as_posix()}："
              "请把文件原文的纯文本（UTF-8 编码）完整粘贴进去，不要做任何修改。")
    else:
        print(f"{source_path.relative_to(root).as_posix()} 已经存在，保留原样。")
    print(f"下一步：按 plan.yaml 开头的步骤，把每个“{TODO}”换成原文中的文字，"
          "然后运行 policysite validate。")
    return OK
