"""serve's start reuses an earlier build's output only when every input is the same.

A build records a fingerprint of what its output depends on (generator/fingerprint.py);
`Preview.start` starts from that output instead of building again when the fingerprint of the
project as it is now matches. The reused start must serve what a full build gives, also after
an edit, and any changed input must lead to a full build.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from synthetic import write_synthetic_project
from test_preview import COUNTY, REGIONS, assert_same_as_full_build, edit, site_bytes

import generator
from generator import fingerprint, preview
from generator.build import BuildOptions, build, input_fingerprint
from generator.preview import Preview


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    write_synthetic_project(tmp_path, REGIONS, actions_per_plan=2)
    return tmp_path


def serve_options(root: Path) -> BuildOptions:
    return BuildOptions(root=root, output=root / "build" / "preview", check_accessibility=False)


def reusable(root: Path) -> Path | None:
    """The output serve would start from now."""
    return fingerprint.reusable(root / "build" / "docs", input_fingerprint(serve_options(root)))


def counting_builds(monkeypatch: pytest.MonkeyPatch) -> list[BuildOptions]:
    builds: list[BuildOptions] = []

    def counted(options: BuildOptions) -> int:
        builds.append(options)
        return build(options)

    monkeypatch.setattr(preview.site_build, "build", counted)
    return builds


def test_a_start_after_a_build_reuses_it_and_an_edit_still_matches_a_full_build(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project / "site"
    assert build(BuildOptions(root=project, check_accessibility=False)) == 0
    assert reusable(project) == site.resolve()
    published = site_bytes(site)
    builds = counting_builds(monkeypatch)
    served = Preview(project, project / "build" / "preview")
    assert served.start() == 0 and builds == []
    assert site_bytes(served.output) == site_bytes(site)  # a copy: serve never edits site/
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    assert served.update([edit(plan, "summary: ", "summary: 沿用之后")]) == 0
    assert builds == [] and reusable(project) is None
    assert_same_as_full_build(project, served)
    # Edited back: the inputs are the build's again, but the docs folder was changed since.
    assert served.update([edit(plan, "summary: 沿用之后", "summary: ")]) == 0
    assert served.finish() == 0 and reusable(project) is None
    assert site_bytes(site) == published  # serve changed its copy only


def test_serves_own_output_is_reused_by_the_next_start(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Preview(project, project / "build" / "preview").start() == 0
    builds = counting_builds(monkeypatch)
    served = Preview(project, project / "build" / "preview")
    assert served.start() == 0 and builds == []
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    assert served.update([edit(plan, "summary: ", "summary: 第二次启动")]) == 0
    assert_same_as_full_build(project, served)


def test_any_changed_input_is_never_reused(
        project: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(serve_options(project)) == 0
    built = reusable(project)
    assert built is not None
    code = tmp_path_factory.mktemp("code") / "generator"
    shutil.copytree(Path(generator.__file__).parent, code,
                    ignore=shutil.ignore_patterns("__pycache__"))
    plan = next((project / "regions" / COUNTY / "plans").glob("*/plan.yaml"))
    changes = [
        (plan, "summary: ", "summary: 改了"),
        (project / "regions" / "glossary.yaml", "\n", "\n\n"),
        (project / "content" / "help.md", "\n", "\n\n"),
        (project / "mkdocs.yml", "\n", "\n\n"),
        (next((project / "overrides").rglob("*.html")), "\n", "\n\n"),
        (code / "templates" / "action.html", "\n", "\n\n"),
    ]
    monkeypatch.setattr(generator, "__file__", str(code / "__init__.py"))
    for path, old, new in changes:
        edit(path, old, new)
        assert reusable(project) is None, path
        edit(path, new, old)
        assert reusable(project) == built, path  # the same bytes again: the same inputs
    for name, value in [("SOURCE_DATE_EPOCH", "1790000000"),
                        ("POLICYSITE_CONTACT_EMAIL", "x@example.org")]:
        with monkeypatch.context() as changed:
            changed.setenv(name, value)
            assert reusable(project) is None, name
    (project / "regions" / COUNTY / "notes.txt").write_text("新文件", encoding="utf-8")
    assert reusable(project) is None
    (project / "regions" / COUNTY / "notes.txt").unlink()
    assert reusable(project) == built
    # The options that change the output (a checked build fills in the statement page).
    assert input_fingerprint(BuildOptions(root=project)) != input_fingerprint(
        serve_options(project))
    # The recorded folder replaced by another build's: not the one recorded.
    assert build(BuildOptions(root=project, output=built, docs=project / "other-docs",
                              check_accessibility=False)) == 0
    assert reusable(project) is None


def test_a_new_commit_is_a_changed_input(project: Path) -> None:
    """The feed's dates come from git history."""
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    assert build(serve_options(project)) == 0
    assert reusable(project) is not None
    subprocess.run([*git, "commit", "-qm", "two", "--allow-empty"], check=True)
    assert reusable(project) is None


def test_an_edit_during_a_reused_start_takes_a_full_build(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(serve_options(project)) == 0
    help_page = project / "content" / "help.md"
    validate = preview.validate_project

    def edited_meanwhile(root: Path):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(preview, "validate_project", validate)
        edit(help_page, "\n", "\n\n")
        return validate(root)

    monkeypatch.setattr(preview, "validate_project", edited_meanwhile)
    builds = counting_builds(monkeypatch)
    served = Preview(project, project / "build" / "preview")
    assert served.start() == 0 and len(builds) == 1
    assert_same_as_full_build(project, served)


def test_a_link_out_of_the_project_is_never_read(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The fingerprint counts where such a link points (a build refuses it), not what is
    there: nothing outside the project is read."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.md").write_text("外面的文件", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "b.md").write_text("外面的文件", encoding="utf-8")
    (project / "content" / "a.md").symlink_to(outside / "a.md")
    (project / "content" / "folder").symlink_to(outside / "folder")
    options = serve_options(project)
    key = input_fingerprint(options)
    (outside / "a.md").write_text("改过的外面的文件", encoding="utf-8")
    (outside / "folder" / "b.md").write_text("改过的外面的文件", encoding="utf-8")
    (outside / "folder" / "c.md").write_text("新文件", encoding="utf-8")
    assert input_fingerprint(options) == key
    (project / "content" / "a.md").unlink()
    (project / "content" / "a.md").symlink_to(outside / "folder" / "b.md")
    assert input_fingerprint(options) != key
