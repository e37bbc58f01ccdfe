"""The synthetic projects the scale tests and benchmarks build are valid, dense and repeatable.

Every region has a plan (provinces, prefectures and counties), the plans take more than one of
the real plans' shapes, the project passes validation without a warning, and the same
arguments write the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from synthetic import LOCAL_SHAPES, region_tree, write_synthetic_project

from generator.validate import validate_project

REGIONS = 24  # two provinces' worth of prefectures and counties, in a few seconds


def project_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "regions").rglob("*")) if p.is_file()}


def test_every_region_has_a_valid_plan_in_several_shapes(tmp_path: Path) -> None:
    project = write_synthetic_project(tmp_path, REGIONS)
    dataset, problems = validate_project(tmp_path)
    assert not problems, problems
    levels = {r.id: r.level for r in region_tree(REGIONS)}
    with_plans = {loaded.region_id for loaded in dataset.plans}
    assert with_plans == set(levels) and project.plans == len(levels)
    assert {"province", "prefecture", "county"} == set(levels.values())
    shapes = {loaded.plan.id for loaded in dataset.plans}
    assert len(shapes & {shape.plan for shape in LOCAL_SHAPES}) >= 3, shapes


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    write_synthetic_project(tmp_path / "a", REGIONS)
    write_synthetic_project(tmp_path / "b", REGIONS)
    write_synthetic_project(tmp_path / "c", REGIONS, seed=16)
    first = project_bytes(tmp_path / "a")
    assert first == project_bytes(tmp_path / "b")
    assert first != project_bytes(tmp_path / "c")


def test_the_sparse_case_has_prefecture_plans_only(tmp_path: Path) -> None:
    project = write_synthetic_project(tmp_path, REGIONS, county_plans=False,
                                      province_plans=False, plan_every=2)
    prefectures = sum(1 for r in region_tree(REGIONS) if r.level == "prefecture")
    assert project.plans == (prefectures + 1) // 2
