"""Files the loader must not or cannot read: links out of the project, folders, pipes, files
without permission or in the wrong encoding. Each is one Chinese problem naming the file, never
a traceback, and nothing of a file outside the project reaches a message.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from support import Project, assert_well_formed, copy_project

from generator import projectfile
from generator.cli import main
from generator.problems import Problem

PLAN_DIR = "regions/jinchang/plans/2026-2027"
PLAN = f"{PLAN_DIR}/plan.yaml"
SOURCE = f"{PLAN_DIR}/source.txt"
REGION = "regions/jinchang/region.yaml"
SECRET = "机密内容-不得出现在任何提示中"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project whose text must never be quoted."""
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return secret


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """One plan is enough here, and quicker than the whole tree."""
    return copy_project(tmp_path / "project", [("jinchang", "2026-2027")])


def replace_by_link(project: Project, relative: str, target: Path) -> None:
    path = project.path(relative)
    path.unlink()
    path.symlink_to(target)


def the_problem(project: Project, file: str) -> Problem:
    problems = project.validate()
    for problem in problems:
        assert SECRET not in problem.message + problem.hint
        assert "root:x" not in problem.message + problem.hint
    mine = [problem for problem in problems if problem.file == file]
    assert len(mine) == 1, "\n".join(problem.human() for problem in problems)
    assert_well_formed(mine[0])
    return mine[0]


# ---------------------------------------------------------------- links leaving the project


def test_source_linked_outside_is_refused_without_quoting_it(project: Project,
                                                             outside: Path) -> None:
    replace_by_link(project, SOURCE, outside)
    problem = the_problem(project, SOURCE)
    assert "项目文件夹以外" in problem.message
    assert "链接" in problem.hint
    # Nothing is compared with what is not read: no fidelity error quoting the other file.
    assert not [p for p in project.validate() if "与原文不一致" in p.message]


def test_source_linked_to_etc_passwd(project: Project) -> None:
    replace_by_link(project, SOURCE, Path("/etc/passwd"))
    problem = the_problem(project, SOURCE)
    assert "项目文件夹以外" in problem.message
    assert "/etc" not in problem.message


def test_plan_linked_outside_is_refused(project: Project, outside: Path) -> None:
    replace_by_link(project, PLAN, outside)
    problem = the_problem(project, PLAN)
    assert "项目文件夹以外" in problem.message


def test_region_folder_linked_outside_is_refused(project: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere-region"
    (elsewhere).mkdir()
    (elsewhere / "region.yaml").write_text(f"id: x\nname: {SECRET}\n", encoding="utf-8")
    project.path("regions/x").symlink_to(elsewhere, target_is_directory=True)
    problem = the_problem(project, "regions/x")
    assert "项目文件夹以外" in problem.message and "文件夹" in problem.message


def test_a_link_inside_the_project_is_followed(project: Project) -> None:
    kept = project.path("regions/jinchang/original.txt")
    project.path(SOURCE).rename(kept)
    project.path(SOURCE).symlink_to(Path("../../original.txt"))
    assert project.errors() == []


def test_source_path_climbing_out_of_the_plan_folder(project: Project) -> None:
    project.edit(PLAN, "\nsource: source.txt\n", "\nsource: /etc/passwd\n")
    problem = the_problem(project, PLAN)
    assert problem.line == project.line_of(PLAN, "source: /etc")
    assert problem.field == "source"
    assert "不是同一文件夹中的文件名" in problem.message


# ---------------------------------------------------------------- what stands in a file's place


def test_source_is_a_folder(project: Project) -> None:
    project.path(SOURCE).unlink()
    project.path(SOURCE).mkdir()
    problem = the_problem(project, SOURCE)
    assert "文件夹" in problem.message


def test_plan_yaml_is_a_folder(project: Project) -> None:
    project.path(PLAN).unlink()
    project.path(PLAN).mkdir()
    problem = the_problem(project, PLAN)
    assert "文件夹" in problem.message


def test_region_yaml_links_to_a_folder(project: Project) -> None:
    replace_by_link(project, REGION, project.path("regions/jinchang/plans"))
    problem = the_problem(project, REGION)
    assert "文件夹" in problem.message


def test_broken_link(project: Project) -> None:
    replace_by_link(project, SOURCE, project.path(f"{PLAN_DIR}/gone.txt"))
    problem = the_problem(project, SOURCE)
    assert "不存在" in problem.message and "链接" in problem.message


def test_a_pipe_is_not_read(project: Project) -> None:
    project.path(SOURCE).unlink()
    os.mkfifo(project.path(SOURCE))  # reading it would wait for a writer forever
    problem = the_problem(project, SOURCE)
    assert "不是一个普通文件" in problem.message


def test_no_permission(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, for whom chmod 000 changes nothing: fail the open itself.
    real_open = os.open

    def refuse_source(name: str, flags: int, *args: object) -> int:
        if str(name).endswith("source.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(projectfile.os, "open", refuse_source)
    problem = the_problem(project, SOURCE)
    assert "没有读取" in problem.message and "权限" in problem.hint
    assert "Permission" not in problem.message


def test_input_output_error(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def failing_disk(name: str, flags: int, *args: object) -> int:
        if str(name).endswith("plan.yaml"):
            raise OSError(errno.EIO, "Input/output error", name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(projectfile.os, "open", failing_disk)
    problem = the_problem(project, PLAN)
    assert "输入输出错误" in problem.message


def test_source_saved_as_gbk(project: Project) -> None:
    text = project.read(SOURCE)
    project.write_bytes(SOURCE, text.encode("gbk"))
    problems = project.validate()
    problem = [p for p in problems if p.file == SOURCE]
    assert len(problem) == 1 and "不是 UTF-8" in problem[0].message
    first_chinese = next(index for index, char in enumerate(text) if ord(char) > 127)
    assert problem[0].line == text[:first_chinese].count("\n") + 1


def test_the_command_line_reports_without_a_traceback(project: Project, outside: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    replace_by_link(project, SOURCE, outside)
    project.path(PLAN).unlink()
    project.path(PLAN).mkdir()
    assert main(["--root", str(project.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and SECRET not in err
    assert f"{PLAN}:1:1" in err


def test_an_unreadable_vocabulary_is_one_problem_not_one_per_use(project: Project,
                                                                  outside: Path) -> None:
    replace_by_link(project, "regions/themes.yaml", outside)
    problem = the_problem(project, "regions/themes.yaml")
    assert "项目文件夹以外" in problem.message
    assert project.errors() == [problem]


def test_a_folder_that_cannot_be_listed(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real_iterdir = Path.iterdir

    def refuse_plans(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "plans":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse_plans)
    problem = the_problem(project, "regions/jinchang/plans")
    assert "没有读取" in problem.message and "chmod" in problem.hint


def test_plans_is_a_file(project: Project, tmp_path: Path) -> None:
    project.path("regions/jinchang/plans").rename(tmp_path / "plans-moved")
    project.write("regions/jinchang/plans", "不是文件夹\n")
    problem = the_problem(project, "regions/jinchang/plans")
    assert "应该是一个文件夹" in problem.message


def test_regions_linked_outside_is_one_problem(project: Project, tmp_path: Path) -> None:
    project.path("regions").rename(tmp_path / "regions-elsewhere")
    project.path("regions").symlink_to(tmp_path / "regions-elsewhere", target_is_directory=True)
    problems = project.validate()
    assert len(problems) == 1, "\n".join(p.human() for p in problems)
    assert problems[0].file == "regions" and "项目文件夹以外" in problems[0].message


def test_a_link_loop(project: Project) -> None:
    project.path(SOURCE).unlink()
    project.path(SOURCE).symlink_to("loop.txt")
    project.path(f"{PLAN_DIR}/loop.txt").symlink_to("source.txt")
    problem = the_problem(project, SOURCE)
    assert "链接循环" in problem.message
