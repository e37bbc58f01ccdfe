"""The importer on the real plans: every draft validates, and accuracy can only rise.

benchmarks/import_accuracy.py imports each regions/*/plans/*/source.txt into a scratch project
and compares the draft with the hand-entered plan.yaml. FLOOR holds the level each document
reached (raise it when the importer improves); a plan added later must reach GOAL.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from support import REPO_ROOT, real_plans

GOAL = 0.95
FIGURES = ("nodes", "responsibilities", "corrections", "header")
# The level each document reached on 2026-11-29, in the order of FIGURES.
FLOOR: dict[str, tuple[float, ...]] = {
    "gansu/2022-2024": (1.0, 1.0, 1.0, 1.0),
    "jinchang/2026-2027": (1.0, 1.0, 1.0, 1.0),
    "jinhua/2022-2025": (1.0, 1.0, 1.0, 1.0),
    "wuwei/2025-2027": (1.0, 1.0, 1.0, 1.0),
    "yangquan/2023": (1.0, 1.0, 1.0, 1.0),
}


def _benchmark():
    path = REPO_ROOT / "benchmarks" / "import_accuracy.py"
    spec = importlib.util.spec_from_file_location("import_accuracy", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["import_accuracy"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def measured():
    benchmark = _benchmark()
    return benchmark, benchmark.measure(REPO_ROOT)


@pytest.mark.parametrize("plan", [f"{r}/{p}" for r, p in real_plans()])
def test_draft_validates(measured, plan: str) -> None:
    _, results = measured
    assert results[plan].errors == 0


@pytest.mark.parametrize("plan", [f"{r}/{p}" for r, p in real_plans()])
def test_accuracy_never_falls(measured, plan: str) -> None:
    benchmark, results = measured
    figures = results[plan]
    reached = [benchmark.Figures.ratio(getattr(figures, name)) for name in FIGURES]
    floor = FLOOR.get(plan, (GOAL, GOAL, 0.0, GOAL))
    for name, value, minimum in zip(FIGURES, reached, floor, strict=True):
        assert value >= minimum, f"{plan}: {name} {value:.1%} < {minimum:.1%}"
