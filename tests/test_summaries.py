"""Plain-language summaries (通俗说明): the checks of content/guide/summaries.md in
`policysite validate`, and the review record the action page shows.

Each test breaks one summary of a copied plan the way a hurried writer would, and looks for
the problem at the summary's line: errors where a machine is certain (a number the text lacks,
a contact who is not responsible, a missing review record), warnings where a person must judge.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import REPO_ROOT, Project, assert_well_formed, copy_project

from generator.docs_folder import generate_docs
from generator.problems import Problem
from generator.render import Router
from generator.routes import action_source
from generator.sitemodel import build_site_model
from generator.tree import walk
from generator.validate import validate_project

PLAN = "regions/jinchang/plans/2026-2027/plan.yaml"
# The first action's summary and its last sentence, which names whom to ask.
FIRST = "    summary: 机关和事业单位招录时"
ASK = "想报考可咨询市人社局或市残联。"


@pytest.fixture
def jinchang(tmp_path: Path) -> Project:
    return copy_project(tmp_path, [("jinchang", "2026-2027")])


def summary_problems(project: Project) -> list[Problem]:
    return [p for p in project.validate() if ".summary" in p.field]


def only(problems: list[Problem], fragment: str, severity: str) -> Problem:
    found = [p for p in problems if fragment in p.message]
    assert len(found) == 1, "\n".join(p.human() for p in problems)
    assert found[0].severity == severity
    assert_well_formed(found[0])
    assert found[0].hint
    return found[0]


def first_summary_line(project: Project) -> int:
    return project.line_of(PLAN, "\n" + FIRST)


def test_every_real_summary_meets_the_standard() -> None:
    _, problems = validate_project(REPO_ROOT)
    found = [p for p in problems if ".summary" in p.field]
    assert found == [], "\n".join(p.human() for p in found)


def test_a_number_the_text_does_not_contain_is_an_error(jinchang: Project) -> None:
    jinchang.edit(PLAN, "至少定向招录1名残疾人", "至少定向招录3名残疾人")
    problem = only(summary_problems(jinchang), "“3”", "error")
    assert problem.file == PLAN
    assert problem.line == first_summary_line(jinchang)
    assert problem.field == "body[0].summary"


def test_a_chinese_numeral_counts_as_a_number(jinchang: Project) -> None:
    jinchang.edit(PLAN, "至少定向招录1名残疾人", "至少定向招录三名残疾人")
    only(summary_problems(jinchang), "“三名”", "error")


def test_a_number_inside_a_larger_one_does_not_count(jinchang: Project) -> None:
    # The text has 50 and 67: 5 and 6 alone are not in it.
    jinchang.edit(PLAN, "编制50人及以上的市级机关", "编制5人及以上的市级机关")
    only(summary_problems(jinchang), "“5”", "error")


def test_a_contact_who_is_not_responsible_is_an_error(jinchang: Project) -> None:
    # 市卫健委 is in the registry but not responsible for this action.
    jinchang.edit(PLAN, ASK, "想报考可咨询市人社局或市卫健委。")
    problem = only(summary_problems(jinchang), "“市卫健委”", "error")
    assert "市人社局" in problem.hint and "市残联" in problem.hint


def test_a_contact_outside_the_registry_is_an_error(jinchang: Project) -> None:
    jinchang.edit(PLAN, ASK, "想报考可向社区或当地残联咨询。")
    problems = summary_problems(jinchang)
    only(problems, "“社区”", "error")
    only(problems, "“当地残联”", "error")


def test_an_explanation_in_brackets_after_a_contact_is_allowed(jinchang: Project) -> None:
    jinchang.edit(PLAN, ASK, "想报考可咨询市人社局（人力资源和社会保障局）或市残联。")
    assert summary_problems(jinchang) == []


def test_phrases_that_only_look_like_contacts_are_not_checked(jinchang: Project) -> None:
    jinchang.edit(PLAN, ASK, "残疾人可以找工作岗位，招录可向残疾人倾斜。" + ASK)
    assert summary_problems(jinchang) == []


def test_a_summary_that_names_nobody_to_ask_is_a_warning(jinchang: Project) -> None:
    jinchang.edit(PLAN, ASK, "")
    only(summary_problems(jinchang), "可以找谁", "warning")


def test_a_hedge_the_summary_drops_is_a_warning(jinchang: Project) -> None:
    # 七、 says hospitals are only encouraged (鼓励) to create these posts.
    jinchang.edit(PLAN, "summary: 鼓励中医类和二级及以下医疗机构设置盲人医疗按摩岗位，吸纳有资质的盲人就业。"
                  "扶持开办盲人医疗按摩机构，符合条件的纳入基本医疗保险定点机构。支持盲人按摩人员提升学历。",
                  "summary: 有资质的盲人到中医类医疗机构的盲人医疗按摩岗位工作。")
    problem = only(summary_problems(jinchang), "限定词", "warning")
    assert "鼓励" in problem.message


def test_a_long_sentence_is_a_warning(jinchang: Project) -> None:
    long_sentence = "机关和事业单位招录时" + "，可单设岗位、单独录用残疾人" * 4 + "。"
    jinchang.edit(PLAN, "机关和事业单位招录时，可单设岗位、单独录用残疾人，按规定放宽开考比例、学历等条件。",
                  long_sentence + "按规定放宽开考比例、学历等条件。")
    problem = only(summary_problems(jinchang), "个字", "warning")
    assert str(len(long_sentence)) in problem.message


def test_an_unexplained_abbreviation_is_a_warning(jinchang: Project) -> None:
    # 市医保局 is responsible for 七、 and short for 金昌市医疗保障局; no glossary term explains it.
    jinchang.edit(PLAN, "可咨询市残联或市卫健委。", "可咨询市残联或市医保局。")
    problem = only(summary_problems(jinchang), "“市医保局”", "warning")
    assert "金昌市医疗保障局" in problem.message


def test_an_abbreviation_explained_in_brackets_is_accepted(jinchang: Project) -> None:
    jinchang.edit(PLAN, "可咨询市残联或市卫健委。", "可咨询市残联或市医保局（医疗保障局）。")
    assert summary_problems(jinchang) == []


def test_a_summary_without_its_review_record_is_an_error(jinchang: Project) -> None:
    text = jinchang.read(PLAN)
    first = text.index(FIRST)
    record = text.index("    summary_reviewed_on:", first)
    end = text.index("\n", record) + 1
    jinchang.write(PLAN, text[:record] + text[end:])
    problem = only(summary_problems(jinchang), "审核记录", "error")
    assert problem.line == first_summary_line(jinchang)


def test_a_review_before_the_document_was_issued_is_an_error(jinchang: Project) -> None:
    text = jinchang.read(PLAN)
    first = text.index(FIRST)
    record = text.index("    summary_reviewed_on: ", first)
    end = text.index("\n", record)
    jinchang.write(PLAN, text[:record] + "    summary_reviewed_on: 2026-01-05" + text[end:])
    problem = only(jinchang.validate(), "早于方案的印发日期", "error")
    assert problem.field == "body[0].summary_reviewed_on"
    assert problem.line == jinchang.line_of(PLAN, "summary_reviewed_on: 2026-01-05")


def test_the_action_page_marks_the_summary_as_ours_with_its_review(tmp_path: Path) -> None:
    dataset, problems = validate_project(REPO_ROOT)
    assert not [p for p in problems if p.severity == "error"]
    model = build_site_model(dataset, dt.date(2026, 11, 29))
    docs = tmp_path / "docs"
    generate_docs(REPO_ROOT, model, docs, Router())
    action = model.plans[0].actions[0]
    node = action.node
    page = (docs / Router().file(action_source(action))).read_text(encoding="utf-8")
    day = node.summary_reviewed_on
    assert f"本站编写的解释，不是文件原文（{day.year}年{day.month}月{day.day}日审核）：" in page
    assert node.summary_reviewed_by in page
    # Glossary terms in the summary are linked, so the words between links are the summary's.
    assert node.summary[:6] in page


def test_every_summary_has_a_review_record_in_the_real_data() -> None:
    dataset, _ = validate_project(REPO_ROOT)
    for loaded in dataset.plans:
        for placed in walk(loaded.plan):
            node = placed.node
            if node.summary:
                assert node.summary_reviewed_by and node.summary_reviewed_on, placed.path
                assert node.summary_reviewed_on >= loaded.plan.document.date_issued
