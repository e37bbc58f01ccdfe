"""Work shared with a forked child (generator/forked.py): the same results, in order, as one
process gives, and a failing child fails the caller."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from generator import forked
from generator.load import load_dataset
from generator.validate import validate_project

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def always_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        pytest.fail("these tests need Linux and two cores, as the build machines have")
    # Earlier tests in the same run may leave a daemon thread (a test server); the functions
    # forked here take no locks, so the one-thread rule is lifted for them.
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "MIN_ITEMS", 1)


def test_results_come_back_in_order(always_fork: None) -> None:
    items = list(range(257))
    results = forked.shared_map(lambda n: (n * n, os.getpid()), items)
    assert [square for square, _ in results] == [n * n for n in items]
    # Two processes did the work: the even items here, the odd ones in the child.
    assert {pid for _, pid in results[0::2]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in results[1::2]}


def test_a_failing_child_fails_the_caller(always_fork: None) -> None:
    def odd_dies(n: int) -> int:
        if n % 2:
            os._exit(3)
        return n

    with pytest.raises(forked.ForkedWorkFailed):
        forked.shared_map(odd_dies, list(range(10)))


def test_the_childs_error_is_raised_here_as_one_process_raises_it(
        always_fork: None, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # An OSError keeps its file name, so the command's Chinese message can name the file.
    def odd_fails(n: int) -> str:
        return (tmp_path / "missing" / str(n)).read_text() if n % 2 else str(n)

    with pytest.raises(FileNotFoundError) as raised:
        forked.shared_map(odd_fails, list(range(10)))
    assert raised.value.filename == str(tmp_path / "missing" / "1")
    assert "Traceback" not in capfd.readouterr().err  # staff see one message, not the child's


def test_few_items_stay_in_this_process() -> None:
    results = forked.shared_map(lambda n: os.getpid(), list(range(forked.MIN_ITEMS - 1)))
    assert set(results) == {os.getpid()}


def test_the_forked_preload_reads_the_same_dataset(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    # load.py reads the YAML files on both cores before its walk: the same plans, regions and
    # problems as one process reads, broken files included.
    project = tmp_path / "project"
    shutil.copytree(REPO_ROOT / "regions", project / "regions")
    broken = next((project / "regions").glob("*/plans/*/plan.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8") + "\nid: twice\n", encoding="utf-8")
    monkeypatch.setattr(forked, "MIN_ITEMS", 10**9)
    alone, alone_problems = load_dataset(project)
    monkeypatch.setattr(forked, "MIN_ITEMS", 1)
    shared, shared_problems = load_dataset(project)
    assert shared_problems == alone_problems and alone_problems
    assert [(p.region_id, p.plan, p.source_text) for p in shared.plans] == \
        [(p.region_id, p.plan, p.source_text) for p in alone.plans]
    assert shared.regions == alone.regions


def test_forked_validation_finds_the_same_problems(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    # Each plan's sources and rules are checked on both cores (load._preloaded and
    # checks.Checker.run): the same problems, in the same order, as one process finds.
    project = tmp_path / "project"
    shutil.copytree(REPO_ROOT / "regions", project / "regions")
    first, second = sorted((project / "regions").glob("*/plans/*/plan.yaml"))[:2]
    source = first.parent / "source.txt"  # changed: a wrong hash and an invisible character
    source.write_text(source.read_text(encoding="utf-8") + "\u200b附\n", encoding="utf-8")
    text = second.read_text(encoding="utf-8")  # a summary promising a number the text lacks
    changed = re.sub(r"(summary: (?:>-\n\s+)?)", r"\1每人补贴999元。", text, count=1)
    assert changed != text
    second.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(forked, "MIN_ITEMS", 10**9)
    _, alone = validate_project(project)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "MIN_ITEMS", 1)
    _, shared = validate_project(project)
    assert shared == alone
    found = "\n".join(f"{p.file} {p.message}" for p in alone)
    assert "SHA-256" in found and "看不见的字符" in found and "999" in found
