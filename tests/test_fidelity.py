"""The YAML holds each source document word for word.

Over the real data: each plan's source.txt, with its listed corrections and without whitespace,
equals the text the YAML reconstructs, and each source.txt is byte for byte the document as
received (its SHA-256 is recorded in plan.yaml). On broken copies: a changed character is reported on
the YAML field where the text departs, with context, and a wrong correction count is caught.
"""

from __future__ import annotations

import hashlib

import pytest
from support import REPO_ROOT, Project, assert_well_formed, real_plans

from generator import fidelity
from generator.cli import main
from generator.load import Dataset, LoadedPlan, load_dataset
from generator.problems import Problem

PLAN = "regions/jinchang/plans/2026-2027/plan.yaml"
SOURCE = "regions/jinchang/plans/2026-2027/source.txt"
GANSU_PLAN = "regions/gansu/plans/2022-2024/plan.yaml"
YANGQUAN_PLAN = "regions/yangquan/plans/2023/plan.yaml"

PLANS = real_plans()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    data, problems = load_dataset(REPO_ROOT)
    assert not [p for p in problems if p.severity == "error"], [p.human() for p in problems]
    return data


def loaded(dataset: Dataset, region: str, plan: str) -> LoadedPlan:
    for candidate in dataset.plans:
        if (candidate.region_id, candidate.plan.id) == (region, plan):
            return candidate
    raise AssertionError(f"plan {region}/{plan} did not load")


def fidelity_problem(problems: list[Problem]) -> Problem:
    found = [p for p in problems if "与原文不一致" in p.message]
    assert len(found) == 1, "\n".join(p.human() for p in problems)
    assert_well_formed(found[0])
    return found[0]


# ---------------------------------------------------------------- the real data


def test_every_plan_folder_is_loaded(dataset: Dataset) -> None:
    # The count comes from regions/, so adding a document breaks nothing; an empty glob would
    # make the fidelity tests below vacuous.
    assert PLANS, "no plan.yaml found under regions/"
    assert sorted((p.region_id, p.plan.id) for p in dataset.plans) == PLANS


@pytest.mark.parametrize(("region", "plan"), PLANS, ids=[f"{r}/{p}" for r, p in PLANS])
def test_source_with_corrections_equals_the_yaml(dataset: Dataset, region: str,
                                                 plan: str) -> None:
    entry = loaded(dataset, region, plan)
    assert entry.source_text is not None
    divergence, mismatches = fidelity.compare(entry.plan, entry.source_text)
    assert mismatches == []
    assert divergence is None, (
        f"source: …{divergence.source_context}…\nyaml:   …{divergence.yaml_context}…"
    )


@pytest.mark.parametrize(("region", "plan"), PLANS, ids=[f"{r}/{p}" for r, p in PLANS])
def test_every_source_sentence_occurs_in_order(dataset: Dataset, region: str,
                                               plan: str) -> None:
    entry = loaded(dataset, region, plan)
    assert entry.source_text is not None
    corrected, _ = fidelity.apply_corrections(entry.plan, entry.source_text)
    reconstructed = fidelity.without_whitespace("".join(fidelity.plan_text(entry.plan)))
    sentences = fidelity.sentences(corrected)
    assert sentences  # a document (even an excerpt) has text to compare
    position = 0
    for sentence in sentences:
        found = reconstructed.find(sentence, position)
        assert found >= 0, f"not found after offset {position}: {sentence}"
        position = found + len(sentence)
    assert position == len(reconstructed)


@pytest.mark.parametrize(("region", "plan"), PLANS, ids=[f"{r}/{p}" for r, p in PLANS])
def test_pieces_carry_the_path_they_come_from(dataset: Dataset, region: str, plan: str) -> None:
    entry = loaded(dataset, region, plan)
    pieces = list(fidelity.plan_pieces(entry.plan))
    assert "".join(text for _, text in pieces) == "".join(fidelity.plan_text(entry.plan))
    offset = 0
    for path, text in pieces:
        assert entry.located.position(path) != (1, 1) or path == ("id",)
        width = len(fidelity.without_whitespace(text))
        if width:
            assert fidelity.path_at(entry.plan, offset) == path
            assert fidelity.path_at(entry.plan, offset + width - 1) == path
        offset += width


@pytest.mark.parametrize(("region", "plan"), PLANS, ids=[f"{r}/{p}" for r, p in PLANS])
def test_each_source_has_the_checksum_its_plan_records(dataset: Dataset, region: str,
                                                      plan: str) -> None:
    # source.txt must stay byte for byte the document as received; its SHA-256 was recorded
    # when it was checked against the published document.
    entry = loaded(dataset, region, plan)
    raw = (entry.folder / entry.plan.source).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == entry.plan.source_sha256


# ---------------------------------------------------------------- broken copies


def test_character_deleted_from_a_paragraph(project: Project) -> None:
    project.edit(PLAN, "text: 深化市企融合赋能助残就业", "text: 深化市企融合赋能助就业")
    problem = fidelity_problem(project.errors())
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "text: 深化市企融合赋能助就业")
    assert problem.field == "body[1].paragraphs[0].text"
    assert "深化市企融合赋能助残就业" in problem.message  # the source side
    assert "深化市企融合赋能助就业" in problem.message  # the YAML side
    assert "source.txt" in problem.message
    assert "漏字" in problem.hint and "corrections" in problem.hint


def test_character_deleted_from_a_folded_paragraph(project: Project) -> None:
    project.edit(GANSU_PLAN, "实现残疾人就业数据互联互通。做好", "实现残疾人就业数据互联通。做好")
    problem = fidelity_problem(project.errors())
    assert problem.file == GANSU_PLAN
    # The field that holds the paragraph (`text: >-`, the text itself follows on the next line).
    text_line = project.line_of(GANSU_PLAN, "数据互联通。") - 1
    assert problem.line == text_line
    assert "text: >-" in project.read(GANSU_PLAN).splitlines()[text_line - 1]
    assert "互联互通" in problem.message and "互联通" in problem.message


def test_character_added_to_a_paragraph(project: Project) -> None:
    project.edit(PLAN, "text: 深化市企融合赋能助残就业", "text: 深化市企融合赋能助残疾就业")
    problem = fidelity_problem(project.errors())
    assert problem.line == project.line_of(PLAN, "助残疾就业")


def test_word_changed_in_a_title(project: Project) -> None:
    project.edit(PLAN, "title: 实施企业助力残疾人就业行动", "title: 实施企业帮助残疾人就业行动")
    problem = fidelity_problem(project.errors())
    assert problem.line == project.line_of(PLAN, "title: 实施企业帮助")
    assert problem.field == "body[1].title"


def test_wrong_date_in_the_imprint(project: Project) -> None:
    project.edit(PLAN, "date_issued: 2026-04-02", "date_issued: 2026-04-12")
    problem = fidelity_problem(project.errors())
    assert problem.line == project.line_of(PLAN, "date_issued: 2026-04-12")
    assert "2026年4月2日" in problem.message and "2026年4月12日" in problem.message


def test_unit_missing_from_the_cc_list(project: Project) -> None:
    project.edit(PLAN, "    - 市政协办公室\n", "")
    problem = fidelity_problem(project.errors())
    # Reported at the unit that now stands where the missing one was.
    assert problem.line == project.line_of(PLAN, "    - 市委组织部\n")
    assert problem.field == "document.cc[2]"


def test_text_in_source_but_missing_at_the_end(project: Project) -> None:
    source = project.read(SOURCE)
    project.write(SOURCE, source.rstrip() + "\n\n附件：无\n")
    problem = fidelity_problem(project.errors())
    assert problem.line == project.line_of(PLAN, "  date_issued: ")
    assert "附件" in problem.message


def test_correction_whose_count_is_wrong(project: Project) -> None:
    project.edit(YANGQUAN_PLAN, "  - find: — 9 —\n    replace: ''\n    count: 1\n",
                 "  - find: — 9 —\n    replace: ''\n    count: 2\n")
    problems = project.errors()
    found = [p for p in problems if "更正" in p.message]
    assert len(found) == 1, "\n".join(p.human() for p in problems)
    problem = found[0]
    assert problem.file == YANGQUAN_PLAN
    assert problem.line == project.line_of(YANGQUAN_PLAN, "    count: 2\n")
    assert problem.field == "corrections[1].count"
    assert "“— 9 —”" in problem.message
    assert "出现 1 次" in problem.message and "写的是 2 次" in problem.message
    assert "count" in problem.hint
    # The text itself still matches: only the count is wrong.
    assert not [p for p in problems if "与原文不一致" in p.message]


def test_correction_whose_text_is_not_in_the_source(project: Project) -> None:
    project.edit(YANGQUAN_PLAN, "  - find: — 9 —\n", "  - find: —9—\n")
    problems = project.errors()
    count = [p for p in problems if "更正" in p.message]
    assert len(count) == 1 and "出现 0 次" in count[0].message
    # And the page marker it should have removed is now text the YAML lacks.
    assert fidelity_problem(problems).file == YANGQUAN_PLAN


def test_listed_correction_repairs_an_extraction_artifact(project: Project) -> None:
    # A page marker that the extraction left in the middle of a sentence.
    project.edit(SOURCE, "深化市企融合赋能助残\n", "深化市企融合赋能助残\n— 3 —\n")
    project.record_source_checksum(PLAN)
    assert fidelity_problem(project.errors()).line == project.line_of(PLAN, "text: 深化市企融合")
    correction = (
        "corrections:\n"
        "  - find: \"\\n— 3 —\\n\"\n"
        "    replace: ''\n"
        "    count: 1\n"
        "    where: 第二项行动\n"
        "    reason: 页码标记，是文本抽取时带入的。\n"
    )
    project.edit(PLAN, "\nsource: source.txt\n", "\nsource: source.txt\n" + correction)
    assert project.errors() == []


def test_sentences_split_after_chinese_stops() -> None:
    text = "第一句。第二句；\n第三 句！第四句？尾巴"
    assert fidelity.sentences(text) == ["第一句。", "第二句；", "第三句！", "第四句？", "尾巴"]



# ---------------------------------------------------------------- the recorded checksum


def source_changed_problem(problems: list[Problem]) -> Problem:
    found = [p for p in problems if p.field == "source_sha256"]
    assert len(found) == 1, "\n".join(p.human() for p in problems)
    assert_well_formed(found[0])
    return found[0]


def test_an_edited_source_is_caught_even_when_the_yaml_still_matches(project: Project) -> None:
    # Whitespace is ignored by the fidelity check, so only the checksum notices this edit.
    project.write(SOURCE, project.read(SOURCE).replace("\n", "\n ", 1))
    problems = project.errors()
    problem = source_changed_problem(problems)
    assert len(problems) == 1
    assert problem.file == PLAN
    assert problem.line == project.line_of(PLAN, "\nsource_sha256: ")
    assert SOURCE in problem.message and "变了" in problem.message
    assert f"policysite hash {SOURCE}" in problem.hint
    assert f"git checkout -- {SOURCE}" in problem.hint


def test_the_hash_command_prints_the_line_that_fixes_it(project: Project, capsys) -> None:
    project.write(SOURCE, project.read(SOURCE) + "\n")
    assert main(["--root", str(project.root), "hash", str(project.path(SOURCE))]) == 0
    line = capsys.readouterr().out.strip()
    project.edit(PLAN, project.read(PLAN).split("\nsource_sha256: ")[1].split("\n")[0],
                 line.removeprefix("source_sha256: "))
    assert line.startswith("source_sha256: ")
    assert project.errors() == []


def test_a_checksum_that_is_not_one(project: Project) -> None:
    project.edit(PLAN, "\nsource_sha256: ", "\nsource_sha256: ABC")
    problem = source_changed_problem(project.errors())
    assert problem.line == project.line_of(PLAN, "\nsource_sha256: ABC")
    assert "SHA-256" in problem.message and "policysite hash" in problem.hint


def test_a_missing_checksum_says_how_to_compute_it(project: Project) -> None:
    text = project.read(PLAN)
    recorded = text.split("\nsource_sha256: ")[1].split("\n")[0]
    project.edit(PLAN, f"source_sha256: {recorded}\n", "")
    problem = source_changed_problem(project.errors())
    assert "缺少必填字段“source_sha256”" in problem.message
    assert f"policysite hash {SOURCE}" in problem.hint
