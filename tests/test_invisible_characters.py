"""Invisible characters: bidirectional controls and zero-width characters.

In YAML each one is an error at its line and column, naming the field and the character. In
source.txt (kept byte for byte) each one is an error until a correction removes it.
"""

from __future__ import annotations

import pytest
from support import Project, assert_well_formed, copy_project

from generator.invisible import INVISIBLE
from generator.problems import Problem

PLAN_DIR = "regions/jinchang/plans/2026-2027"
PLAN = f"{PLAN_DIR}/plan.yaml"
SOURCE = f"{PLAN_DIR}/source.txt"
TITLE = "title: 金昌市促进残疾人就业创业行动"


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path, [("jinchang", "2026-2027")])


def invisible_problems(project: Project) -> list[Problem]:
    found = [p for p in project.errors() if "看不见的字符" in p.message]
    for problem in found:
        assert_well_formed(problem)
    return found


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.human() for p in problems)
    return problems[0]


# ---------------------------------------------------------------- in YAML


def test_zero_width_space_in_a_value(project: Project) -> None:
    project.edit(PLAN, TITLE, TITLE.replace("金昌", "金昌\u200b"))
    problem = only(invisible_problems(project))
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "\ntitle: 金昌")
    assert problem.column == len("title: 金昌") + 1
    assert problem.field == "title"
    assert "零宽空格" in problem.message and "U+200B" in problem.message
    assert "删掉" in problem.hint


@pytest.mark.parametrize("character", sorted(INVISIBLE), ids=lambda c: f"U+{ord(c):04X}")
def test_each_invisible_character_is_named(project: Project, character: str) -> None:
    project.edit(PLAN, TITLE, TITLE.replace("促进", "促" + character + "进"))
    problem = only(invisible_problems(project))
    assert problem.column == len("title: 金昌市促") + 1
    assert f"U+{ord(character):04X}" in problem.message
    assert INVISIBLE[character][0] in problem.message
    assert f'"\\u{ord(character):04X}"' in problem.hint  # how to name it in a correction


def test_direction_override_in_a_key(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n  st\u202eart: 2026\n")
    problem = only(invisible_problems(project))
    assert problem.line == project.line_of(PLAN, "st\u202eart")
    assert problem.column == 5
    assert problem.field == "period.st\u202eart"
    assert "改变文字方向" in problem.message and "U+202E" in problem.message


def test_every_one_is_reported_at_once(project: Project) -> None:
    project.edit(PLAN, TITLE, TITLE.replace("金昌", "金\u200d昌"))
    project.edit(PLAN, "\n  disclosure: 主动公开\n", "\n  disclosure: 主动\u2066公开\u2069\n")
    problems = invisible_problems(project)
    disclosure = project.line_of(PLAN, "disclosure: 主动")
    assert [(p.line, p.column) for p in problems] == [
        (project.line_of(PLAN, "\ntitle: "), len("title: 金") + 1),
        (disclosure, len("  disclosure: 主动") + 1),
        (disclosure, len("  disclosure: 主动公开") + 2),
    ]
    assert [p.field for p in problems] == ["title", "document.disclosure",
                                           "document.disclosure"]


def test_in_a_comment(project: Project) -> None:
    project.edit(PLAN, "\nid: 2026-2027\n", "\n# 说明\u200f\nid: 2026-2027\n")
    problem = only(invisible_problems(project))
    assert problem.line == project.line_of(PLAN, "# 说明")
    assert problem.field == ""


def test_byte_order_mark_inside_the_file(project: Project) -> None:
    project.edit(PLAN, TITLE, TITLE + "\ufeff")
    problem = only(invisible_problems(project))
    assert "U+FEFF" in problem.message


# ---------------------------------------------------------------- in source.txt


def test_in_the_source_it_is_reported_until_a_correction_removes_it(project: Project) -> None:
    project.edit(SOURCE, "深化市企融合赋能助残", "深化市企融合\u200b赋能助残")
    project.record_source_checksum(PLAN)
    errors = project.errors()
    problem = only([p for p in errors if p.file == SOURCE])
    assert_well_formed(problem)
    assert problem.line == project.line_of(SOURCE, "深化市企融合")
    assert "U+200B" in problem.message
    assert "corrections" in problem.hint and '"\\u200B"' in problem.hint
    # The fidelity error shows the character instead of two texts that look the same.
    fidelity = only([p for p in errors if "与原文不一致" in p.message])
    assert "融合〔U+200B〕赋能" in fidelity.message

    project.edit(PLAN, "\nsource: source.txt\n",
                 '\nsource: source.txt\ncorrections:\n  - find: "\\u200B"\n    replace: ""\n'
                 "    count: 1\n    where: 第二项行动\n    reason: 复制带入的看不见的字符\n")
    assert project.errors() == []


def test_written_as_an_escape_outside_corrections(project: Project) -> None:
    project.edit(PLAN, TITLE, 'title: "金昌\\u202E市促进残疾人就业创业行动')
    project.edit(PLAN, "\nperiod:", '"\nperiod:')
    problem = only(invisible_problems(project))
    assert (problem.line, problem.column) == (project.line_of(PLAN, '\ntitle: "'), 8)
    assert problem.field == "title"
    assert "转义" in problem.message and "U+202E" in problem.message
    assert "corrections" in problem.hint
