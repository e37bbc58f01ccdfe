"""pydantic's validation errors → problems staff can act on: file, line, field, a Chinese
message and a hint (pydantic's own messages are English)."""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError

from generator.problems import Problem, dotted
from generator.yamlload import Located

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
