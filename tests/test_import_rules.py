"""The importer's rules one by one: artifacts, layout, header dates, responsibilities, kinds."""

from __future__ import annotations

import pytest

from generator.importer import body, clean, header, layout
from generator.importer.header import iso_date
from generator.importer.responsibility import guess_kind, split


def counted(source: str, fixes: list[clean.Fix]) -> str:
    """Apply fixes as validate does, checking each declared count on the way."""
    text = source
    for correction, _ in clean.corrections(source, fixes):
        assert text.count(correction.find) == correction.count
        text = text.replace(correction.find, correction.replace)
    return text


def test_page_markers_and_markdown_marks_become_corrections() -> None:
    source = "# 某某文件\n\n正文第一段。\n\n— 2 —\n\n## 二、措施\n\n---\n\n- 3 -\n"
    text, fixes = clean.character_fixes(source)
    assert "— 2 —" not in text and "- 3 -" not in text and "#" not in text
    assert "---" not in text
    assert text.count("\n") == source.count("\n")  # lines keep their numbers
    assert counted(source, fixes) == text
    marker = next(f for f in fixes if f.find == "— 2 —")
    assert marker.lines == [5] and "页码" in marker.reason


def test_half_width_punctuation_only_among_chinese() -> None:
    source = "按规定(含补贴)办理,金额1,000元。"
    text, fixes = clean.character_fixes(source)
    assert text == "按规定（含补贴）办理，金额1,000元。"
    assert counted(source, fixes) == text


def test_whitespace_inside_a_piece_is_listed_and_counts_hold() -> None:
    source = "到 2025年，全市新增\n\n残疾人就业 5000人以上，手机 APP 等。\n\n二、措施\n"
    lines = layout.split_lines(source)
    pieces = layout.Pieces(source)
    assert pieces.of(lines[:2]) == "到2025年，全市新增残疾人就业5000人以上，手机 APP 等。"
    fixes = clean.whitespace_fixes(source, pieces.spans)
    assert {f.reason for f in fixes} == {clean.LINE_BREAK, clean.STRAY_SPACE}
    corrected = counted(source, fixes)
    assert "二、措施" in corrected and "\n\n二" in corrected  # the real paragraph break stays
    assert "手机 APP 等" in corrected  # spaces around Latin words are the document's own


def test_repeated_character_at_a_page_break_is_proposed_for_review() -> None:
    source = "农村残疾人就业。支持农村残\n\n残疾人就业帮扶基地。"
    text, fixes = clean.character_fixes(source)
    fix = next(f for f in fixes if f.review)
    assert fix.find == "农村残\n\n残疾人" and fix.replace == "农村残疾人"
    assert "农村残疾人就业帮扶基地" in text
    # Characters Chinese doubles on purpose, or a doubling printed elsewhere too, are left alone.
    assert not clean.repeated_at_breaks("确保每个家庭个\n\n个受益，个个受益。")
    assert not clean.repeated_at_breaks("残残疾人。农村残\n\n残疾人就业。")


@pytest.mark.parametrize("printed, expected", [
    ("2026年4月2日", "2026-04-02"),
    ("2023 年 8月 7 日", "2023-08-07"),
    ("2026年2月30日", None),
    ("二〇二六年四月二日", None),
])
def test_chinese_dates(printed: str, expected: str | None) -> None:
    day = iso_date(printed)
    assert (day.isoformat() if day else None) == expected


def test_wrapped_lines_join_until_a_short_line() -> None:
    full = "以有就业需求和就业条件的城乡未就业残疾人为主要对象，多措并举"
    texts = ["一、主要目标", full, full, "稳定扩大就业。", "（一）加强组织领导", full, "完成。"] * 2
    lines = [layout.Line(i + 1, 0, 0, t) for i, t in enumerate(texts)]
    groups = layout.paragraphs(lines, layout.measure(lines))
    assert [len(g) for g in groups] == [1, 3, 1, 2] * 2


def test_unwrapped_text_joins_only_mid_sentence() -> None:
    texts = ["二、实施企业助力行动。深化融合赋能助残", "就业，开发岗位。（市残联负责）",
             "三、实施创业行动。预留岗位。"]
    lines = [layout.Line(i + 1, 0, 0, t) for i, t in enumerate(texts)]
    assert [len(g) for g in layout.paragraphs(lines, layout.measure(lines))] == [2, 1]


@pytest.mark.parametrize("printed, organisations, instruction, lead", [
    ("（市人社局、市残联等按职责分工负责，以下任务均需各县区政府推进落实，不再一一列出）",
     ["市人社局", "市残联", "各县区政府"], "以下任务均需各县区政府推进落实，不再一一列出", False),
    ("（责任单位：市委组织部、市委编办，各县〔市、区〕政府。列第一位的为牵头单位，下同）",
     ["市委组织部", "市委编办", "各县〔市、区〕政府"], None, True),
    ("（市残联和各县（区）政府按职责分工负责）", ["市残联", "各县（区）政府"], None, False),
    ("（牵头单位：市人社局；配合单位：市财政局、市示例局）",
     ["市人社局", "市财政局", "市示例局"], None, True),
    ("责任单位：市残联、市人社局。", ["市残联", "市人社局"], None, False),
    ("（省残联负责）", ["省残联"], None, False),
    ("（责任单位：市人社局、市残联；完成时限：2025年底）", ["市人社局", "市残联"], None, False),
    ("（市人社局、各县区政府按职责分工落实）", ["市人社局", "各县区政府"], None, False),
])
def test_responsibilities_split_into_organisations(printed: str, organisations: list[str],
                                                   instruction: str | None, lead: bool) -> None:
    registry = {"市人社局", "市残联", "市委组织部", "市委编办", "市财政局", "各县区政府",
                "各县（区）政府", "省残联"}
    parts = split(printed, registry)
    assert parts.organisations == organisations
    assert parts.standing_instruction == instruction
    assert parts.lead_first is lead
    assert all(name in printed for name in parts.organisations)


@pytest.mark.parametrize("name, kind", [
    ("市残联", "mass_organisation"), ("市委组织部", "party_department"),
    ("市人社局", "government_department"), ("人行示例市分行", "central_unit"),
    ("示例职业技术学院", "school"), ("各县区政府", "lower_government"),
    ("市残工委成员单位", "coordinating_body"), ("示例经开区", "development_zone"),
])
def test_organisation_kinds_are_guessed_from_names(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


def _structure(texts: list[str]) -> body.Structure:
    structure = body.build(texts)
    body.settle_responsibilities(structure)
    body.assign_kinds(structure.body)
    return structure


def test_sections_actions_and_safeguards() -> None:
    structure = _structure([
        "为促进就业，制定本方案。", "一、主要目标", "到2027年，新增就业100人。", "二、主要任务",
        "（一）促进按比例就业", "1.带头安置。机关带头安排。（市人社局负责）",
        "2.扶持创业。落实补贴。（市残联负责）", "三、保障措施", "（一）加强领导。各地要加强领导。",
    ])
    kinds = [(n.label, n.kind) for n in body.walk(structure.body)]
    assert kinds == [("一、", "part"), ("二、", "part"), ("（一）", "group"), ("1.", "action"),
                     ("2.", "action"), ("三、", "part"), ("（一）", "item")]
    assert structure.preamble == ["为促进就业，制定本方案。"]
    action = structure.body[1].children[0].children[0]
    assert (action.title, action.run_in, action.responsibility) == \
        ("带头安置", True, "（市人社局负责）")


def test_top_level_actions_with_measures_and_a_closing_paragraph() -> None:
    structure = _structure([
        "一、带头安排就业行动", "（一）落实政策。按比例安排。", "（二）放宽条件。放宽开考比例。",
        "责任单位：市人社局、市残联。", "二、权益保障行动", "（三）保障权益。查处歧视。",
        "责任单位：市残联。", "各县区要加大资金支持力度。",
    ])
    assert [(n.label, n.kind) for n in body.walk(structure.body)] == [
        ("一、", "action"), ("（一）", "measure"), ("（二）", "measure"),
        ("二、", "action"), ("（三）", "measure")]
    assert structure.body[0].responsibility == "责任单位：市人社局、市残联。"
    assert structure.closing == ["各县区要加大资金支持力度。"]


def _header(texts: list[str]) -> header.Header:
    text = "\n\n".join(texts) + "\n"
    lines = layout.split_lines(text)
    return header.parse(lines, layout.Pieces(text), layout.measure(lines))


def test_header_with_signature_and_date_on_one_line() -> None:
    parsed = _header([
        "示例县人民政府办公室文件", "示政办发[2026]3号", "示例县人民政府办公室关于印发",
        "示例县促进残疾人就业行动方案的通知", "各乡镇人民政府，县直各部门：",
        "现将《示例县促进残疾人就业行动方案》印发给你们，请认真贯彻执行。",
        "示例县人民政府办公室 2026年3月1日", "示例县促进残疾人就业行动方案",
        "一、主要任务", "（一）开发岗位。开发公益性岗位。（县残联负责）",
        "示例县人民政府办公室2026年3月2日印发",
    ])
    document = parsed.document
    assert document["number"] == "示政办发[2026]3号"
    assert document["notice_title"] == "示例县人民政府办公室关于印发示例县促进残疾人就业行动方案的通知"
    assert document["addressees"] == "各乡镇人民政府，县直各部门"
    assert document["signatory"] == "示例县人民政府办公室"
    assert document["date_written"].isoformat() == "2026-03-01"
    assert (document["printer"], document["date_issued"].isoformat()) == \
        ("示例县人民政府办公室", "2026-03-02")
    assert parsed.title == "示例县促进残疾人就业行动方案"
    assert [line.text for line in parsed.body][:1] == ["一、主要任务"]
    assert parsed.missing == []


def test_comments_cannot_break_out_into_yaml() -> None:
    import yaml

    from generator.importer import draft

    hostile = "引文\nevil: true\u2028other: 1\r# x"
    text = draft.render([hostile], {"id": "p", "title": "标题"}, {("title",): hostile},
                        {("id",): [hostile]})
    assert yaml.safe_load(text) == {"id": "p", "title": "标题"}


def test_number_printed_after_the_title_is_found_and_its_order_kept() -> None:
    parsed = _header([
        "示例县人民政府办公室关于印发示例县促进残疾人就业行动方案的通知", "示政办发〔2026〕3号",
        "各乡镇人民政府：", "现将方案印发给你们。", "示例县人民政府办公室", "2026年3月1日",
        "示例县促进残疾人就业行动方案", "一、主要任务",
    ])
    assert parsed.document["number"] == "示政办发〔2026〕3号"
    assert parsed.order == ["notice_title", "number"]
    assert "number" not in parsed.missing


def test_copy_without_imprint_date_still_finds_cc() -> None:
    parsed = _header([
        "示例县人民政府办公室关于印发示例县促进残疾人就业行动方案的通知", "各乡镇人民政府：",
        "现将方案印发给你们。", "示例县人民政府办公室", "2026年3月1日",
        "示例县促进残疾人就业行动方案", "一、主要任务", "抄送：县委办公室，县人大常委会办公室。",
    ])
    assert parsed.document["cc"] == ["县委办公室", "县人大常委会办公室"]
    assert [line.text for line in parsed.body] == ["一、主要任务"]
    assert {"printer", "date_issued", "number"} <= set(parsed.missing)
