"""Documents as governments really publish them, entered as the staff guide says, and what the
built pages tell readers about them.

The fixtures are small plans made up here (invented places, organisations and text, never a
copy of a real document): a notice published on a web page without a number and without an
imprint (版记), one that prints its title before its number, an excerpt, a plan superseded by
another, and plans citing each other. Each source.txt is the text the YAML prints, so the
fidelity check holds; one carries an extraction artifact listed in `corrections`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from synthetic import copy_site_files, copy_vocabularies, read_plain, region_tree, write_yaml

from generator.build import BuildOptions, build
from generator.fidelity import plan_text
from generator.model import Plan
from generator.projectfile import sha256_hex
from generator.validate import validate_project

PROVINCE, CITY = region_tree(2)
OLD, NEW, WEB, PART = "2023-2025", "2026-2028", "web-2025", "part-2025"
TITLES = {
    OLD: f"{CITY.name}助残就业示范行动方案（2023—2025年）",
    NEW: f"{CITY.name}助残就业示范行动方案（2026—2028年）",
    WEB: f"{CITY.name}残疾人职业培训试点方案",
    PART: f"{CITY.name}残疾人就业服务节选方案",
}
NUMBERS = {OLD: 3, NEW: 5, WEB: 8, PART: 9}  # 发文字号 〔2025〕N号 (NEW's notice prints none)
ARTIFACT = "— 2 —\n"  # a page marker the text extraction left in the OLD plan's source
ORGANISATIONS = [{"id": "renshe", "name": "市人社局", "kind": "government_department"},
                 {"id": "canlian", "name": "市残联", "kind": "mass_organisation"}]


def action(label: str, title: str, text: str, **extra: object) -> dict:
    return {"kind": "action", "label": label, "title": title, "run_in": True,
            "paragraphs": [{"text": text}],
            "responsibility": {"printed": "（市人社局、市残联按职责分工负责）",
                               "organisations": ["市人社局", "市残联"]},
            "summary": "本站编写的示例说明：残疾人可以找市残联报名。",
            "summary_reviewed_by": "本站内容编辑", "summary_reviewed_on": "2026-01-25",
            "themes": ["vocational-skills"], "audiences": ["job-seekers"], **extra}


def plan_data(plan_id: str, **changes: object) -> dict:
    """A complete notice with its plan, in the standard layout; `changes` replace top-level
    keys, and document=… is merged into the document."""
    document = {
        "issuer_mark": f"{CITY.name}人民政府办公室文件",
        "number": f"{CITY.place}政办发〔2025〕{NUMBERS[plan_id]}号",
        "notice_title": f"{CITY.name}人民政府办公室关于印发《{TITLES[plan_id]}》的通知",
        "addressees": "各县区人民政府，市政府各部门",
        "notice": [f"《{TITLES[plan_id]}》已经市政府同意，现印发给你们，请认真执行。"],
        "signatory": f"{CITY.name}人民政府办公室",
        "date_written": "2025-03-02",
        "printer": f"{CITY.name}人民政府办公室",
        "date_issued": "2025-03-05",
    }
    document.update(changes.pop("document", {}))  # type: ignore[arg-type]
    return {
        "id": plan_id, "title": TITLES[plan_id], "period": {"start": 2025, "end": 2027},
        "document": {key: value for key, value in document.items() if value is not None},
        "preamble": ["为帮助残疾人就业，制定本方案。到2027年，全市培训残疾人800人以上。"],
        "commitments": [{"quote": "到2027年，全市培训残疾人800人以上", "what": "全市培训残疾人",
                         "comparator": "以上", "value": 800, "unit": "人",
                         "deadline": "2027-12-31", "deadline_printed": "到2027年"}],
        "body": [action("一、", "开展技能培训", "每年组织一次培训，帮助残疾人学会一门手艺。"),
                 action("二、", "提供岗位信息", "在服务大厅张贴岗位信息，方便残疾人查看。")],
        **changes,
    }


def write_plan(root: Path, data: dict, artifact: str = "") -> Plan:
    """plan.yaml, and source.txt as the text the plan prints (with `artifact` inserted after
    its first paragraph of the notice, where a page break fell)."""
    folder = root / "regions" / CITY.id / "plans" / data["id"]
    # The checksum of source.txt is known only once the text is: write a placeholder first.
    write_yaml(folder / "plan.yaml", {**data, "source_sha256": "0" * 64})
    plan = Plan.model_validate(read_plain(folder / "plan.yaml"))
    pieces = list(plan_text(plan))
    notice_at = pieces.index(plan.document.notice[0]) + 1 if plan.document.notice else 0
    text = "\n".join(pieces[:notice_at]) + "\n" + artifact + "\n".join(pieces[notice_at:])
    source = (text + "\n").encode("utf-8")
    (folder / "source.txt").write_bytes(source)
    write_yaml(folder / "plan.yaml", {**data, "source_sha256": sha256_hex(source)})
    return plan


def write_documents(root: Path) -> None:
    copy_site_files(root)
    copy_vocabularies(root)
    for region in (PROVINCE, CITY):
        data = {"id": region.id, "name": region.name, "level": region.level, "code": region.code}
        if region.parent:
            data["parent"] = region.parent
        if region is CITY:
            data["organisations"] = ORGANISATIONS
        write_yaml(root / "regions" / region.id / "region.yaml", data)
    write_plan(root, plan_data(
        OLD, status={"superseded_by": f"{CITY.id}/{NEW}", "note": "示例：新方案印发后本方案停止执行。"},
        citations=[{"title": TITLES[PART], "quote": "为帮助残疾人就业"}],
        corrections=[{"find": ARTIFACT, "replace": "", "count": 1, "where": "通知与方案之间",
                      "reason": "页码标记，是文本抽取时带入的。"}],
    ), artifact=ARTIFACT)
    # A notice published on a web page: no number, no imprint, a date of publication.
    write_plan(root, plan_data(
        NEW, document={"number": None, "issuer_mark": None, "printer": None, "date_issued": None,
                       "date_published": "2026-01-20"},
        citations=[{"title": TITLES[WEB], "number": f"{CITY.place}政办发〔2025〕8号",
                    "quote": "为帮助残疾人就业"}],
    ))
    # A web page printing the title first, then the number; no imprint.
    write_plan(root, plan_data(
        WEB, document={"issuer_mark": None, "header_order": ["notice_title", "number"],
                       "printer": None, "date_issued": None}))
    # An excerpt: the plan's first two parts, without the cover notice or anything after.
    part = plan_data(PART, excerpt={"holds": "方案第一、二部分", "missing": "印发通知、方案第三部分和附件",
                                    "reason": "政府网站只公开了这些部分"})
    del part["document"]
    write_plan(root, part)


@dataclass
class Site:
    root: Path
    html: Path

    def text(self, page: str) -> str:
        """The visible text of a page's content (between the h1's wrapper and the footer)."""
        html = (self.html / page / "index.html").read_text(encoding="utf-8")
        html = html[html.index('<div class="ps-page"'):]
        html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
        return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", " ", html)))

    def source(self, page: str) -> str:
        return (self.html / page / "index.html").read_text(encoding="utf-8")


def plan_page(plan_id: str, rest: str = "") -> str:
    return f"regions/{CITY.id}/{plan_id}/{rest}".rstrip("/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("documents")
    write_documents(root)
    _, problems = validate_project(root)
    assert not problems, "\n".join(problem.human() for problem in problems)
    assert build(BuildOptions(root=root, output=root / "site", check_accessibility=False)) == 0
    return Site(root, root / "site")


def links_to(site: Site, page: str, target_plan: str, words: str) -> bool:
    """Whether `page` has a link with `words` to the plan page of `target_plan`."""
    pattern = rf'<a href="([^"]*{re.escape(target_plan)}/)"[^>]*>{re.escape(words)}</a>'
    return re.search(pattern, site.source(page)) is not None


# ---------------------------------------------------------------- a notice without a number


def test_no_number_is_said_and_nothing_stands_in_for_it(site: Site) -> None:
    text = site.text(plan_page(NEW))
    assert "发文字号原文中没有" in text
    assert "政办发" not in text.split("依据和引用的文件")[0]  # only the cited plan's number
    notice = site.source(plan_page(NEW)).split('id="notice"')[1].split("</section>")[0]
    assert "None" not in notice and "<p></p>" not in notice


# ---------------------------------------------------------------- a notice without 版记


def test_no_imprint_is_said_and_the_publication_date_is_its_own_fact(site: Site) -> None:
    text = site.text(plan_page(NEW))
    assert "印发日期原文中没有" in text and "印发机关原文中没有" in text
    assert "网站发布日期2026年1月20日" in text
    full = site.text(plan_page(NEW, "full-text"))
    assert "印发" not in full.split(TITLES[NEW])[-1].split("本站对原文的更正")[0]
    assert 'id="imprint"' not in site.source(plan_page(NEW, "full-text"))


# ---------------------------------------------------------------- the title printed first


def test_header_is_shown_in_the_printed_order(site: Site) -> None:
    number = f"{CITY.place}政办发〔2025〕8号"
    for page in (plan_page(WEB), plan_page(WEB, "full-text")):
        notice = site.text(page).split("印发通知", 1)[1]
        assert notice.index("关于印发") < notice.index(number), page
    data = json.loads((site.html / "data" / CITY.id / f"{WEB}.json").read_text("utf-8"))
    assert data["document"]["header_order"] == ["notice_title", "number"]


# ---------------------------------------------------------------- an excerpt


def test_an_excerpt_says_what_it_holds_and_what_is_missing(site: Site) -> None:
    for page in (plan_page(PART), plan_page(PART, "full-text"), plan_page(PART, "actions/1")):
        text = site.text(page)
        assert "本站只收录了这份文件的一部分，不是全文" in text, page
        assert "收录了：方案第一、二部分" in text and "缺少：印发通知、方案第三部分和附件" in text
    full = site.text(plan_page(PART, "full-text"))
    assert "这是文件的全部文字" not in full and "这是本站收录的那部分文件的全部文字" in full
    assert "这是文件的全部文字" in site.text(plan_page(WEB, "full-text"))
    data = json.loads((site.html / "data" / CITY.id / f"{PART}.json").read_text("utf-8"))
    assert data["excerpt"] == {"holds": "方案第一、二部分", "missing": "印发通知、方案第三部分和附件",
                               "reason": "政府网站只公开了这些部分"}
    feed = (site.html / "feed.xml").read_text(encoding="utf-8")
    assert "本站只收录了文件的一部分：方案第一、二部分" in feed
    downloads = site.text("data")  # the CSV files are offered with the same warning
    for kind in ("完整数据", "行动清单", "承诺和期限"):
        assert f"{TITLES[PART]}（节选：本站只收录了文件的一部分）：{kind}" in downloads, kind


def test_an_excerpt_without_the_notice_claims_nothing_about_it(site: Site) -> None:
    text = site.text(plan_page(PART))
    for fact in ("发文机关", "发文字号", "成文日期", "印发日期", "主送", "抄送", "印发机关"):
        assert f"{fact}本站收录的部分中没有" in text, fact
    assert "收录范围节选" in text
    assert 'id="notice"' not in site.source(plan_page(PART))
    assert 'id="notice"' not in site.source(plan_page(PART, "full-text"))


# ---------------------------------------------------------------- succession


def test_every_page_of_a_superseded_plan_links_to_its_successor(site: Site) -> None:
    for page in (plan_page(OLD), plan_page(OLD, "full-text"), plan_page(OLD, "actions/1"),
                 plan_page(OLD, "actions/2")):
        assert "本方案已被新方案取代" in site.text(page), page
        assert links_to(site, page, NEW, TITLES[NEW]), page
    text = site.text(plan_page(OLD))
    assert f"{CITY.id}/{NEW}" not in text  # never the raw id
    assert "本站说明：示例：新方案印发后本方案停止执行。" in text  # status.note, marked as ours


def test_the_region_page_links_the_successor_too(site: Site) -> None:
    region = f"regions/{CITY.id}"
    assert f"已被新方案取代：{TITLES[NEW]}）" in site.text(region)
    assert links_to(site, region, NEW, TITLES[NEW])


def test_the_successor_links_back(site: Site) -> None:
    assert f"本方案取代了{TITLES[OLD]}" in site.text(plan_page(NEW))
    assert links_to(site, plan_page(NEW), OLD, TITLES[OLD])
    assert "本方案已被新方案取代" not in site.text(plan_page(NEW))


# ---------------------------------------------------------------- citations


def test_a_cited_plan_shows_which_plans_cite_it(site: Site) -> None:
    # NEW cites WEB by its number, OLD cites PART by its title (it prints no number).
    for cited, citing in ((WEB, NEW), (PART, OLD)):
        text = site.text(plan_page(cited))
        assert "被以下方案引用" in text and TITLES[citing] in text.split("被以下方案引用")[1]
        assert re.search(rf'href="[^"]*{citing}/#citations"', site.source(plan_page(cited)))
        assert links_to(site, plan_page(citing), cited, f"《{TITLES[cited]}》")
    assert "被以下方案引用" not in site.text(plan_page(OLD))


# ---------------------------------------------------------------- corrections and commitments


def test_the_full_text_page_lists_every_correction(site: Site) -> None:
    source = site.source(plan_page(OLD, "full-text"))
    table = source.split('id="corrections"')[1]
    assert "<caption>本站对原文的更正</caption>" in table
    assert re.search(r"<th scope=\"row\">“— 2 —〔换行〕”</th><td>（删去）</td>"
                     r"<td>通知与方案之间</td><td>页码标记，是文本抽取时带入的。</td>", table)
    assert "没有。本页文字与“下载原文”提供的原文逐字相同" in site.text(plan_page(NEW, "full-text"))


def test_comparators_after_the_number_stay_after_it(site: Site) -> None:
    text = site.text(plan_page(OLD))
    assert "800人以上" in text and "以上800人" not in text


def test_every_entry_of_the_commitments_page_links_to_where_it_is_printed(site: Site) -> None:
    source = site.source("commitments/2027")
    rows = re.findall(r'<th scope="row">(.*?)</th>', source)
    assert rows and all(row.startswith("<a href=") for row in rows), rows
    assert re.search(rf'<a href="[^"]*{OLD}/#body">全市培训残疾人</a>', source)


# ---------------------------------------------------------------- what staff are told


def errors(root: Path) -> list:
    return [p for p in validate_project(root)[1] if p.severity == "error"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_documents(tmp_path)
    return tmp_path


def plan_yaml(root: Path, plan_id: str) -> Path:
    return root / "regions" / CITY.id / "plans" / plan_id / "plan.yaml"


def test_title_printed_first_without_header_order_points_at_header_order(project: Path) -> None:
    edit(plan_yaml(project, WEB), "  header_order:\n  - notice_title\n  - number\n", "")
    found = errors(project)
    assert len(found) == 1 and "与原文不一致" in found[0].message, found
    assert found[0].field.startswith("document.")
    assert "header_order: [notice_title, number]" in found[0].hint


def test_a_number_the_source_does_not_print_points_at_deleting_it(project: Path) -> None:
    edit(plan_yaml(project, NEW), "  notice_title:", "  number: 安宁政办发〔2026〕1号\n  notice_title:")
    found = errors(project)
    assert len(found) == 1 and found[0].field == "document.number", found
    assert "删掉 number" in found[0].hint


def test_an_imprint_the_source_does_not_print_points_at_deleting_it(project: Path) -> None:
    edit(plan_yaml(project, NEW), "  date_published:", "  printer: 安宁市人民政府办公室\n  date_published:")
    found = errors(project)
    assert len(found) == 1 and found[0].field == "document.printer", found
    assert "删掉 printer 和 date_issued" in found[0].hint


def test_header_order_must_list_what_the_document_prints(project: Path) -> None:
    edit(plan_yaml(project, WEB), "  - number\n", "  - number\n  - issuer_mark\n  - number\n")
    messages = [p.message for p in errors(project)]
    assert any("没有填写 issuer_mark" in m for m in messages), messages
    assert any("“number”列了两次" in m for m in messages), messages


def test_a_plan_that_fails_to_load_brings_no_error_into_another_file(project: Path) -> None:
    edit(plan_yaml(project, NEW), "title:", "titel:")
    found = errors(project)
    assert {p.file for p in found} == {f"regions/{CITY.id}/plans/{NEW}/plan.yaml"}, found


def test_a_whole_document_needs_its_notice(project: Path) -> None:
    edit(plan_yaml(project, WEB), "  addressees: 各县区人民政府，市政府各部门\n", "")
    found = [p for p in errors(project) if "addressees" in p.message]
    assert len(found) == 1 and found[0].field == "document.addressees", found
    assert not [p for p in errors(project) if "与原文不一致" in p.message]  # no cascade
    assert "excerpt" in found[0].hint and found[0].line > 1


def test_an_empty_required_field_is_not_told_to_be_deleted(project: Path) -> None:
    edit(plan_yaml(project, NEW), f"\ntitle: {TITLES[NEW]}\n", "\ntitle: ''\n")
    (found,) = [p for p in errors(project) if p.field == "title"]
    assert "删掉" not in found.hint
    edit(plan_yaml(project, OLD), "  printer: 安宁市人民政府办公室", "  printer: ''")
    (optional,) = [p for p in errors(project) if p.field == "document.printer"]
    assert "删掉这个字段" in optional.hint
