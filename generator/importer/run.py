"""`policysite import FILE --region REGION --plan PLAN`: write source.txt and a draft plan.yaml.

Exit codes: 0 written (the summary says what to review); 1 refused (no such region, the plan
exists without --force, the file cannot be read); 2 invalid argument.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from generator.importer import draft as draft_
from generator.importer.assemble import Context, Draft, assemble
from generator.importer.extract import ExtractionError, extract
from generator.model import Region, Vocabulary
from generator.scaffold import INVALID, OK, REFUSED, _bad_slug, _scalar
from generator.schema import modeline

_KIND_WORDS = {"part": "部分", "group": "分组", "action": "行动", "measure": "措施", "item": "条目"}


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _vocabulary(path: Path) -> Vocabulary | None:
    try:
        return Vocabulary.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError):
        return None  # validate reports a broken vocabulary; proposals just go without


def context_for(root: Path, region_file: Path) -> Context | None:
    """The region's registry and the vocabularies; None when region.yaml cannot be read."""
    try:
        region = Region.model_validate(yaml.safe_load(region_file.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError):
        return None
    organisations = region.organisations
    names = {name for o in organisations for name in (o.name, *o.aliases)}
    return Context(names, _vocabulary(root / "regions" / "themes.yaml"),
                   _vocabulary(root / "regions" / "audiences.yaml"),
                   {o.id for o in organisations})


def registry_addition(region_text: str, organisations: list[dict]) -> str:
    """region.yaml with the proposed organisations appended to its registry, comments kept."""
    entries = []
    for organisation in organisations:
        entries += [f"  - id: {organisation['id']}  # 请核对：导入时新增的单位，请改成有意义的 id",
                    f"    name: {_scalar(organisation['name'])}",
                    f"    kind: {organisation['kind']}  # 请核对：按名称推测的类别"]
    lines = region_text.rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("organisations:")), None)
    if start is None:
        return "\n".join([*lines, "organisations:", *entries]) + "\n"
    if lines[start].strip() in ("organisations: []", "organisations:[]"):
        lines[start] = "organisations:"
    end = next((i for i in range(start + 1, len(lines))
                if lines[i] and not lines[i].startswith((" ", "#"))), len(lines))
    return "\n".join([*lines[:end], *entries, *lines[end:]]) + "\n"


def _summary(draft: Draft, plan_file: str) -> None:
    values = draft.values
    nodes = Counter()

    def count(items: list[dict]) -> None:
        for node in items:
            nodes[node["kind"]] += 1
            count(node.get("children", []))

    count(values.get("body", []))
    recognised = "、".join(f"{_KIND_WORDS[k]} {n} 项" for k, n in nodes.items())
    print(f"已识别：通知 {len(values['document'])} 个要素，方案正文 {recognised}，"
          f"更正 {len(values.get('corrections', []))} 处。")
    if draft.new_organisations:
        names = "、".join(o["name"] for o in draft.new_organisations)
        print(f"新单位 {len(draft.new_organisations)} 个已加进 region.yaml 待核对：{names}。")
    print(f"需要核对：{plan_file} 中标有“# 请核对：”的 {len(draft.review)} 处，"
          "以及“候选承诺”注释（确认后写进 commitments）。通俗说明（summary）请按维护指南撰写。")
    if draft.missing:
        print("文件中没有找到这些必填要素，请对照原文补上：" + "、".join(draft.missing) + "。")


def import_document(root: Path, file: Path, region_id: str, plan_id: str, force: bool) -> int:
    if _bad_slug(region_id, "地区 id") or _bad_slug(plan_id, "方案 id"):
        return INVALID
    region_file = root / "regions" / region_id / "region.yaml"
    if not region_file.is_file():
        _say(f"错误：地区“{region_id}”还没有 regions/{region_id}/region.yaml。请先运行 "
             f"policysite new-region {region_id} --name 地区名称 --level 级别 --parent 上级地区 "
             "--code 行政区划代码 建立地区，再导入。")
        return REFUSED
    folder = root / "regions" / region_id / "plans" / plan_id
    if (folder / "plan.yaml").exists() and not force:
        _say(f"错误：regions/{region_id}/plans/{plan_id}/plan.yaml 已经存在，没有改动它。"
             "确实要用导入的草稿替换时，加上 --force。")
        return REFUSED
    try:
        source = extract(file)
    except ExtractionError as error:
        _say(f"错误：{file.name}：{error}")
        return REFUSED
    context = context_for(root, region_file)
    if context is None:
        _say(f"错误：regions/{region_id}/region.yaml 有错误，无法读取单位登记册。"
             "请先运行 policysite validate 并按提示改正，再导入。")
        return REFUSED
    draft = assemble(source, plan_id, context)
    plan_path = folder / "plan.yaml"
    head = [modeline(plan_path, root).removeprefix("# "),
            f"policysite import 从 {file.name} 生成的草稿：标有“请核对”的地方要对照原文确认，",
            "确认后删掉这些注释。"]
    text = draft_.render(head, draft.values, draft.review, draft.notes)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text(source, encoding="utf-8", newline="")
        plan_path.write_text(text, encoding="utf-8", newline="\n")
        if draft.new_organisations:
            region_file.write_text(registry_addition(region_file.read_text(encoding="utf-8"),
                                                     draft.new_organisations),
                                   encoding="utf-8", newline="\n")
    except OSError as error:
        _say(f"错误：无法写入 {folder.relative_to(root).as_posix()}：{error.strerror or error}。"
             "请检查文件夹和文件是否可写。")
        return REFUSED
    plan_file = plan_path.relative_to(root).as_posix()
    print(f"已生成 {plan_file} 和 source.txt（原文，不要修改）。")
    _summary(draft, plan_file)
    print("下一步：policysite validate，然后 policysite serve 预览。")
    return OK
