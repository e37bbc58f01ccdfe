"""YAML syntax errors are reported where the mistake is, in Chinese.

The parser notices an unclosed quote or bracket only where it gets stuck, often many lines
later; these tests check that the line reported is the one where the quote or bracket opens,
and that none of PyYAML's or pydantic's English reaches staff.
"""

from __future__ import annotations

import re

import pytest
from support import Project, assert_well_formed, copy_project

from generator.problems import Problem

PLAN = "regions/jinchang/plans/2026-2027/plan.yaml"
# What PyYAML and pydantic say in English; none of it may reach a message or a hint.
ENGLISH = re.compile(r"\b(expected|found|while|but got|should|Input|Value error|Field required)\b")


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path, [("jinchang", "2026-2027")])


def the_problem(project: Project) -> Problem:
    mine = [p for p in project.validate() if p.file == PLAN]
    assert len(mine) == 1, "\n".join(p.human() for p in mine)
    assert_well_formed(mine[0])
    assert not ENGLISH.search(mine[0].message + mine[0].hint), mine[0].human()
    return mine[0]


# ---------------------------------------------------------------- unclosed quotes


def test_quote_opened_early_and_closed_by_a_later_value(project: Project) -> None:
    # The next double quote in the file is many lines further down (unit: "%").
    project.edit(PLAN, "\ntitle: 金昌", '\ntitle: "金昌')
    problem = the_problem(project)
    assert (problem.line, problem.column) == (project.line_of(PLAN, '\ntitle: "'), 8)
    assert "双引号" in problem.message and "没有在这一行结束" in problem.message
    lines = project.read(PLAN).split("\n")
    next_quote = next(number for number, line in enumerate(lines, start=1)
                      if number > problem.line and '"' in line)
    assert f"第 {next_quote} 行" in problem.message
    assert "补上配对的" in problem.hint


def test_quote_opened_late_runs_to_the_end_of_the_file(project: Project) -> None:
    project.edit(PLAN, "\n  printer: ", "\n  printer: '")
    problem = the_problem(project)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "\n  printer: '"), 12)
    assert "单引号" in problem.message and "文件末尾" in problem.message


def test_quote_in_a_list_item(project: Project) -> None:
    project.edit(PLAN, "\n    - 市政协办公室\n", '\n    - "市政协办公室\n')
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, '- "市政协办公室')
    assert "引号" in problem.message


def test_text_after_the_closing_quote(project: Project) -> None:
    project.edit(PLAN, "\ntitle: 金昌", '\ntitle: "金昌"')
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, '\ntitle: "金昌"')
    assert "引号在这里之前就结束了" in problem.message


def test_a_legitimate_multi_line_quoted_value_is_not_blamed(project: Project) -> None:
    project.edit(PLAN, "\n  disclosure: 主动公开\n", '\n  disclosure: "主动\n    公开"\n')
    project.edit(PLAN, "\n  printer: ", "\n   printer: ")
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, "\n   printer: ")
    assert "缩进不对齐" in problem.message


def test_quoted_field_name_not_closed(project: Project) -> None:
    project.edit(PLAN, "\n  printer: ", '\n  "printer: ')
    problem = the_problem(project)
    assert (problem.line, problem.column) == (project.line_of(PLAN, '\n  "printer: '), 3)
    assert "双引号" in problem.message


# ---------------------------------------------------------------- missing colons


def test_colon_left_out_between_two_sibling_fields(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n  start 2026\n")
    problem = the_problem(project)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "\n  start 2026"), 3)
    assert "缺少“冒号+空格”" in problem.message and "start: 2026" in problem.hint


def test_colon_left_out_before_a_nested_field(project: Project) -> None:
    project.edit(PLAN, "\ntitle: ", "\ntitle ")
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, "\ntitle 金昌")
    assert "缺少“冒号+空格”" in problem.message


def test_tab_inside_a_value(project: Project) -> None:
    project.edit(PLAN, "\n  disclosure: 主动公开\n", "\n  disclosure: 主动\t公开\n")
    problem = the_problem(project)
    line = project.line_of(PLAN, "disclosure: 主动")
    assert (problem.line, problem.column) == (line, len("  disclosure: 主动") + 1)
    assert "制表符" in problem.message and "空格" in problem.hint


# ---------------------------------------------------------------- brackets


def test_bracket_opened_and_not_closed(project: Project) -> None:
    project.edit(PLAN, "\n  cc:\n", "\n  cc: [市委办公室, 市人大常委会办公室\n")
    problem = the_problem(project)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "\n  cc: ["), 7)
    assert "方括号“[”没有配对的“]”" in problem.message
    assert "“]”" in problem.hint


def test_brace_opened_and_not_closed(project: Project) -> None:
    project.edit(PLAN, "\nperiod:\n  start: 2026\n  end: 2027\n",
                 "\nperiod: {start: 2026, end: 2027\ndocument_x: 1\n")
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, "\nperiod: {")
    assert "大括号“{”没有配对的“}”" in problem.message


def test_colon_inside_brackets_on_one_line(project: Project) -> None:
    project.edit(PLAN, "\n  cc:\n", "\n  cc: [市委办公室, 市人大: 常委会: 办公室]\n  cc_x:\n")
    problem = the_problem(project)
    assert problem.line == project.line_of(PLAN, "\n  cc: [")
    assert "逗号" in problem.message


# ---------------------------------------------------------------- other kinds, all in Chinese


@pytest.mark.parametrize(("old", "new", "says"), [
    ("\ntitle: 金昌", '\ntitle: "金\\q昌', "转义"),
    ("\ntitle: 金昌", "\ntitle: |x\n  金昌", "“|”或“>”"),
    ("\ntitle: 金昌", "\ntitle: !x!y 金昌", "标签"),
    ("\ntitle: 金昌", "\ntitle: - 金昌", "列表项"),
    ("\ntitle: 金昌", "\ntitle: @金昌", "“@”不能作为值的开头"),
    ("\ntitle: 金昌", "\ntitle: &金昌", "“&”或“*”"),
    ("\nid: 2026-2027\n", "\nid: 2026-2027\n---\nid: 2026-2027\n", "只能有一份数据"),
    ("\nid: 2026-2027\n", "\nid: 2026-2027\n...\nid: 2026-2027\n", "只能有一份数据"),
], ids=["escape", "block-indicator", "tag-handle", "dash", "at", "ampersand", "second-document",
        "document-end"])
def test_parser_problem_kinds_are_translated(project: Project, old: str, new: str,
                                             says: str) -> None:
    project.edit(PLAN, old, new)
    problem = the_problem(project)
    assert says in problem.message


def test_infinite_number_is_explained_in_chinese(project: Project) -> None:
    project.edit(PLAN, "\n        value: ", "\n        value: nan  # ")
    problem = the_problem(project)
    assert "普通的数字" in problem.message and "nan" in problem.hint


def test_allowed_values_are_listed_without_english(project: Project) -> None:
    project.edit(PLAN, "\nresponsibility_mode: ", "\nresponsibility_mode: both  # ")
    problem = the_problem(project)
    assert "shared、lead_first" in problem.hint
