"""No traceback reaches staff: unexpected failures become one Chinese message; --debug shows it."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import generator.build
from generator import console, exit_status
from generator.cli import main


@pytest.fixture(autouse=True)
def as_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    """`build --skip-checks` as a person runs it locally (CI refuses it at the command line)."""
    monkeypatch.setenv("CI", "false")


def failing_build(error: BaseException):  # type: ignore[no-untyped-def]
    def build(options: generator.build.BuildOptions) -> int:
        raise error
    return build


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.ENOSPC, "No space left on device", "/srv/site/index.html"), "磁盘空间已满"),
    (PermissionError(errno.EACCES, "Permission denied", "regions/a/region.yaml"), "没有读写权限"),
    (OSError(errno.EROFS, "Read-only file system", "/mnt/site"), "只读"),
    (RuntimeError("unexpected"), "程序内部错误"),
])
def test_failures_are_one_chinese_message_without_traceback(
        error: BaseException, words: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setattr(generator.build, "build", failing_build(error))
    assert main(["--root", str(tmp_path), "build", "--skip-checks"]) == 1
    said = capsys.readouterr().err
    assert words in said and "怎么办" in said and "--debug" in said
    assert "Traceback" not in said
    if isinstance(error, OSError):
        assert str(error.filename) in said


def test_debug_shows_the_traceback_after_the_subcommand_too(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", "/srv/site/index.html")
    monkeypatch.setattr(generator.build, "build", failing_build(error))
    assert main(["build", "--root", str(tmp_path), "--skip-checks", "--debug"]) == 1
    said = capsys.readouterr().err
    assert "Traceback" in said and "磁盘空间已满" in said


def test_usage_errors_have_their_own_status_and_a_chinese_hint(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-such-option"]) == exit_status.USAGE
    assert main(["new-region", "x", "--name", "某市", "--level", "city", "--code", "1"]) == \
        exit_status.USAGE
    said = capsys.readouterr().err
    assert "命令用法有误" in said and "Traceback" not in said


@pytest.mark.parametrize(("argv", "chinese"), [
    (["validate", "--verbos"], "没有 --verbos 这个选项（是不是 --verbose？）"),
    (["hash"], "缺少 'PATH'"),
    (["publish"], "没有 publish 这个命令"),
    (["new-region", "x", "--name", "某市", "--level", "city", "--code", "1"],
     "'--level' 只能是 province、prefecture、county 之一"),
    (["serve", "--port", "eighty"], "'--port' 需要一个整数"),
    (["validate", "extra"], "多了参数 extra"),
])
def test_usage_errors_are_explained_in_chinese(
        capsys: pytest.CaptureFixture[str], argv: list[str], chinese: str) -> None:
    assert main(argv) == exit_status.USAGE
    said = capsys.readouterr().err
    assert chinese in said and "Error:" not in said


def test_common_options_are_accepted_after_the_subcommand(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[generator.build.BuildOptions] = []
    monkeypatch.setattr(generator.build, "build", lambda options: seen.append(options) or 0)
    assert main(["build", "--root", str(tmp_path), "-q", "--skip-checks"]) == 0
    assert main(["--root", str(tmp_path), "build", "--skip-checks", "--docs", "d"]) == 0
    assert [options.root for options in seen] == [tmp_path.resolve()] * 2
    assert seen[1].docs == Path("d").absolute()


def test_version_and_help_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("policysite ")
    assert main(["build", "--help"]) == 0
    shown = capsys.readouterr().out
    assert "退出状态" in shown and "网站输出目录" in shown
    option_lines = [line for line in shown.splitlines() if line.lstrip().startswith("-")]
    assert option_lines and all(any("\u4e00" <= c <= "\u9fff" for c in line)
                                for line in option_lines)


def test_quiet_hides_progress_and_verbose_shows_details(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    def talking_build(options: generator.build.BuildOptions) -> int:
        console.say("进度")
        console.detail("细节")
        console.tell("结果")
        return 0

    monkeypatch.setattr(generator.build, "build", talking_build)
    for flag, shown in (("-q", ["结果"]), (None, ["进度", "结果"]), ("-v", ["进度", "细节", "结果"])):
        args = ["build", "--root", str(tmp_path), "--skip-checks", *([flag] if flag else [])]
        assert main(args) == 0
        assert capsys.readouterr().err.split() == shown, flag
