"""`policysite new-region` and `new-plan`: files that load, validate and explain every field."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel, TypeAdapter

from generator.cli import main
from generator.model import Plan, Region
from generator.modelerrors import validate_model
from generator.scaffold import (
    EXAMPLES,
    INVALID,
    OK,
    REFUSED,
    TODO,
    _model_of,
    new_plan,
    new_region,
)
from generator.schema import field_descriptions, modeline
from generator.validate import validate_project
from generator.yamlload import load_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "regions", tmp_path / "regions")
    return tmp_path


def _load[M: BaseModel](path: Path, model: type[M]) -> M:
    located, problems = load_yaml(path, path.name)
    assert located is not None and problems == [], problems
    value, invalid = validate_model(model, located, path.name)
    assert value is not None, invalid
    return value


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """model and every model reachable from its fields."""
    found: list[type[BaseModel]] = []
    queue = [model]
    while queue:
        current = queue.pop(0)
        if current in found:
            continue
        found.append(current)
        queue += [m for info in current.model_fields.values()
                  if (m := _model_of(info.annotation)) is not None]
    return found


def _comments(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().lstrip("#").strip() for line in lines if "#" in line.lstrip()[:3]]


def _assert_every_field_explained(path: Path, model: type[BaseModel]) -> None:
    comments = "\n".join(_comments(path))
    descriptions = field_descriptions()
    for current in _models(model):
        for field in current.model_fields:
            text = f"{field}：{descriptions[(current.__name__, field)]}"
            assert text in comments, f"{current.__name__}.{field} is not explained in {path.name}"


# ---------------------------------------------------------------- new-region


def test_new_region_writes_a_valid_self_explaining_file(root: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    code = new_region(root, "lanzhou", "兰州市", "prefecture", "gansu", "620100")
    assert code == OK
    path = root / "regions" / "lanzhou" / "region.yaml"
    region = _load(path, Region)
    assert (region.id, region.name, region.level, region.parent, region.code) == (
        "lanzhou", "兰州市", "prefecture", "gansu", "620100")
    assert path.read_text(encoding="utf-8").splitlines()[0] == modeline(path, root)
    _assert_every_field_explained(path, Region)
    assert "regions/lanzhou/region.yaml" in capsys.readouterr().out
    problems = [p for p in validate_project(root)[1] if p.file.startswith("regions/lanzhou")]
    assert problems == []


def test_new_province_has_no_parent(root: Path) -> None:
    assert new_region(root, "qinghai", "青海省", "province", None, "630000") == OK
    assert _load(root / "regions" / "qinghai" / "region.yaml", Region).parent is None


def test_new_region_refuses_to_overwrite(root: Path, capsys: pytest.CaptureFixture) -> None:
    path = root / "regions" / "jinchang" / "region.yaml"
    before = path.read_bytes()
    assert new_region(root, "jinchang", "金昌市", "prefecture", "gansu", "620300") == REFUSED
    assert path.read_bytes() == before
    assert "已经存在" in capsys.readouterr().err


@pytest.mark.parametrize(("arguments", "expected"), [
    (("Lanzhou", "兰州市", "prefecture", "gansu", "620100"), INVALID),
    (("lan_zhou", "兰州市", "prefecture", "gansu", "620100"), INVALID),
    (("../x", "兰州市", "prefecture", "gansu", "620100"), INVALID),
    (("lanzhou", " ", "prefecture", "gansu", "620100"), INVALID),
    (("lanzhou", "兰州\n市", "prefecture", "gansu", "620100"), INVALID),
    (("lanzhou", "兰州市", "city", "gansu", "620100"), INVALID),
    (("lanzhou", "兰州市", "prefecture", "gansu", "62010"), INVALID),
    (("lanzhou", "兰州市", "prefecture", None, "620100"), INVALID),
    (("gansu2", "甘肃", "province", "gansu", "620000"), INVALID),
    (("lanzhou", "兰州市", "prefecture", "Gansu", "620100"), INVALID),
    (("lanzhou", "兰州市", "prefecture", "nowhere", "620100"), REFUSED),
])
def test_new_region_rejects_bad_arguments(root: Path, capsys: pytest.CaptureFixture,
                                          arguments: tuple, expected: int) -> None:
    before = sorted(p.name for p in (root / "regions").iterdir())
    assert new_region(root, *arguments) == expected
    assert sorted(p.name for p in (root / "regions").iterdir()) == before
    assert "错误" in capsys.readouterr().err


# ---------------------------------------------------------------- new-plan


def test_new_plan_writes_a_valid_skeleton_and_an_empty_source(
        root: Path, capsys: pytest.CaptureFixture) -> None:
    assert new_plan(root, "jinchang", "2028-2029", "金昌市测试方案（2028—2029年）") == OK
    folder = root / "regions" / "jinchang" / "plans" / "2028-2029"
    plan = _load(folder / "plan.yaml", Plan)
    assert (plan.id, plan.title) == ("2028-2029", "金昌市测试方案（2028—2029年）")
    assert plan.body[0].kind == "action"
    assert (folder / "source.txt").read_bytes() == b""
    out = capsys.readouterr().out
    assert "source.txt" in out and "粘贴" in out
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../../schema/plan.schema.json"
    assert TODO in text
    # The checksum of the empty source.txt, and the command that records the pasted one.
    assert plan.source_sha256 == hashlib.sha256(b"").hexdigest()
    assert "policysite hash regions/jinchang/plans/2028-2029/source.txt" in text


def test_new_plan_explains_every_field_of_the_model(root: Path) -> None:
    assert new_plan(root, "jinchang", "2028", "测试方案") == OK
    _assert_every_field_explained(root / "regions" / "jinchang" / "plans" / "2028" / "plan.yaml",
                                  Plan)


def test_new_plan_fails_only_where_staff_still_have_work(root: Path) -> None:
    # Until the text is pasted and placeholders replaced, validate must complain; the file
    # itself must not be the problem (no YAML or model errors).
    assert new_plan(root, "jinchang", "2028", "测试方案") == OK
    problems = [p for p in validate_project(root)[1]
                if p.file.startswith("regions/jinchang/plans/2028/")]
    assert problems
    assert any("原文" in p.message for p in problems)
    assert not any("缺少必填字段" in p.message or "不认识的字段" in p.message for p in problems)


def test_hostile_titles_survive_yaml(root: Path) -> None:
    title = '金昌市: "方案" #1 \\ {x} [y] & *z'
    assert new_plan(root, "jinchang", "2028", title) == OK
    plan = _load(root / "regions" / "jinchang" / "plans" / "2028" / "plan.yaml", Plan)
    assert plan.title == title


def test_numeric_plan_ids_stay_text(root: Path) -> None:
    assert new_plan(root, "yangquan", "2030", "阳泉市测试方案") == OK
    text = (root / "regions" / "yangquan" / "plans" / "2030" / "plan.yaml").read_text("utf-8")
    assert 'id: "2030"' in text


def test_new_plan_refuses_to_overwrite(root: Path, capsys: pytest.CaptureFixture) -> None:
    folder = root / "regions" / "jinchang" / "plans" / "2026-2027"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert new_plan(root, "jinchang", "2026-2027", "任何标题") == REFUSED
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert "已经存在" in capsys.readouterr().err


def test_new_plan_keeps_a_source_pasted_first(root: Path, capsys: pytest.CaptureFixture) -> None:
    folder = root / "regions" / "jinchang" / "plans" / "2028"
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text("原文", encoding="utf-8")
    assert new_plan(root, "jinchang", "2028", "测试方案") == OK
    assert (folder / "source.txt").read_text(encoding="utf-8") == "原文"
    assert "保留原样" in capsys.readouterr().out


@pytest.mark.parametrize(("region", "plan_id", "title", "expected"), [
    ("jinchang", "2028_2029", "标题", INVALID),
    ("jinchang", "../../x", "标题", INVALID),
    ("jinchang", "2028", "", INVALID),
    ("nowhere", "2028", "标题", REFUSED),
])
def test_new_plan_rejects_bad_arguments(root: Path, capsys: pytest.CaptureFixture, region: str,
                                        plan_id: str, title: str, expected: int) -> None:
    assert new_plan(root, region, plan_id, title) == expected
    assert not (root / "regions" / region / "plans" / plan_id).exists()
    assert "错误" in capsys.readouterr().err


# ---------------------------------------------------------------- examples and the CLI


@pytest.mark.parametrize("key", sorted(EXAMPLES), ids=lambda key: ".".join(key))
def test_every_commented_example_is_a_valid_value(key: tuple[str, str]) -> None:
    # Uncommenting an example must give a value the model accepts.
    models = {m.__name__: m for m in _models(Plan) + _models(Region)}
    annotation = models[key[0]].model_fields[key[1]].annotation
    TypeAdapter(annotation).validate_python(EXAMPLES[key])


def test_cli_runs_both_commands(root: Path) -> None:
    assert main(["--root", str(root), "new-region", "lanzhou", "--name", "兰州市",
                 "--level", "prefecture", "--parent", "gansu", "--code", "620100"]) == OK
    assert main(["--root", str(root), "new-plan", "lanzhou", "2025-2027",
                 "--title", "兰州市促进残疾人就业三年行动实施方案（2025—2027年）"]) == OK
    assert main(["--root", str(root), "new-plan", "lanzhou", "2025-2027",
                 "--title", "again"]) == REFUSED
