"""Mistakes staff make while typing YAML, and what `validate_project` tells them.

Each test copies the real regions/ tree, breaks one file the way a person breaks it, and checks
the problem's file, exact line, and that the message and hint say the right thing in Chinese.
"""

from __future__ import annotations

import time

from support import FIXTURES, Project, assert_well_formed

from generator import projectfile, yamlload
from generator.problems import Problem, has_errors
from generator.yamlload import load_yaml

PLAN = "regions/jinchang/plans/2026-2027/plan.yaml"
REGION = "regions/jinchang/region.yaml"


def only_problem_in(problems: list[Problem], file: str) -> Problem:
    """The single problem reported for `file` (a broken file must not cascade)."""
    mine = [problem for problem in problems if problem.file == file]
    assert len(mine) == 1, "\n".join(problem.human() for problem in problems)
    assert_well_formed(mine[0])
    return mine[0]


def problem_with(problems: list[Problem], fragment: str) -> Problem:
    """The one problem whose message contains `fragment`."""
    found = [problem for problem in problems if fragment in problem.message]
    assert len(found) == 1, f"{fragment!r} in:\n" + "\n".join(p.human() for p in problems)
    assert_well_formed(found[0])
    return found[0]


# ---------------------------------------------------------------- whitespace and structure


def test_tab_used_for_indentation(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n\tstart: 2026\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "\tstart: 2026")
    assert problem.column == 1
    assert "制表符" in problem.message and "Tab" in problem.message
    assert "空格" in problem.hint


def test_tab_after_spaces_is_found_at_its_column(project: Project) -> None:
    project.edit(PLAN, "\n    - 市政协办公室\n", "\n  \t  - 市政协办公室\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "\t  - 市政协办公室"), 3)


def test_every_tab_indented_line_is_reported(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n  end: 2027\n", "\n\tstart: 2026\n\tend: 2027\n")
    problems = [p for p in project.validate() if p.file == PLAN]
    assert [p.line for p in problems] == [project.line_of(PLAN, "\tstart"),
                                          project.line_of(PLAN, "\tend")]


def test_key_indented_further_than_its_siblings(project: Project) -> None:
    project.edit(PLAN, "\n  end: 2027\n", "\n   end: 2027\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "   end: 2027")
    assert "缩进不对齐" in problem.message
    assert "同一列" in problem.hint and "空格" in problem.hint


def test_key_in_a_list_item_indented_further(project: Project) -> None:
    project.edit(PLAN, "\n    label: 二、\n", "\n      label: 二、\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "      label: 二、")
    assert "缩进不对齐" in problem.message


def test_key_indented_less_than_its_siblings(project: Project) -> None:
    project.edit(PLAN, "\n  number: 金政办发", "\n number: 金政办发")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, " number: 金政办发")
    assert problem.column == 2
    assert "缩进不对齐" in problem.message
    assert "同一列" in problem.hint


def test_list_dash_misaligned(project: Project) -> None:
    project.edit(PLAN, "\n    - 市政协办公室\n", "\n   - 市政协办公室\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "   - 市政协办公室")
    assert "缩进不对齐" in problem.message and "- " in problem.hint


def test_colon_and_space_inside_unquoted_text(project: Project) -> None:
    project.edit(PLAN, "\ntitle: 金昌市促进残疾人就业创业行动", "\ntitle: 金昌市促进: 残疾人就业创业行动")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "title: 金昌市促进: ")
    assert "冒号" in problem.message
    assert "引号" in problem.hint


def test_unclosed_quote(project: Project) -> None:
    project.edit(PLAN, "\n  disclosure: 主动公开\n", '\n  disclosure: "主动公开\n')
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, 'disclosure: "主动公开')
    assert "引号" in problem.message + problem.hint


def test_duplicate_key(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n  start: 2026\n  start: 2025\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "  start: 2025")
    assert problem.field == "period.start"
    first_line = project.line_of(PLAN, "  start: 2026")
    assert "“start”重复" in problem.message and f"第 {first_line} 行" in problem.message
    assert "只能写一次" in problem.hint


def test_duplicate_key_in_a_region(project: Project) -> None:
    project.edit(REGION, "\nname: 金昌市\n", "\nname: 金昌市\nname: 金昌\n")
    problem = only_problem_in(project.validate(), REGION)
    assert problem.line == project.line_of(REGION, "name: 金昌\n")
    assert "重复" in problem.message


def test_deep_nesting_in_block_style(project: Project) -> None:
    deep = "".join("  " * level + f"k{level}:\n" for level in range(yamlload.MAX_DEPTH + 20))
    project.write(PLAN, project.read(PLAN) + deep)
    problem = only_problem_in(project.validate(), PLAN)
    # The root mapping is level 1, so the key k{MAX_DEPTH - 1} is the first node too deep.
    assert problem.line == project.line_of(PLAN, f" k{yamlload.MAX_DEPTH - 1}:")
    assert "嵌套层次太深" in problem.message and str(yamlload.MAX_DEPTH) in problem.message
    assert "缩进" in problem.hint


def test_deep_nesting_in_flow_style_does_not_recurse(project: Project) -> None:
    project.write(PLAN, "id: 2026-2027\nbody: " + "[" * 100_000 + "]" * 100_000 + "\n")
    started = time.perf_counter()
    problem = only_problem_in(project.validate(), PLAN)
    assert time.perf_counter() - started < 10
    assert problem.line == 2
    assert "嵌套层次太深" in problem.message


# ---------------------------------------------------------------- keys, values and types


def test_misspelled_key_suggests_the_right_one(project: Project) -> None:
    project.edit(PLAN, "\ntitle: ", "\ntitel: ")
    problem = problem_with(project.validate(), "不认识的字段")
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "\ntitel: ")
    assert problem.field == "titel"
    assert "“titel”" in problem.message
    assert "是不是想写“title”" in problem.hint


def test_misspelled_key_deep_in_the_body(project: Project) -> None:
    project.edit(PLAN, "    summary: 机关和事业单位", "    sumary: 机关和事业单位")
    problems = project.validate()
    problem = problem_with(problems, "不认识的字段")
    assert problem.line == project.line_of(PLAN, "    sumary: ")
    assert problem.field == "body[0].sumary"
    assert "是不是想写“summary”" in problem.hint


def test_impossible_date(project: Project) -> None:
    project.edit(PLAN, "date_written: 2026-04-02", "date_written: 2026-02-30")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "date_written: 2026-02-30")
    assert problem.field == "document.date_written"
    assert "2026-02-30" in problem.message and "不是有效的日期" in problem.message
    assert "确实存在" in problem.hint


def test_date_written_the_chinese_way(project: Project) -> None:
    project.edit(PLAN, "date_issued: 2026-04-02", "date_issued: 2026年4月2日")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "date_issued: 2026年4月2日")
    assert "不是有效的日期" in problem.message and "2026-04-02" in problem.hint


def test_missing_required_field(project: Project) -> None:
    project.edit(PLAN, "  signatory: 金昌市人民政府办公室\n", "")
    problem = only_problem_in(project.validate(), PLAN)
    # Reported on the mapping that lacks it.
    assert problem.line == project.line_of(PLAN, "\ndocument:")
    assert problem.field == "document.signatory"
    assert "缺少必填字段“signatory”" in problem.message
    assert "signatory:" in problem.hint


def test_missing_required_field_in_a_region(project: Project) -> None:
    project.edit(REGION, 'code: "620300"\n', "")
    problems = project.validate()
    problem = problem_with(problems, "缺少必填字段“code”")
    assert problem.file == REGION and problem.line == project.line_of(REGION, "\nid: jinchang\n")


def test_value_not_in_the_allowed_list(project: Project) -> None:
    project.edit(PLAN, "  - kind: action\n    label: 二、", "  - kind: actoin\n    label: 二、")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "kind: actoin")
    assert "“actoin”不是允许的取值" in problem.message
    assert "、action、" in problem.hint and " or " not in problem.hint


# ---------------------------------------------------------------- ids


def test_region_id_with_path_traversal(project: Project) -> None:
    project.edit(REGION, "id: jinchang\n", "id: ../etc\n")
    problems = project.validate()
    problem = problem_with(problems, "不能用作 id")
    assert problem.file == REGION and problem.line == project.line_of(REGION, "id: ../etc")
    assert "“../etc”" in problem.message and "小写英文字母" in problem.hint
    # One broken region.yaml is one error there and one on its plan, not one per organisation
    # its plan names.
    assert not [p for p in problems if "单位登记册" in p.message]
    assert len([p for p in problems if p.severity == "error"]) == 2


def test_plan_id_with_path_traversal(project: Project) -> None:
    project.edit(PLAN, "\nid: 2026-2027\n", "\nid: ../../../etc\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "id: ../../../etc")
    assert "不能用作 id" in problem.message


def test_id_with_upper_case(project: Project) -> None:
    project.edit(REGION, "id: jinchang\n", "id: Jinchang\n")
    problem = problem_with(project.validate(), "不能用作 id")
    assert problem.file == REGION and problem.line == project.line_of(REGION, "id: Jinchang")
    assert "“Jinchang”" in problem.message and "小写" in problem.hint


def test_organisation_id_with_upper_case(project: Project) -> None:
    project.edit(REGION, "  - id: renshe\n", "  - id: RenShe\n")
    problem = only_problem_in(project.validate(), REGION)
    assert problem.line == project.line_of(REGION, "id: RenShe")
    assert problem.field == "organisations[0].id"


def test_source_outside_the_plan_folder(project: Project) -> None:
    project.edit(PLAN, "\nsource: source.txt\n", "\nsource: ../../../../../etc/passwd\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "source: ../")
    assert "不是同一文件夹中的文件名" in problem.message
    assert "只写文件名" in problem.hint


def test_region_folder_name_differs_from_id(project: Project) -> None:
    project.edit(REGION, "id: jinchang\n", "id: jin-chang\n")
    problems = project.validate()
    problem = problem_with(problems, "和文件夹名")
    assert problem.file == REGION and problem.line == project.line_of(REGION, "id: jin-chang")
    assert "“jin-chang”" in problem.message and "“jinchang”" in problem.message
    assert "改名" in problem.hint
    assert not [p for p in problems if "单位登记册" in p.message]


def test_plan_folder_name_differs_from_id(project: Project) -> None:
    project.edit(PLAN, "\nid: 2026-2027\n", "\nid: 2026-2028\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "id: 2026-2028")
    assert "“2026-2028”" in problem.message and "“2026-2027”" in problem.message


# ---------------------------------------------------------------- what YAML allows but we refuse


def test_alias(project: Project) -> None:
    project.edit(PLAN, "\n  end: 2027\n", "\n  end: *a\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "end: *a"), 8)
    assert "别名" in problem.message and "*" in problem.message
    assert "直接写出来" in problem.hint


def test_anchor(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n  start: &a 2026\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "start: &a"), 10)
    assert "锚点" in problem.message and "&" in problem.message


def test_anchor_and_merge_key(project: Project) -> None:
    project.edit(PLAN, "\nperiod:\n", "\nperiod: &years\n")
    project.edit(PLAN, "\nsource: source.txt\n", "\nsource: source.txt\nother:\n  <<: *years\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "period: &years")
    assert "锚点" in problem.message


def test_custom_tag(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n",
                 "\n  start: !!python/object/apply:os.system ['echo pwned']\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "!!python/object")
    # Shown as typed, not as PyYAML's expanded tag:yaml.org,2002:… form.
    assert "“!!python/object/apply:os.system”" in problem.message
    assert "标签" in problem.message and "!" in problem.hint


def test_local_tag(project: Project) -> None:
    project.edit(PLAN, "\n  end: 2027\n", "\n  end: !year 2027\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "!year")
    assert "“!year”" in problem.message


def test_alias_bomb_fails_fast_without_expanding(project: Project) -> None:
    bomb = (FIXTURES / "billion_laughs.yaml").read_text(encoding="utf-8")
    project.write(PLAN, bomb)
    started = time.perf_counter()
    problems = project.validate()
    assert time.perf_counter() - started < 5
    problem = only_problem_in(problems, PLAN)
    assert problem.line == project.line_of(PLAN, "a: &a")
    assert "锚点" in problem.message


def test_alias_bomb_is_refused_by_the_loader_itself(tmp_path) -> None:
    started = time.perf_counter()
    located, problems = load_yaml(FIXTURES / "billion_laughs.yaml", "bomb.yaml")
    assert time.perf_counter() - started < 1
    assert located is None
    assert [(p.line, p.column) for p in problems] == [(2, 4)]
    assert "锚点" in problems[0].message


# ---------------------------------------------------------------- size and encoding


def test_very_large_file(project: Project) -> None:
    filler = "# " + "填充" * (projectfile.MAX_FILE_BYTES // 6 + 10) + "\n"
    project.write(PLAN, project.read(PLAN) + filler)
    assert project.path(PLAN).stat().st_size > 2 * 1024 * 1024
    started = time.perf_counter()
    problem = only_problem_in(project.validate(), PLAN)
    assert time.perf_counter() - started < 5
    assert (problem.line, problem.column) == (1, 1)
    assert "文件太大" in problem.message and "2048 KB" in problem.message


def test_whole_file_saved_as_gbk(project: Project) -> None:
    text = project.read(PLAN)
    project.write_bytes(PLAN, text.encode("gbk"))
    first_chinese = next(index for index, char in enumerate(text) if ord(char) > 127)
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == text[:first_chinese].count("\n") + 1
    assert "不是 UTF-8" in problem.message and "GBK" in problem.message
    assert "UTF-8" in problem.hint and "另存为" in problem.hint


def test_one_line_pasted_in_gbk(project: Project) -> None:
    line = project.line_of(PLAN, "    - 市政协办公室\n")
    raw = project.path(PLAN).read_bytes()
    pasted = "    - 市政协办公室\n"
    project.write_bytes(PLAN, raw.replace(pasted.encode("utf-8"), pasted.encode("gbk")))
    problem = only_problem_in(project.validate(), PLAN)
    assert (problem.line, problem.column) == (line, 7)
    assert "不是 UTF-8" in problem.message


def test_byte_order_mark_is_a_warning_and_the_plan_still_loads(project: Project) -> None:
    project.write_bytes(PLAN, b"\xef\xbb\xbf" + project.path(PLAN).read_bytes())
    problems = project.validate()
    problem = only_problem_in(problems, PLAN)
    assert problem.severity == "warning"
    assert (problem.line, problem.column) == (1, 1)
    assert "BOM" in problem.message
    assert not has_errors(problems), "\n".join(p.human() for p in problems)


def test_control_character_pasted_from_a_pdf(project: Project) -> None:
    project.edit(PLAN, "\n  disclosure: 主动公开\n", "\n  disclosure: 主动\x0c公开\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert (problem.line, problem.column) == (project.line_of(PLAN, "disclosure: 主动"), 17)
    assert "控制字符" in problem.message and "U+000C" in problem.message


def test_tab_after_a_form_feed_is_on_the_right_line(project: Project) -> None:
    # A form feed is a line break to str.splitlines() but not to YAML or to editors.
    project.edit(PLAN, "\n  disclosure: 主动公开\n", "\n  disclosure: 主动\x0c公开\n")
    project.edit(PLAN, "\n  printer: ", "\n\tprinter: ")
    problem = only_problem_in(project.validate(), PLAN)
    assert problem.line == project.line_of(PLAN, "\tprinter")


def test_empty_file(project: Project) -> None:
    project.write(PLAN, "# 还没写\n")
    problem = only_problem_in(project.validate(), PLAN)
    assert "文件是空的" in problem.message
