"""No command deletes what it did not create; publishing is one step; leftovers never block.

These drive the real `policysite` command line (in-process, or as a process that is killed) on a
small synthetic project, and the publishing functions directly where a crash must be staged.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from synthetic import write_synthetic_project

from generator import exit_status, publish
from generator.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def as_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    """These drive `build --skip-checks` as a person would locally; under CI the command line
    refuses it (tests/test_atomic_build.py covers that refusal)."""
    monkeypatch.setenv("CI", "false")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish") / "project"
    root.mkdir()
    write_synthetic_project(root, regions=3, actions_per_plan=2)
    return root


def run_build(project: Path, output: str | Path) -> int:
    return main(["--root", str(project), "build", "--skip-checks", "--output", str(output)])


def test_output_dot_in_the_project_is_refused_and_nothing_is_deleted(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in project.iterdir())
    monkeypatch.chdir(project)
    assert main(["build", "--skip-checks", "--output", "."]) == 2
    assert "项目文件夹本身" in capsys.readouterr().err
    assert sorted(p.name for p in project.iterdir()) == before
    assert (project / "regions").is_dir()


@pytest.mark.parametrize("where", ["..", "regions", "regions/new", "content/site", ".git/x",
                                   "build/docs"])
def test_the_projects_parents_and_own_folders_are_refused(
        project: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_build(project, project / where) == 2
    said = capsys.readouterr().err
    assert "不能发布到这里" in said
    assert (project / "regions").is_dir() and (project / "content").is_dir()


def test_a_folder_with_other_files_is_refused(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("somebody's work", encoding="utf-8")
    assert run_build(project, tmp_path) == 2
    assert "不是空的" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("where", [".", "..", "regions", "content/docs", "{output}",
                                   "{output}/docs", "notes"])
def test_a_docs_folder_that_holds_other_files_is_refused(
        project: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--docs is emptied by every build: never the project, its folders, the output or a folder
    of somebody's files."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "notes.txt").write_text("somebody's work", encoding="utf-8")
    output = tmp_path / "site"
    docs = where.format(output=output)
    docs_path = Path(docs) if Path(docs).is_absolute() else (
        tmp_path / docs if docs == "notes" else project / docs)
    assert main(["--root", str(project), "build", "--skip-checks", "--output", str(output),
                 "--docs", str(docs_path)]) == exit_status.USAGE
    assert "不能发布到这里" in capsys.readouterr().err
    assert (project / "regions").is_dir() and (project / "content").is_dir()
    assert (tmp_path / "notes" / "notes.txt").is_file() and not output.exists()


def test_docs_and_reports_can_live_outside_the_checkout(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.rmtree(project / "build" / "docs", ignore_errors=True)
    assert main(["--root", str(project), "build", "--skip-checks", "-q", "--output",
                 str(tmp_path / "site"), "--docs", str(work / "docs"),
                 "--reports", str(work / "reports")]) == exit_status.OK
    assert (tmp_path / "site" / "index.html").is_file()
    assert (work / "docs" / "index.md").is_file() and (work / "jieba_user_dict.txt").is_file()
    assert not (project / "build" / "docs").exists()
    # A second build empties the docs folder it made itself.
    assert main(["--root", str(project), "build", "--skip-checks", "-q", "--output",
                 str(tmp_path / "site"), "--docs", str(work / "docs")]) == exit_status.OK


def test_a_file_or_a_symlink_as_output_is_refused(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "site").write_text("a file", encoding="utf-8")
    assert run_build(project, tmp_path / "site") == 2
    assert "已经是一个文件" in capsys.readouterr().err
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    assert run_build(project, tmp_path / "link") == 2
    assert "符号链接" in capsys.readouterr().err
    assert (tmp_path / "site").read_text(encoding="utf-8") == "a file"


def test_published_site_is_readable_by_a_web_server_and_marked(project: Path,
                                                             tmp_path: Path) -> None:
    output = tmp_path / "public"
    old_umask = os.umask(0o077)  # a strict umask must not make a private site
    try:
        assert run_build(project, output) == 0
    finally:
        os.umask(old_umask)
    assert (output / publish.SITE_MARKER).is_file()
    modes = {path: path.stat().st_mode & 0o777 for path in [output, *output.rglob("*")]}
    assert {oct(m) for p, m in modes.items() if p.is_dir()} == {"0o755"}
    assert {oct(m) for p, m in modes.items() if p.is_file()} == {"0o644"}
    # A marked site is replaced by the next build, in place.
    inode = output.stat().st_ino
    assert run_build(project, output) == 0
    assert (output / "index.html").is_file() and output.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_leftovers_of_killed_builds_are_removed_and_running_ones_kept(tmp_path: Path) -> None:
    output = tmp_path / "site"
    dead = tmp_path / ".site-new-dead"
    (dead / "site").mkdir(parents=True)
    (dead / publish.STAGING_MARKER).write_text("x", encoding="utf-8")
    (dead / "site" / "index.html").write_text("half", encoding="utf-8")
    (dead / "site").chmod(0o500)  # read-only leftovers must not block either
    foreign = tmp_path / ".site-new-notours"
    foreign.mkdir()
    with publish.staging_for(output) as running:
        assert not dead.exists()
        assert foreign.is_dir()  # no marker: not ours, left alone
        assert publish.remove_leftovers(output) == []  # a running build's folder is kept
        assert running.folder.is_dir()
    assert not running.folder.exists()


def test_a_build_killed_between_the_fallback_renames_is_repaired(tmp_path: Path) -> None:
    """Where the atomic exchange is unavailable, two renames are used; a kill between them
    leaves no output, and the next start puts the previous site back."""
    output = tmp_path / "site"
    output.mkdir()
    (output / publish.SITE_MARKER).write_text(publish.SITE_MARKER_TEXT, encoding="utf-8")
    (output / "index.html").write_text("previous", encoding="utf-8")
    staging = publish.Staging(tmp_path / ".site-new-killed")
    staging.site.mkdir(parents=True)
    (staging.folder / publish.STAGING_MARKER).write_text("x", encoding="utf-8")
    output.rename(staging.previous)  # the first rename happened, then the process died
    assert not output.exists()
    publish.remove_leftovers(output)
    assert (output / "index.html").read_text(encoding="utf-8") == "previous"
    assert not staging.folder.exists()


def test_publish_swaps_in_one_step(tmp_path: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    (output / "old.html").write_text("old", encoding="utf-8")
    with publish.staging_for(output) as staging:
        staging.site.mkdir()
        (staging.site / "new.html").write_text("new", encoding="utf-8")
        assert publish.exchange(staging.site, output)  # Linux: renameat2(RENAME_EXCHANGE)
        assert (output / "new.html").is_file() and (staging.site / "old.html").is_file()


def processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in command:
                found.append(command)
    return found


def start_build(project: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--skip-checks",
         "--output", str(output)],
        cwd=REPO_ROOT, env={**os.environ, "CI": "false"}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_mkdocs(output: Path, deadline: float = 120) -> Path:
    """The staging folder of a build whose MkDocs process is running."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        for staging in output.parent.glob(f".{output.name}-new-*"):
            if processes_mentioning(f"--site-dir {staging}"):
                return staging
        time.sleep(0.05)
    raise AssertionError("MkDocs never started")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_engine_running_and_the_next_build_cleans_up(
        project: Path, tmp_path: Path, how: signal.Signals) -> None:
    output = tmp_path / "site"
    process = start_build(project, output)
    staging = wait_for_mkdocs(output)
    process.send_signal(how)
    _, err = process.communicate(timeout=60)
    if how == signal.SIGTERM:
        assert process.returncode == 130 and "已中断" in err
        assert not staging.exists()
    end = time.monotonic() + 10
    while processes_mentioning(f"--site-dir {staging}") and time.monotonic() < end:
        time.sleep(0.1)
    assert processes_mentioning(f"--site-dir {staging}") == []
    assert not output.exists()  # nothing half-published
    assert run_build(project, output) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_links_leaving_the_project_are_refused(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    (copy / "content" / "leak.txt").symlink_to(secret)
    (copy / "overrides").mkdir(exist_ok=True)
    (copy / "overrides" / "passwd").symlink_to("/etc/passwd")
    output = tmp_path / "site"
    assert run_build(copy, output) == 1
    said = capsys.readouterr().err
    assert "content/leak.txt" in said and "overrides/passwd" in said and "项目以外" in said
    assert "TOP-SECRET-LINE" not in said and "root:" not in said
    assert not output.exists()


def test_a_site_published_before_the_marker_existed_is_replaced(project: Path,
                                                                tmp_path: Path) -> None:
    output = tmp_path / "site"
    (output / "assets").mkdir(parents=True)
    (output / "assets" / "policysite.css").write_text("/* ours */", encoding="utf-8")
    (output / "index.html").write_text("old site", encoding="utf-8")
    assert run_build(project, output) == 0
    assert (output / publish.SITE_MARKER).is_file()
    assert "old site" not in (output / "index.html").read_text(encoding="utf-8")
