"""`policysite import`: every kind of file to a draft that validates, and the rules around it.

Documents are made by tests/import_documents.py (a fictional 示例市); the real plans' sources
are imported in tests/test_import_accuracy.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import import_documents as docs
import pytest
import yaml
from support import CHINESE, REGIONS

from generator.cli import main
from generator.validate import validate_project


def make_root(path: Path) -> Path:
    """A project with the shared vocabularies, the province and the fictional region."""
    (path / "regions" / "gansu").mkdir(parents=True)
    for name in ("themes.yaml", "audiences.yaml", "glossary.yaml"):
        shutil.copy(REGIONS / name, path / "regions" / name)
    shutil.copy(REGIONS / "gansu" / "region.yaml", path / "regions" / "gansu")
    (path / "regions" / "shili").mkdir()
    (path / "regions" / "shili" / "region.yaml").write_text(docs.REGION, encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "project")


def run_import(root: Path, file: Path, *extra: str) -> int:
    return main(["--root", str(root), "import", str(file), "--region", "shili",
                 "--plan", "2026-2027", *extra])


def walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from walk(node.get("children", []))


WRITERS: dict[str, Callable[[Path], Path]] = {
    "txt": docs.write_txt, "html": docs.write_html, "docx": docs.write_docx,
    "pdf": docs.write_pdf,
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_kind_of_file_gives_a_draft_that_validates(root: Path, tmp_path: Path,
                                                        kind: str, capsys) -> None:
    file = WRITERS[kind](tmp_path / f"notice.{kind}")
    assert run_import(root, file) == 0
    out = capsys.readouterr().out
    assert "下一步" in out and "policysite validate" in out
    _, problems = validate_project(root)
    assert [p.human() for p in problems if p.severity == "error"] == []
    folder = root / "regions" / "shili" / "plans" / "2026-2027"
    plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["document"]["number"] == "示政办发〔2026〕7号"
    assert str(plan["document"]["date_written"]) == "2026-05-06"
    assert str(plan["document"]["date_issued"]) == "2026-05-08"
    assert plan["document"]["note"] == "此件公开发布"
    assert plan["period"] == {"start": 2026, "end": 2027}
    actions = [n for n in walk(plan["body"]) if n["kind"] == "action"]
    assert [(a["label"], a["title"], a["run_in"]) for a in actions] == [
        ("（一）", "开发就业岗位", True), ("（二）", "加强职业培训", True)]
    assert [a["responsibility"]["organisations"] for a in actions] == [
        ["市人社局", "市残联"], ["市残联", "市示例局"]]
    assert [n["kind"] for n in plan["body"]] == ["part", "part", "part"]
    assert all("summary" not in node for node in walk(plan["body"]))
    region = (root / "regions" / "shili" / "region.yaml").read_text(encoding="utf-8")
    assert "name: 市示例局" in region and "请核对" in region
    if kind == "pdf":
        assert any(c["find"] == "— 1 —" for c in plan["corrections"])


def test_review_comments_and_candidate_commitments_are_comments(root: Path,
                                                                tmp_path: Path) -> None:
    assert run_import(root, docs.write_txt(tmp_path / "notice.txt")) == 0
    text = (root / "regions/shili/plans/2026-2027/plan.yaml").read_text(encoding="utf-8")
    assert "# 请核对：主题是按词语推测的" in text
    assert "# 候选承诺" in text and "#   - 每年组织残疾人职业技能培训不少于200人次" in text
    assert "commitments:" not in text  # proposed, never asserted


def test_source_is_written_unchanged(root: Path, tmp_path: Path) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    file.write_text(file.read_text(encoding="utf-8").replace("\n\n三、", "\n\n— 2 —\n\n三、"),
                    encoding="utf-8")
    assert run_import(root, file) == 0
    source = root / "regions/shili/plans/2026-2027/source.txt"
    assert source.read_text(encoding="utf-8") == file.read_text(encoding="utf-8")
    plan = yaml.safe_load(source.with_name("plan.yaml").read_text(encoding="utf-8"))
    marker = next(c for c in plan["corrections"] if c["find"] == "— 2 —")
    assert marker["replace"] == "" and marker["count"] == 1 and "页码" in marker["reason"]


def test_existing_plan_is_kept_unless_forced(root: Path, tmp_path: Path, capsys) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    assert run_import(root, file) == 0
    plan = root / "regions/shili/plans/2026-2027/plan.yaml"
    plan.write_text("# staff work\n", encoding="utf-8")
    capsys.readouterr()
    assert run_import(root, file) == 1
    err = capsys.readouterr().err
    assert "已经存在" in err and "--force" in err
    assert plan.read_text(encoding="utf-8") == "# staff work\n"
    assert run_import(root, file, "--force") == 0
    assert plan.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_missing_region_says_how_to_create_it(root: Path, tmp_path: Path, capsys) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    code = main(["--root", str(root), "import", str(file), "--region", "nowhere",
                 "--plan", "2026-2027"])
    assert code == 1
    err = capsys.readouterr().err
    assert "policysite new-region nowhere" in err and CHINESE.search(err)
    assert not (root / "regions" / "nowhere").exists()


@pytest.mark.parametrize("name, content", [
    ("notice.odt", b"PK\x03\x04"),
    ("notice.docx", b"not a zip file"),
    ("notice.pdf", b"%PDF-1.4 broken"),
    ("notice.txt", b"   \n\n  "),
])
def test_unreadable_files_are_refused_in_chinese(root: Path, tmp_path: Path, capsys,
                                                 name: str, content: bytes) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    assert run_import(root, file) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and CHINESE.search(err) and "Traceback" not in err
    assert not (root / "regions/shili/plans").exists()


def test_bad_plan_id_is_refused(root: Path, tmp_path: Path) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    assert main(["--root", str(root), "import", str(file), "--region", "shili",
                 "--plan", "../x"]) == 2


def test_same_file_gives_the_same_draft(tmp_path: Path) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    drafts = []
    for name in ("one", "two"):
        root = make_root(tmp_path / name)
        assert run_import(root, file) == 0
        drafts.append([(root / "regions/shili" / relative).read_bytes()
                       for relative in ("plans/2026-2027/plan.yaml", "region.yaml")])
    assert drafts[0] == drafts[1]


def test_missing_summary_is_a_reminder_not_an_error(root: Path, tmp_path: Path) -> None:
    assert run_import(root, docs.write_txt(tmp_path / "notice.txt")) == 0
    _, problems = validate_project(root)
    reminders = [p for p in problems if p.field.endswith(".summary")]
    assert len(reminders) == 2 and {p.severity for p in reminders} == {"warning"}
    assert all(CHINESE.search(p.message) and p.hint for p in reminders)


def test_actions_numbered_afresh_in_each_part_get_distinct_ids(root: Path,
                                                               tmp_path: Path) -> None:
    blocks = [*docs.BLOCKS[:15], "三、深化行动",
              "（一）扩大岗位。各地扩大公益性岗位。（市残联负责）", *docs.BLOCKS[-3:]]
    file = tmp_path / "notice.txt"
    file.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert run_import(root, file) == 0
    _, problems = validate_project(root)
    assert [p.human() for p in problems if p.severity == "error"] == []
    plan = yaml.safe_load((root / "regions/shili/plans/2026-2027/plan.yaml").read_text("utf-8"))
    assert plan["body"][2]["children"][0]["id"] == "3-1"


def test_broken_region_file_is_refused_without_traceback(root: Path, tmp_path: Path,
                                                         capsys) -> None:
    (root / "regions/shili/region.yaml").write_text("id: shili\nname: [\n", encoding="utf-8")
    assert run_import(root, docs.write_txt(tmp_path / "notice.txt")) == 1
    err = capsys.readouterr().err
    assert "region.yaml" in err and "policysite validate" in err and "Traceback" not in err


def test_unwritable_target_is_refused_without_traceback(root: Path, tmp_path: Path,
                                                        capsys) -> None:
    file = docs.write_txt(tmp_path / "notice.txt")
    (root / "regions/shili/plans").write_text("not a folder", encoding="utf-8")
    assert run_import(root, file) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err


def test_web_page_with_the_notice_title_as_page_heading(root: Path, tmp_path: Path) -> None:
    blocks = [b for i, b in enumerate(docs.BLOCKS) if i not in (2, 3)]  # title moved to <h1>
    body = "".join(f"<p>{block}</p>" for block in blocks)
    file = tmp_path / "page.html"
    file.write_text(f"<html><body><h1>{docs.BLOCKS[2]}{docs.BLOCKS[3]}</h1>"
                    "<div class='info'>发布时间：2026-05-08</div>"
                    f"<div class='article'>{body}</div></body></html>", encoding="utf-8")
    assert run_import(root, file) == 0
    plan = yaml.safe_load((root / "regions/shili/plans/2026-2027/plan.yaml").read_text("utf-8"))
    assert plan["document"]["notice_title"] == docs.BLOCKS[2] + docs.BLOCKS[3]
    _, problems = validate_project(root)
    assert [p.human() for p in problems if p.severity == "error"] == []
