"""Rules across fields and files (registry, ids, labels, quotes, vocabularies), reporting every
problem at once, and the `policysite validate` command that shows them to staff and to CI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO_ROOT, Project, assert_well_formed

from generator import cli
from generator.problems import Problem
from generator.validate import validate_project

PLAN = "regions/jinchang/plans/2026-2027/plan.yaml"
REGION = "regions/jinchang/region.yaml"
GANSU_PLAN = "regions/gansu/plans/2022-2024/plan.yaml"
YANGQUAN_PLAN = "regions/yangquan/plans/2023/plan.yaml"


def problem_with(problems: list[Problem], fragment: str) -> Problem:
    found = [problem for problem in problems if fragment in problem.message]
    assert len(found) == 1, f"{fragment!r} in:\n" + "\n".join(p.human() for p in problems)
    assert_well_formed(found[0])
    return found[0]


def report(problems: list[Problem]) -> str:
    return "\n".join(problem.human() for problem in problems)


# ---------------------------------------------------------------- the real data


def test_real_data_validates_without_errors() -> None:
    dataset, problems = validate_project(REPO_ROOT)
    errors = [problem for problem in problems if problem.severity == "error"]
    assert errors == [], report(errors)
    assert len(dataset.plans) == len(list((REPO_ROOT / "regions").glob("*/plans/*/plan.yaml")))
    assert len(dataset.plans) >= 5
    assert all(plan.source_text for plan in dataset.plans)
    assert dataset.themes and dataset.audiences and dataset.glossary


def test_unchanged_copy_validates_without_errors(project: Project) -> None:
    # The baseline every other test in this file breaks one thing of.
    assert project.errors() == []


# ---------------------------------------------------------------- organisations


def test_organisation_missing_from_the_registry(project: Project) -> None:
    project.edit(REGION, "  - id: jinchang-railway-station\n    name: 金昌火车站\n    kind: company\n",
                 "")
    problems = project.errors()
    problem = problem_with(problems, "金昌火车站")
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "        - 金昌火车站")
    assert problem.field.endswith("responsibility.organisations[8]")
    assert "不在jinchang的单位登记册中" in problem.message
    assert REGION in problem.hint and "aliases" in problem.hint
    assert len(problems) == 1, report(problems)


def test_organisation_not_in_the_printed_text(project: Project) -> None:
    project.edit(PLAN, "        - 市残联\n", "        - 市妇联\n")
    problem = problem_with(project.errors(), "没有出现在印出的责任单位文字中")
    assert problem.line == project.line_of(PLAN, "        - 市妇联\n      standing_instruction")


def test_duplicate_organisation_id_in_a_region(project: Project) -> None:
    project.edit(REGION, "  - id: canlian\n", "  - id: renshe\n")
    problems = project.errors()
    problem = problem_with(problems, "重复")
    assert problem.file == REGION
    assert problem.line == project.line_of(REGION, "  - id: renshe\n    name: 市残联")
    assert problem.field == "organisations[1].id"
    assert "“renshe”" in problem.message and "不同" in problem.hint
    assert len(problems) == 1, report(problems)


def test_same_organisation_name_twice_in_a_registry(project: Project) -> None:
    project.edit(REGION, "    name: 市烟草专卖局\n", "    name: 市残联\n")
    problems = project.errors()
    problem = problem_with(problems, "出现了两次")
    assert problem.file == REGION
    assert problem.line == project.line_of(REGION, "name: 市残联\n    kind: central_unit")
    assert "aliases" in problem.hint


# ---------------------------------------------------------------- actions and labels


def test_two_actions_with_the_same_label(project: Project) -> None:
    project.edit(PLAN, "    label: 三、\n", "    label: 二、\n")
    problems = project.errors()
    problem = problem_with(problems, "网址 id“2”重复")
    second = project.line_of(PLAN, "    label: 二、\n    title: 实施促进残疾人自主创业")
    assert (problem.file, problem.line) == (PLAN, second)
    assert "序号" in problem.hint and "id" in problem.hint
    sequence = [p for p in problems if "不连续" in p.message]
    assert sequence[0].line == second and "应是三、" in sequence[0].message


def test_two_actions_with_the_same_explicit_id(project: Project) -> None:
    project.edit(PLAN, "    label: 三、\n", "    id: same\n    label: 三、\n")
    project.edit(PLAN, "    label: 四、\n", "    id: same\n    label: 四、\n")
    problem = problem_with(project.errors(), "网址 id“same”重复")
    assert problem.line == project.line_of(PLAN, "    id: same\n    label: 四、") + 1


def test_labels_out_of_sequence(project: Project) -> None:
    # 三、工作要求 holds （一）（二）（三）（四）（五）; make it （一）（二）（四）…
    project.edit(GANSU_PLAN, "        label: （三）\n        title: 强化信息支撑",
                 "        label: （四）\n        title: 强化信息支撑")
    problems = [p for p in project.errors() if "不连续" in p.message]
    first = problems[0]
    assert first.file == GANSU_PLAN
    assert first.line == project.line_of(GANSU_PLAN, "label: （四）\n        title: 强化信息支撑")
    assert first.field == "body[2].children[2].label"
    assert "“（四）”不连续" in first.message and "应是（三）" in first.message
    assert "漏录" in first.hint


def test_label_sequence_at_the_top_level(project: Project) -> None:
    # A top-level action that starts again at 一、 is out of sequence too.
    project.edit(PLAN, "    label: 五、\n", "    label: 一、\n")
    problems = [p for p in project.errors() if "不连续" in p.message]
    assert problems[0].line == project.line_of(PLAN, "    label: 一、\n    title: 实施残疾人")
    assert "应是五、" in problems[0].message


@pytest.mark.parametrize("label", ["十十、", "一二、", "二十三十、", "（十十）"])
def test_label_that_is_no_numeral_does_not_crash(project: Project, label: str) -> None:
    project.edit(PLAN, "    label: 三、\n", f"    label: {label}\n")
    problems = project.errors()
    assert problems, "the text no longer matches source.txt"
    for problem in problems:
        assert_well_formed(problem)


def test_large_label_numbers_do_not_crash(project: Project) -> None:
    project.edit(YANGQUAN_PLAN, 'label: "2."', 'label: "150."')
    project.edit(YANGQUAN_PLAN, 'label: "3."', 'label: "152."')
    problems = [p for p in project.errors() if "不连续" in p.message]
    assert any("应是151." in p.message for p in problems), report(problems)


# ---------------------------------------------------------------- quotes and vocabularies


def test_commitment_quote_not_in_its_node_text(project: Project) -> None:
    project.edit(PLAN, "      - quote: 未按比例安置残疾人就业的市属国企，每年至少参与1次",
                 "      - quote: 未按比例安置残疾人就业的市属国企，每年至少参与2次")
    problems = project.errors()
    problem = problem_with(problems, "承诺的引文")
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "quote: 未按比例安置残疾人就业的市属国企，每年至少参与2次")
    assert problem.field == "body[1].commitments[0].quote"
    assert "找不到" in problem.message and "原样复制" in problem.hint
    assert len(problems) == 1, report(problems)


def test_commitment_quote_from_another_node(project: Project) -> None:
    # The sentence exists in the plan, but in the first action, not in the second.
    quote = "      - quote: 未按比例安置残疾人就业的市属国企，每年至少参与1次残疾人专场招聘和残联组织的雇主培训\n"
    project.edit(PLAN, quote, "      - quote: 县级及以上残联机关干部队伍残疾人占比不低于15%\n")
    problems = project.errors()
    problem = problem_with(problems, "承诺的引文")
    assert problem.field == "body[1].commitments[0].quote"


def test_deadline_printed_not_in_the_quote(project: Project) -> None:
    project.edit(PLAN, "        deadline_printed: 2027年底前\n", "        deadline_printed: 2026年底前\n")
    problem = problem_with(project.errors(), "期限的原文写法")
    assert problem.line == project.line_of(PLAN, "deadline_printed: 2026年底前")


def test_unknown_theme_id(project: Project) -> None:
    project.edit(PLAN, "      - public-sector\n", "      - public-sectr\n")
    problems = project.errors()
    problem = problem_with(problems, "主题“public-sectr”不存在")
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "- public-sectr")
    assert "public-sector" in problem.hint
    assert len(problems) == 1, report(problems)


def test_unknown_audience_id(project: Project) -> None:
    project.edit(PLAN, "      - job-seekers\n", "      - jobseekers\n")
    problem = problem_with(project.errors(), "人群“jobseekers”不存在")
    assert problem.line == project.line_of(PLAN, "- jobseekers")
    assert "job-seekers" in problem.hint


def test_citation_quote_not_in_the_plan(project: Project) -> None:
    project.edit(PLAN, "    quote: 《甘肃省促进残疾人就业三年行动实施方案（2025—2027年）》（甘政办发〔2025〕67号）",
                 "    quote: 《甘肃省促进残疾人就业三年行动实施方案（2025—2027年）》（甘政办发〔2025〕76号）")
    problem = problem_with(project.errors(), "引用原文")
    assert problem.line == project.line_of(PLAN, "〔2025〕76号）")
    assert problem.field == "citations[1].quote"


def test_date_issued_before_date_written(project: Project) -> None:
    project.edit(PLAN, "date_written: 2026-04-02", "date_written: 2026-04-03")
    problem = problem_with(project.errors(), "印发日期早于成文日期")
    assert problem.line == project.line_of(PLAN, "date_issued: 2026-04-02")


def test_duplicate_theme_id_in_the_vocabulary(project: Project) -> None:
    themes = "regions/themes.yaml"
    project.edit(themes, "  - id: state-enterprises\n", "  - id: public-sector\n")
    problem = problem_with(project.errors(), "id“public-sector”重复")
    assert problem.file == themes
    assert problem.line == project.line_of(themes, "  - id: public-sector\n    name: 国有企业")


# ---------------------------------------------------------------- every problem at once


def test_three_mistakes_in_one_file_give_three_problems(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n  start: 2026\n  start: 2025\n")  # duplicate key
    project.edit(PLAN, "date_written: 2026-04-02", "date_written: 2026-02-30")  # no such day
    project.edit(PLAN, "  - kind: action\n    label: 二、", "  - kind: actoin\n    label: 二、")
    problems = project.errors()
    assert [(p.file, p.line) for p in problems] == [
        (PLAN, project.line_of(PLAN, "start: 2025")),
        (PLAN, project.line_of(PLAN, "date_written: 2026-02-30")),
        (PLAN, project.line_of(PLAN, "kind: actoin")),
    ], report(problems)
    assert "重复" in problems[0].message
    assert "日期" in problems[1].message
    assert "不是允许的取值" in problems[2].message


def test_three_cross_file_mistakes_in_one_file_give_three_problems(project: Project) -> None:
    project.edit(PLAN, "      - public-sector\n", "      - public-sectr\n")
    project.edit(PLAN, "      - quote: 未按比例安置残疾人就业的市属国企，每年至少参与1次",
                 "      - quote: 未按比例安置残疾人就业的市属国企，每年至少参与2次")
    project.edit(REGION, "    name: 金昌火车站\n", "    name: 金昌站\n")
    problems = project.errors()
    assert sorted(p.line for p in problems) == sorted([
        project.line_of(PLAN, "- public-sectr"),
        project.line_of(PLAN, "每年至少参与2次"),
        project.line_of(PLAN, "        - 金昌火车站"),
    ]), report(problems)


def test_mistakes_in_many_files_are_all_reported(project: Project) -> None:
    project.edit(PLAN, "\n  start: 2026\n", "\n\tstart: 2026\n")  # unreadable plan
    project.edit(REGION, "    name: 金昌火车站\n", "    name: 金昌火车站\n    name: 金昌站\n")
    project.edit(GANSU_PLAN, "        label: （三）\n        title: 强化信息支撑",
                 "        label: （四）\n        title: 强化信息支撑")
    project.edit("regions/themes.yaml", "  - id: state-enterprises\n", "  - id: StateEnterprises\n")
    files = {problem.file for problem in project.errors()}
    assert {PLAN, REGION, GANSU_PLAN, "regions/themes.yaml"} <= files


# ---------------------------------------------------------------- policysite validate


def run_validate(root: Path, github: bool) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "validate"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def break_twice(project: Project) -> tuple[int, int]:
    project.edit(PLAN, "      - public-sector\n", "      - public-sectr\n")
    project.edit(PLAN, "date_issued: 2026-04-02", "date_issued: 2026-04-01")
    return project.line_of(PLAN, "- public-sectr"), project.line_of(PLAN, "date_issued:")


def test_validate_command_fails_with_messages_on_stderr(project: Project) -> None:
    theme_line, date_line = break_twice(project)
    result = run_validate(project.root, github=False)
    assert result.returncode == 1, result
    assert f"{PLAN}:{theme_line}:" in result.stderr
    assert "主题“public-sectr”不存在" in result.stderr
    assert f"{PLAN}:{date_line}:" in result.stderr
    assert "印发日期早于成文日期" in result.stderr
    assert "怎么改：" in result.stderr
    assert "数据检查未通过" in result.stderr
    assert "::error" not in result.stdout + result.stderr


def test_validate_command_on_github_actions_prints_annotations(project: Project) -> None:
    theme_line, date_line = break_twice(project)
    result = run_validate(project.root, github=True)
    assert result.returncode == 1, result
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    pattern = re.compile(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=[^:]+::(.+)$")
    parsed = [pattern.match(line) for line in annotations]
    assert all(parsed), annotations
    places = {(match.group(1), int(match.group(2))) for match in parsed if match}
    assert places == {(PLAN, theme_line), (PLAN, date_line)}
    assert any("public-sectr" in line for line in annotations)
    # Still readable for people in the log.
    assert "主题“public-sectr”不存在" in result.stderr


def test_validate_command_passes_on_clean_data(project: Project) -> None:
    result = run_validate(project.root, github=True)
    assert result.returncode == 0, result.stderr
    assert "数据检查通过" in result.stdout
    assert "::error" not in result.stdout


def test_validate_command_warning_does_not_fail(project: Project,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project.write_bytes(PLAN, b"\xef\xbb\xbf" + project.path(PLAN).read_bytes())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["--root", str(project.root), "validate"]) == 0
    captured = capsys.readouterr()
    assert "BOM" in captured.err
    assert re.search(rf"^::warning file={re.escape(PLAN)},line=1,", captured.out, re.M)


def test_annotation_escapes_newlines_and_percent() -> None:
    problem = Problem("a,b:c.yaml", 3, 4, "x", "第一行\n第二行 100%", "提示")
    line = problem.github()
    assert "\n" not in line
    assert line.startswith("::error file=a%2Cb%3Ac.yaml,line=3,col=4,")
    assert "第一行%0A第二行 100%25" in line
