"""Load and check the whole project: the one entry point for `policysite validate` and builds."""

from __future__ import annotations

from pathlib import Path

from generator.checks import validate
from generator.load import Dataset, load_dataset
from generator.problems import Problem
from generator.progress_checks import check_progress


def validate_project(root: Path) -> tuple[Dataset, list[Problem]]:
    dataset, problems = load_dataset(root)
    problems += validate(dataset)
    problems += check_progress(dataset)
    return dataset, sorted(set(problems))
