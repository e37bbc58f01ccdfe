"""YAML files under regions/ → validated model objects, or a list of problems with positions.

Layout:
    regions/themes.yaml, regions/audiences.yaml, regions/glossary.yaml
    regions/<region-id>/region.yaml
    regions/<region-id>/plans/<plan-id>/plan.yaml and its source.txt
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator import fidelity, invisible
from generator.model import Glossary, Plan, Region, Vocabulary
from generator.problems import Problem, dotted, relative
from generator.projectfile import (
    decode_utf8,
    os_problem,
    outside_project,
    read_project_file,
    sha256_hex,
)
from generator.yamlload import Located, line_and_column, load_yaml


@dataclass(frozen=True)
class LoadedPlan:
    region_id: str
    plan: Plan
    folder: Path
    file: str  # display name of plan.yaml, for messages
    located: Located
    source_text: str | None


@dataclass
class Dataset:
    root: Path
    regions: dict[str, Region] = field(default_factory=dict)
    region_files: dict[str, tuple[str, Located]] = field(default_factory=dict)
    plans: list[LoadedPlan] = field(default_factory=list)
    themes: Vocabulary | None = None
    audiences: Vocabulary | None = None
    glossary: Glossary | None = None
    vocabulary_files: dict[str, tuple[str, Located]] = field(default_factory=dict)
    # "region/plan" of plan folders whose plan.yaml did not load: references to them are not
    # reported again as missing plans (the plan's own file already has its errors).
    unloaded_plans: set[str] = field(default_factory=set)


# ---------------------------------------------------------------- pydantic errors → problems

_TYPE_WORDS = {
    "string_type": ("应该是一段文字。", "在值两边加上引号，或检查是否误写成了列表或字段。"),
    "list_type": ("应该是一个列表。", "每一项另起一行，以“- ”开头。"),
    "dict_type": ("应该是若干“字段: 值”。", "检查缩进：下一级字段要比这一行多缩进两个空格。"),
    "model_type": ("应该是若干“字段: 值”。", "检查缩进：下一级字段要比这一行多缩进两个空格。"),
    "model_attributes_type": ("应该是若干“字段: 值”。", "检查缩进：下一级字段要比这一行多缩进两个空格。"),
    "int_parsing": ("应该是整数。", "只写数字，例如 2027。"),
    "int_type": ("应该是整数。", "只写数字，例如 2027。"),
    "int_from_float": ("应该是整数，不能带小数。", "只写整数，例如 2。"),
    "float_parsing": ("应该是数字。", "只写数字，例如 15 或 1.5，不要带单位（单位写在 unit）。"),
    "float_type": ("应该是数字。", "只写数字，例如 15 或 1.5，不要带单位（单位写在 unit）。"),
    "finite_number": ("应该是一个普通的数字。",
                      "只写数字，例如 15 或 1.5；不要写 inf、nan 这类表示无穷大或“非数”的写法。"),
    "bool_parsing": ("应该是 true 或 false。", "写 true（是）或 false（否）。"),
    "bool_type": ("应该是 true 或 false。", "写 true（是）或 false（否）。"),
    "too_short": ("不能为空。", "至少填写一项。"),
    "too_long": ("列表的项数太多。", "检查是否把别的内容误写进了这个列表。"),
    "string_too_short": ("不能为空。", "填写内容。"),  # optional fields: see _problem_from
    "string_too_long": ("文字太长。", "检查是否把多段内容放进了一个字段。"),
    "greater_than_equal": ("数值太小。", "检查年份或数字是否写错。"),
    "greater_than": ("数值太小。", "检查年份或数字是否写错。"),
    "less_than_equal": ("数值太大。", "检查年份或数字是否写错。"),
    "less_than": ("数值太大。", "检查年份或数字是否写错。"),
    "sha256_format": ("不是有效的 SHA-256 校验值（应为 64 位数字和小写字母 a–f）。",
                      "运行 policysite hash 加原文文件的路径，把输出的值原样填入。"),
}

# Hints for required fields that need more than "add it".
_MISSING_HINTS = {
    "source_sha256": "先核对 source.txt 与发布的文件逐字节一致，再运行 policysite hash {folder}/source.txt，"
                     "把输出的一行加到 plan.yaml 的 source 下面。",
}


def _field_names_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names valid at a location, for suggesting the key a typo meant."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: object) -> object:
    """Unwrap list[X], X | None and Annotated[X, …] down to a model class, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None



def _is_optional(model: type[BaseModel], loc: tuple[str | int, ...]) -> bool:
    """Whether the field at `loc` may be left out (so deleting it is a valid remedy)."""
    if not loc or isinstance(loc[-1], int):  # an empty item of a list is never optional
        return False
    if str(loc[-1]) not in _field_names_at(model, loc[:-1]):
        return False
    current: object = model
    for part in loc[:-1]:
        if not isinstance(part, int):
            current = _model_in(current.model_fields[part].annotation)  # type: ignore[union-attr]
    return not current.model_fields[str(loc[-1])].is_required()  # type: ignore[union-attr]


def _problem_from(error: dict, model: type[BaseModel], located: Located, file: str) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(loc[-1]) if loc else ""
    line, column = located.position(loc)
    if kind == "missing":
        message = f"缺少必填字段“{name}”。"
        hint = _MISSING_HINTS.get(name, f"在这一项里加上“{name}: …”，字段含义见维护指南的字段说明。")
        hint = hint.format(folder=file.rpartition("/")[0])
    elif kind == "extra_forbidden":
        valid = _field_names_at(model, loc[:-1])
        close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5)
        message = f"不认识的字段“{name}”。"
        hint = (f"是不是想写“{close[0]}”？" if close else "") + (
            f"这里可以用的字段：{'、'.join(valid)}。" if valid else "删掉这个字段。"
        )
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type",
                  "date_from_datetime_inexact"):
        value = error.get("input")
        message = f"“{value}”不是有效的日期。"
        hint = "写成 2026-04-02 这样的“年-月-日”（月、日两位数），并确认这一天确实存在。"
    elif kind == "string_pattern_mismatch":
        message = f"“{error.get('input')}”不能用作 id。"
        hint = "id 只能用小写英文字母、数字和单个连字符“-”，例如 jinchang、2026-2027、renshe。"
    elif kind == "literal_error":
        # pydantic lists them as "'a', 'b' or 'c'": keep the values, drop the English.
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        message = f"“{error.get('input')}”不是允许的取值。"
        hint = f"可以填：{'、'.join(expected)}。"
    elif kind in _TYPE_WORDS:
        message, hint = _TYPE_WORDS[kind]
        if kind == "string_too_short" and _is_optional(model, loc):
            hint = "填写内容；原文没有这一项时，删掉这个字段。"
    else:  # pydantic's own message is English: name the check by its code for maintainers
        message = f"取值不符合要求（检查项：{kind}）。"
        hint = "对照维护指南的字段说明修改。"
    return Problem(file, line, column, dotted(loc), message, hint)


def validate_model[M: BaseModel](
    model: type[M], located: Located, file: str
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(located.data), []
    except ValidationError as error:
        problems = [_problem_from(item, model, located, file) for item in error.errors()]
        return None, problems


# ---------------------------------------------------------------- reading the tree


# Files already read, by path, type and (inode, size, mtime): the preview (generator/preview.py)
# sets a dict here so that an edit re-reads only the files that changed. None: no cache.
FILE_CACHE: dict[tuple, tuple] | None = None


def _load_file[M: BaseModel](
    path: Path, model: type[M], root: Path, problems: list[Problem]
) -> tuple[M | None, Located | None, str]:
    key = _cache_key(path, model) if FILE_CACHE is not None else None
    if key is not None and key in FILE_CACHE:  # FILE_CACHE is not None here
        value, located, file, found = FILE_CACHE[key]  # type: ignore[index]
        problems.extend(found)
        return value, located, file
    file = relative(path, root)
    located, found = load_yaml(path, file, root)
    value = None
    if located is not None:
        value, invalid = validate_model(model, located, file)
        found = found + invalid
    problems.extend(found)
    if key is not None:
        FILE_CACHE[key] = (value, located, file, found)  # type: ignore[index]
    return value, located, file


def _cache_key(path: Path, model: type) -> tuple | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (str(path), model.__name__, found.st_ino, found.st_size, found.st_mtime_ns)


def load_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load everything under root/regions. Problems from every file are collected, not raised."""
    regions_dir = root / "regions"
    dataset = Dataset(root=root)
    problems: list[Problem] = []
    if not regions_dir.is_dir():
        problems.append(Problem("regions", 1, 1, "", "找不到 regions 文件夹。",
                                "在项目根目录运行命令，或用 --root 指明项目位置。"))
        return dataset, problems
    if outside_project(regions_dir, root):
        problems.append(Problem("regions", 1, 1, "",
                                "regions 是指向项目文件夹以外的链接，为了安全不读取其中的文件。",
                                "把数据文件夹本身放进项目文件夹，删掉这个链接。"))
        return dataset, problems

    for name, model in (("themes", Vocabulary), ("audiences", Vocabulary),
                        ("glossary", Glossary)):
        path = regions_dir / f"{name}.yaml"
        if not _present(path):
            problems.append(Problem(relative(path, root), 1, 1, "", f"缺少 {name}.yaml。",
                                    "这个共用文件必须存在，参照维护指南创建。"))
            continue
        value, located, file = _load_file(path, model, root, problems)
        setattr(dataset, name, value)
        if located is not None:
            dataset.vocabulary_files[name] = (file, located)

    for region_dir in _folders(regions_dir, root, problems):
        load_region_folder(region_dir, root, dataset, problems)
    return dataset, problems


def load_region_folder(region_dir: Path, root: Path, dataset: Dataset,
                       problems: list[Problem]) -> Region | None:
    """One region's region.yaml and plans into `dataset` (the preview reads an edited one)."""
    region_path = region_dir / "region.yaml"
    if not _present(region_path):
        problems.append(Problem(relative(region_dir, root), 1, 1, "",
                                "地区文件夹里缺少 region.yaml。",
                                "运行 policysite new-region 生成，或删除这个空文件夹。"))
        return None
    region, located, file = _load_file(region_path, Region, root, problems)
    if region is not None and located is not None:
        dataset.regions.setdefault(region.id, region)
        dataset.region_files.setdefault(region.id, (file, located))
        _check_folder_name("地区", region.id, region_dir, file, located, problems)
    plans_dir = region_dir / "plans"
    if _present(plans_dir):
        for plan_dir in _folders(plans_dir, root, problems):
            _load_plan(plan_dir, region_dir.name, root, dataset, problems)
    return region


def _present(path: Path) -> bool:
    """Whether something stands at `path`: a file, a folder or a link, even a broken one. All but
    a missing file are read, so that a folder or a link in a file's place is named as such."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:  # not even allowed to look: reading it names the problem
        return True


def _folders(parent: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The sub-folders of `parent`, in order; a link to a folder outside the project is refused
    (and nothing in it listed or read)."""
    folders = []
    try:
        found = sorted(p for p in parent.iterdir() if p.is_dir())
    except OSError as error:  # no permission to list it, or it vanished
        problems.append(os_problem(error, relative(parent, root)))
        return []
    for folder in found:
        if outside_project(folder, root):
            problems.append(Problem(
                relative(folder, root), 1, 1, "",
                "这个文件夹是指向项目文件夹以外的链接，为了安全不读取其中的文件。",
                "把数据文件本身放进项目文件夹，删掉这个链接。",
            ))
            continue
        folders.append(folder)
    return folders


def _check_folder_name(kind: str, identifier: str, folder: Path, file: str, located: Located,
                       problems: list[Problem]) -> None:
    """Ids become URLs and folder names: the two must agree."""
    if identifier != folder.name:
        line, column = located.position(("id",))
        problems.append(Problem(
            file, line, column, "id",
            f"{kind} id“{identifier}”和文件夹名“{folder.name}”不一致。",
            "把文件夹改名为 id，或把 id 改成文件夹名。",
        ))


def _load_plan(plan_dir: Path, region_id: str, root: Path, dataset: Dataset,
               problems: list[Problem]) -> None:
    plan_path = plan_dir / "plan.yaml"
    if not _present(plan_path):
        problems.append(Problem(relative(plan_dir, root), 1, 1, "",
                                "方案文件夹里缺少 plan.yaml。",
                                "运行 policysite new-plan 生成，或删除这个文件夹。"))
        return
    plan, located, file = _load_file(plan_path, Plan, root, problems)
    if plan is None or located is None:
        dataset.unloaded_plans.add(f"{region_id}/{plan_dir.name}")
        return
    # The source check compares the whole text: cached too, by plan.yaml and the source file.
    key = (_cache_key(plan_path, Plan), _cache_key(plan_dir / plan.source, str)) \
        if FILE_CACHE is not None else None
    if key is not None and key in FILE_CACHE:  # type: ignore[operator]
        source_text, found = FILE_CACHE[key]  # type: ignore[index]
    else:
        found = []
        source_text = _read_source(plan, plan_dir, root, file, located, found)
        if key is not None:
            FILE_CACHE[key] = (source_text, found)  # type: ignore[index]
    problems.extend(found)
    _check_folder_name("方案", plan.id, plan_dir, file, located, problems)
    dataset.plans.append(LoadedPlan(region_id, plan, plan_dir, file, located, source_text))


def _read_source(plan: Plan, plan_dir: Path, root: Path, file: str, located: Located,
                 problems: list[Problem]) -> str | None:
    """The text of the plan's source.txt, after checking it against the recorded SHA-256."""
    line, column = located.position(("source",))
    if plan.source in (".", "..") or "/" in plan.source or "\\" in plan.source:
        problems.append(Problem(
            file, line, column, "source", f"“{plan.source}”不是同一文件夹中的文件名。",
            "source 只写文件名（通常是 source.txt），原文文件放在 plan.yaml 旁边。",
        ))
        return None
    source_path = plan_dir / plan.source
    if not _present(source_path):
        problems.append(Problem(
            file, line, column, "source", f"找不到原文文件“{plan.source}”。",
            "把原文的纯文本（UTF-8）放在 plan.yaml 旁边，文件名写在 source 字段。",
        ))
        return None
    source_file = relative(source_path, root)
    raw, unreadable = read_project_file(source_path, root, source_file)
    problems.extend(unreadable)
    if raw is None:
        return None
    if sha256_hex(raw) != plan.source_sha256:
        line, column = located.position(("source_sha256",))
        problems.append(Problem(
            file, line, column, "source_sha256",
            f"原文文件 {source_file} 的内容变了：它的 SHA-256 校验值与这里记录的不同。",
            "原文必须与发布的文件逐字节一致。不是有意修改的话，请恢复原来的文件"
            f"（git checkout -- {source_file}）；如果确实换成了核对过的原文，运行 "
            f"policysite hash {source_file} ，把输出的值填入 source_sha256。",
        ))
    text, undecodable = decode_utf8(raw, source_file)
    problems.extend(undecodable)
    if text is None:
        return None
    text = text.lstrip("\ufeff")
    problems.extend(_invisible_in_source(plan, text, source_file))
    return text


def _invisible_in_source(plan: Plan, text: str, file: str) -> list[Problem]:
    """Invisible characters of the source that no correction removes. The source keeps them
    (it is the document as published); a correction is the place to drop them."""
    corrected, _ = fidelity.apply_corrections(plan, text)
    remaining = {character for _, character in invisible.find(corrected)}
    problems = []
    for offset, character in invisible.find(text):
        if character not in remaining:
            continue
        line, column = line_and_column(text, offset)
        problems.append(Problem(
            file, line, column, "",
            f"原文里有一个看不见的字符：{invisible.describe(character)}，网页上读屏软件会读错。",
            "source.txt 要与发布的文件逐字节一致，不要在这里删除。请在 plan.yaml 的 corrections "
            f"中登记一条更正：find: \"\\u{ord(character):04X}\"（双引号、转义写法），"
            "replace: ''，count 写它在原文中出现的次数，reason 写“复制带入的看不见的字符”。",
        ))
    return problems
