"""policysite: the command line. It parses arguments and calls library functions, nothing more.

click (as MkDocs and datasette use) gives every option its help, --version, and the same common
options before or after the subcommand (`policysite --root X validate`, `policysite validate
--root X`). Exit statuses are listed in generator/exit_status.py.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import click

from generator import console, exit_status
from generator.errors import describe_failure
from generator.problems import format_report, has_errors
from generator.site_engine import DEFAULT_ENGINE, ENGINES

HELP = "显示本帮助并退出"
# click's wording for these two usage errors (the message is all the exception carries).
UNKNOWN_COMMAND = re.compile(r"^No such command '(.+)'")
EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra arguments? \((.+)\)")
HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class ChineseHelp(click.HelpFormatter):
    """click's headings in Chinese (click ships English only)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or "用法：")

    def section(self, name: str):  # type: ignore[no-untyped-def]
        return super().section(HEADINGS.get(name, name))


class Context(click.Context):
    formatter_class = ChineseHelp


class Command(click.Command):
    context_class = Context


class Group(click.Group):
    context_class = Context
    command_class = Command


@dataclass
class Settings:
    """The common options, from before or after the subcommand (after wins)."""

    root: str = "."
    debug: bool = False
    verbosity: int = console.NORMAL

    def take(self, root: str | None, debug: bool, quiet: bool, verbose: bool) -> None:
        self.root = root if root is not None else self.root
        self.debug = self.debug or debug
        if quiet or verbose:
            self.verbosity = console.QUIET if quiet else console.VERBOSE
        console.set_verbosity(self.verbosity)

    def guard(self, run: Callable[[], int]) -> int:
        """Staff never see a traceback: one Chinese message says which file, what happened and
        what to do. Developers ask for the traceback with --debug."""
        try:
            return run()
        except KeyboardInterrupt:
            console.tell("已中断；已发布的网站保持不变。")
            return exit_status.INTERRUPTED
        except Exception as error:
            if self.debug:
                traceback.print_exc()
            console.tell(describe_failure(error))
            if not self.debug:
                console.tell("（开发者可加 --debug 查看详细信息。）")
            return exit_status.FAILED


def common_options(function: Callable) -> Callable:
    """--root, --debug, -q and -v; None/False means "not given here"."""
    for option in reversed((
        click.option("--root", default=None, metavar="文件夹", help="项目根目录（默认当前目录）"),
        click.option("--debug", is_flag=True, help="出错时显示完整的程序调用栈（给开发者）"),
        click.option("-q", "--quiet", is_flag=True, help="只显示问题和结果，不显示进度"),
        click.option("-v", "--verbose", is_flag=True, help="显示更多细节（如生成引擎的输出）"),
        click.help_option("-h", "--help", help=HELP),
    )):
        function = option(function)
    return function


@click.group(cls=Group, epilog=exit_status.EPILOG, context_settings={"max_content_width": 100})
@common_options
@click.version_option(version("policysite"), "--version", prog_name="policysite",
                      message="%(prog)s %(version)s", help="显示版本号并退出")
@click.pass_context
def policysite(context: click.Context, root: str | None, debug: bool, quiet: bool,
               verbose: bool) -> None:
    """把促进残疾人就业行动方案的 YAML 数据生成无障碍网站。"""
    context.ensure_object(Settings).take(root, debug, quiet, verbose)


def command(name: str, help: str) -> Callable[[Callable[..., int]], click.Command]:
    """A subcommand: `function(root, **its options) -> exit status`, with the common options
    and the failure handling added."""

    def decorate(function: Callable[..., int]) -> click.Command:
        @functools.wraps(function)
        def run(root: str | None, debug: bool, quiet: bool, verbose: bool, **options) -> int:
            settings = click.get_current_context().find_object(Settings) or Settings()
            settings.take(root, debug, quiet, verbose)
            return settings.guard(lambda: function(Path(settings.root).resolve(), **options))

        return policysite.command(name, help=help, short_help=help,
                                  epilog=exit_status.EPILOG)(common_options(run))

    return decorate


def _print_problems(problems: list) -> None:
    if problems:
        console.tell(format_report(problems))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(format_report(problems, github=True))


@command("validate", "检查 regions/ 中的全部数据")
def cmd_validate(root: Path) -> int:
    from generator.validate import validate_project

    _, problems = validate_project(root)
    _print_problems(problems)
    if has_errors(problems):
        console.tell("数据检查未通过，请按上面的提示修改。")
        return exit_status.FAILED
    print("数据检查通过。")
    return exit_status.OK


@command("build", "检查数据、生成网站并做无障碍检查")
@click.option("--output", metavar="文件夹", help="网站输出目录（默认 site/）")
@click.option("--docs", metavar="文件夹", help="生成的页面源文件目录（默认 build/docs/）")
@click.option("--reports", metavar="文件夹", help="无障碍检查报告目录（默认 reports/）")
@click.option("--skip-checks", is_flag=True,
              help="跳过无障碍检查，只用于本地快速预览（CI 中不允许）")
@click.option("--full-matrix", is_flag=True, help="每个页面都在所有颜色和字号模式下检查（较慢）")
@click.option("--offline", is_flag=True, help="生成可从 file:// 打开的离线版（如拷到U盘）")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="生成网站的引擎：mkdocs（Material 主题）或 zensical（试用）")
def cmd_build(root: Path, output: str | None, docs: str | None, reports: str | None,
              skip_checks: bool, full_matrix: bool, offline: bool, engine: str) -> int:
    from generator.build import BuildOptions, build

    # The command line is where a person asks to skip the gate; CI must never publish without it.
    # (Library callers, such as tests building into a temporary folder, decide for themselves.)
    if skip_checks and os.environ.get("CI") == "true":
        console.tell("CI 中不允许跳过无障碍检查（--skip-checks）。")
        return exit_status.REFUSED_IN_CI
    return build(BuildOptions(
        root=root,
        output=Path(output).absolute() if output else None,
        docs=Path(docs).absolute() if docs else None,
        reports=Path(reports).absolute() if reports else None,
        check_accessibility=not skip_checks,
        full_matrix=full_matrix,
        offline=offline,
        engine=engine,
    ))


@command("serve", "本地预览；修改 YAML 后自动重新生成")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听的地址")
@click.option("--port", type=int, default=8000, show_default=True, help="监听的端口")
def cmd_serve(root: Path, host: str, port: int) -> int:
    from generator.serve import serve

    return serve(root, host=host, port=port)


@command("import", "从政府发布的文件（.txt/.html/.docx/.pdf）生成方案草稿，供核对")
@click.argument("file")
@click.option("--region", required=True, help="地区 id（地区须已建立）")
@click.option("--plan", required=True, help="方案 id，例如 2025-2027")
@click.option("--force", is_flag=True, help="替换已有的 plan.yaml")
def cmd_import(root: Path, file: str, region: str, plan: str, force: bool) -> int:
    from generator.importer.run import import_document

    return import_document(root, Path(file), region, plan, force)


@command("new-region", "新建一个地区的 region.yaml")
@click.argument("id")
@click.option("--name", required=True, help="地区名称，例如 兰州市")
@click.option("--level", required=True, type=click.Choice(["province", "prefecture", "county"]),
              help="行政级别：province 省级、prefecture 地级、county 县级")
@click.option("--parent", help="上级地区 id")
@click.option("--code", required=True, help="六位行政区划代码")
def cmd_new_region(root: Path, id: str, name: str, level: str, parent: str | None,
                   code: str) -> int:
    from generator.scaffold import new_region

    return new_region(root, id, name, level, parent, code)


@command("new-plan", "在一个地区下新建方案的 plan.yaml")
@click.argument("region")
@click.argument("id")
@click.option("--title", required=True, help="方案标题")
def cmd_new_plan(root: Path, region: str, id: str, title: str) -> int:
    from generator.scaffold import new_plan

    return new_plan(root, region, id, title)


@command("hash", "计算原文文件的 SHA-256，输出填入 plan.yaml 的一行")
@click.argument("path")
def cmd_hash(root: Path, path: str) -> int:
    from generator.problems import relative
    from generator.projectfile import read_project_file, sha256_hex

    raw, problems = read_project_file(Path(path), root, relative(Path(path), root))
    if raw is None:
        _print_problems(problems)
        return exit_status.FAILED
    print(f"source_sha256: {sha256_hex(raw)}")  # the line to paste into plan.yaml
    return exit_status.OK


@command("schema", "重新生成 schema/ 中的 JSON Schema 和维护指南的字段说明")
def cmd_schema(root: Path) -> int:
    from generator.export import write_schemas
    from generator.fieldref import FIELDS_PAGE, fields_page

    for path in write_schemas(root):
        print(path)
    page = root / FIELDS_PAGE
    page.write_text(fields_page(root), encoding="utf-8", newline="\n")
    print(page)
    return exit_status.OK


def _stop_on_sigterm(signum: int, _frame: object) -> None:
    # A killed build (CI timeout, `kill`) unwinds like Ctrl+C: staging folders are removed and
    # child processes stopped by the same `finally` blocks.
    raise KeyboardInterrupt


def usage_problem(error: click.UsageError) -> str:
    """click's usage errors in Chinese: click ships its messages in English only."""
    if isinstance(error, click.NoSuchOption):
        guesses = "、".join(sorted(error.possibilities or ()))
        return f"没有 {error.option_name} 这个选项" + (f"（是不是 {guesses}？）。" if guesses else "。")
    param = getattr(error, "param", None)
    name = param.get_error_hint(error.ctx) if param is not None and error.ctx else ""
    if isinstance(error, click.MissingParameter):
        return f"缺少 {name}。" if name else "缺少必需的参数。"
    if isinstance(error, click.BadParameter) and param is not None:
        if isinstance(param.type, click.Choice):
            return f"{name} 只能是 {'、'.join(map(str, param.type.choices))} 之一。"
        if param.type is click.INT:
            return f"{name} 需要一个整数。"
        return f"{name} 的取值不对（{error.message}）。"
    if isinstance(error, click.BadOptionUsage):
        return f"{error.option_name} 的用法不对（{error.message}）。"
    command, extra = UNKNOWN_COMMAND.search(error.message), EXTRA_ARGUMENTS.search(error.message)
    if command:
        return f"没有 {command.group(1)} 这个命令。"
    if extra:
        return f"多了参数 {extra.group(1)}（选项要写成 --名称）。"
    return f"{error.message}。"


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        result = policysite.main(args=argv, prog_name="policysite", standalone_mode=False,
                                 obj=Settings())
    except click.UsageError as error:
        if error.ctx is not None:
            console.tell(error.ctx.get_usage())
        console.tell(f"命令用法有误：{usage_problem(error)}运行 policysite --help 查看用法。")
        return exit_status.USAGE
    except click.ClickException as error:
        console.tell(f"命令用法有误：{error.format_message()}")
        return exit_status.USAGE
    except click.Abort:
        console.tell("已中断；已发布的网站保持不变。")
        return exit_status.INTERRUPTED
    finally:
        console.set_verbosity(console.NORMAL)  # for library callers in the same process
    return result if isinstance(result, int) else exit_status.OK


if __name__ == "__main__":
    sys.exit(main())
