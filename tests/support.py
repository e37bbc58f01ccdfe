"""Shared helpers for tests that build small projects in a temporary folder.

A plain module rather than conftest.py: test modules import these names, and a module named
conftest would clash with tests/a11y/conftest.py when both folders are collected.

Tests copy the real regions/ tree (or part of it), break one file the way staff break files,
and look at the problems `validate_project` reports. Expected line numbers are computed from
the edited file itself, so the tests keep working when the data is re-entered or reformatted.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.problems import Problem
from generator.validate import validate_project

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

REPO_ROOT = Path(__file__).resolve().parents[1]
REGIONS = REPO_ROOT / "regions"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A Chinese character: messages shown to staff must contain at least one.
CHINESE = re.compile(r"[\u4e00-\u9fff]")


class Project:
    """A throw-away copy of the project's data, with helpers to break and inspect it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        path = self.path(relative)
        if path.exists():  # source.txt files are read-only in the repository
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
        path.write_bytes(data)

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace `old` by `new`; `old` must occur at least `count` times."""
        text = self.read(relative)
        found = text.count(old)
        assert found >= count, f"{relative}: expected {old!r} at least {count}× (found {found})"
        self.write(relative, text.replace(old, new, count))

    def line_of(self, relative: str, needle: str) -> int:
        """The 1-based line of `needle`'s first character after any leading line breaks (so
        "\nid: x" finds the line that starts with "id: x"); it must occur exactly once."""
        text = self.read(relative)
        found = text.count(needle)
        assert found == 1, f"{relative}: expected {needle!r} exactly once (found {found})"
        start = text.index(needle) + len(needle) - len(needle.lstrip("\n"))
        return text[:start].count("\n") + 1

    def record_source_checksum(self, plan: str) -> None:
        """Record the current SHA-256 of a plan's source.txt in its plan.yaml, as staff do
        after replacing the source on purpose."""
        source = self.path(plan).parent / "source.txt"
        text = self.read(plan)
        recorded = re.search(r"^source_sha256: (\S+)$", text, re.MULTILINE)
        assert recorded, f"{plan}: no source_sha256 line"
        self.edit(plan, recorded.group(0),
                  "source_sha256: " + hashlib.sha256(source.read_bytes()).hexdigest())

    def validate(self) -> list[Problem]:
        return validate_project(self.root)[1]

    def errors(self) -> list[Problem]:
        return [problem for problem in self.validate() if problem.severity == "error"]


def copy_project(destination: Path, plans: list[tuple[str, str]] | None = None) -> Project:
    """Copy regions/ into `destination`: all of it, or only the shared vocabularies, the listed
    (region, plan) folders and the region.yaml of their regions and of those regions' parents
    — a small project validates fast."""
    target = destination / "regions"
    if plans is None:
        shutil.copytree(REGIONS, target)
        return Project(destination)
    target.mkdir(parents=True)
    for vocabulary in REGIONS.glob("*.yaml"):
        shutil.copy2(vocabulary, target / vocabulary.name)
    pending = [region for region, _ in plans]
    while pending:
        region = pending.pop()
        if (target / region).exists():
            continue
        (target / region).mkdir()
        shutil.copy2(REGIONS / region / "region.yaml", target / region / "region.yaml")
        parent = yaml.safe_load((REGIONS / region / "region.yaml").read_text("utf-8")).get("parent")
        if parent:
            pending.append(parent)
    for region, plan in plans:
        shutil.copytree(REGIONS / region / "plans" / plan, target / region / "plans" / plan)
    return Project(destination)


def real_plans() -> list[tuple[str, str]]:
    """(region id, plan id) of every plan in the repository, in a stable order."""
    return sorted((path.parents[2].name, path.parent.name)
                  for path in REGIONS.glob("*/plans/*/plan.yaml"))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A full copy of the real regions/ tree, ready to be broken."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def make_project(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Project]:
    """Build a copy in a fresh folder; for module-scoped and hypothesis tests."""

    def make(plans: list[tuple[str, str]] | None = None) -> Project:
        return copy_project(tmp_path_factory.mktemp("project"), plans)

    return make


def assert_well_formed(problem: Problem) -> None:
    """What every problem shown to staff must have: a place and a Chinese message."""
    assert problem.file, problem
    assert problem.line >= 1 and problem.column >= 1, problem
    assert problem.message.strip() and CHINESE.search(problem.message), problem
    assert problem.severity in ("error", "warning"), problem
    assert "\n" not in problem.github(), problem


@contextlib.contextmanager
def chromium_driver(profile_prefix: str, javascript: bool = True) -> Iterator[WebDriver]:
    """Debian's headless Chromium with the gate's arguments and a fresh profile. A missing or
    mismatched browser fails the test with the command that installs it (never a skip).
    javascript=False: pages run no script (a reader who turned it off)."""
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    from generator.a11y.browser import CHROME_ARGS, INSTALL_HINT

    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.is_file():
            pytest.fail(f"{path} is missing: these tests drive a real browser. "
                        f"Install it with: {INSTALL_HINT}", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in CHROME_ARGS:  # every host but 127.0.0.1 resolves to nothing
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    with tempfile.TemporaryDirectory(prefix=profile_prefix) as profile:
        options.add_argument(f"--user-data-dir={profile}")
        try:
            browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        except WebDriverException as error:
            pytest.fail(f"Chromium did not start ({error.msg}); install a matching pair with: "
                        f"{INSTALL_HINT}", pytrace=False)
        try:
            yield browser
        finally:
            browser.quit()
