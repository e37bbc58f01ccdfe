"""policysite: the command line. It parses arguments and calls library functions, nothing more."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from generator.errors import describe_failure
from generator.problems import format_report, has_errors
from generator.site_engine import DEFAULT_ENGINE, ENGINES


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _print_problems(problems: list) -> None:
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems:
        print(format_report(problems), file=sys.stderr)
        if github:
            print(format_report(problems, github=True))


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.validate import validate_project

    _, problems = validate_project(_root(args))
    _print_problems(problems)
    if has_errors(problems):
        print("数据检查未通过，请按上面的提示修改。", file=sys.stderr)
        return 1
    print("数据检查通过。")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import BuildOptions, build

    # The command line is where a person asks to skip the gate; CI must never publish without it.
    # (Library callers, such as tests building into a temporary folder, decide for themselves.)
    if args.skip_checks and os.environ.get("CI") == "true":
        print("CI 中不允许跳过无障碍检查（--skip-checks）。", file=sys.stderr)
        return 2
    options = BuildOptions(
        root=_root(args),
        output=Path(args.output).absolute() if args.output else None,
        check_accessibility=not args.skip_checks,
        full_matrix=args.full_matrix,
        offline=args.offline,
        engine=args.engine,
    )
    return build(options)


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(_root(args), host=args.host, port=args.port)


def cmd_new_region(args: argparse.Namespace) -> int:
    from generator.scaffold import new_region

    return new_region(_root(args), args.id, args.name, args.level, args.parent, args.code)


def cmd_new_plan(args: argparse.Namespace) -> int:
    from generator.scaffold import new_plan

    return new_plan(_root(args), args.region, args.id, args.title)


def cmd_hash(args: argparse.Namespace) -> int:
    from generator.problems import relative
    from generator.projectfile import read_project_file, sha256_hex

    root, path = _root(args), Path(args.path)
    raw, problems = read_project_file(path, root, relative(path, root))
    if raw is None:
        _print_problems(problems)
        return 1
    print(f"source_sha256: {sha256_hex(raw)}")  # the line to paste into plan.yaml
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importer.run import import_document

    return import_document(_root(args), Path(args.file), args.region, args.plan, args.force)


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.fieldref import FIELDS_PAGE, fields_page
    from generator.schema import write_schemas

    root = _root(args)
    for path in write_schemas(root):
        print(path)
    page = root / FIELDS_PAGE
    page.write_text(fields_page(root), encoding="utf-8", newline="\n")
    print(page)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="policysite",
        description="把促进残疾人就业行动方案的 YAML 数据生成无障碍网站。",
    )
    main.add_argument("--root", default=".", help="项目根目录（默认当前目录）")
    main.add_argument("--debug", action="store_true", help="出错时显示完整的程序调用栈（给开发者）")
    # The same options after the subcommand (`policysite build --debug`); SUPPRESS keeps a
    # value given before the subcommand from being overwritten by the subcommand's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=argparse.SUPPRESS, help="项目根目录（默认当前目录）")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="出错时显示完整的程序调用栈（给开发者）")
    commands = main.add_subparsers(dest="command", required=True)

    commands.add_parser("validate", parents=[common], help="检查 regions/ 中的全部数据").set_defaults(
        run=cmd_validate
    )

    build = commands.add_parser("build", parents=[common], help="检查数据、生成网站并做无障碍检查")
    build.add_argument("--output", help="网站输出目录（默认 site/）")
    build.add_argument("--skip-checks", action="store_true",
                       help="跳过无障碍检查，只用于本地快速预览（CI 中不允许）")
    build.add_argument("--full-matrix", action="store_true",
                       help="每个页面都在所有颜色和字号模式下检查（较慢）")
    build.add_argument("--offline", action="store_true",
                       help="生成可从 file:// 打开的离线版（如拷到U盘）")
    build.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                       help="生成网站的引擎：mkdocs（默认，Material 主题）或 zensical（试用）")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", parents=[common], help="本地预览；修改 YAML 后自动重新生成")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)

    imported = commands.add_parser(
        "import", parents=[common], help="从政府发布的文件（.txt/.html/.docx/.pdf）生成方案草稿，供核对")
    imported.add_argument("file", help="文件路径")
    imported.add_argument("--region", required=True, help="地区 id（地区须已建立）")
    imported.add_argument("--plan", required=True, help="方案 id，例如 2025-2027")
    imported.add_argument("--force", action="store_true", help="替换已有的 plan.yaml")
    imported.set_defaults(run=cmd_import)

    region = commands.add_parser("new-region", parents=[common], help="新建一个地区的 region.yaml")
    region.add_argument("id", help="地区 id，例如 lanzhou")
    region.add_argument("--name", required=True, help="地区名称，例如 兰州市")
    region.add_argument("--level", required=True, choices=["province", "prefecture", "county"])
    region.add_argument("--parent", help="上级地区 id")
    region.add_argument("--code", required=True, help="六位行政区划代码")
    region.set_defaults(run=cmd_new_region)

    plan = commands.add_parser("new-plan", parents=[common], help="在一个地区下新建方案的 plan.yaml")
    plan.add_argument("region", help="地区 id")
    plan.add_argument("id", help="方案 id，例如 2025-2027")
    plan.add_argument("--title", required=True, help="方案标题")
    plan.set_defaults(run=cmd_new_plan)

    hashing = commands.add_parser("hash", parents=[common], help="计算原文文件的 SHA-256，输出填入 plan.yaml 的一行")
    hashing.add_argument("path", help="原文文件路径，例如 regions/lanzhou/plans/2025-2027/source.txt")
    hashing.set_defaults(run=cmd_hash)

    commands.add_parser("schema", parents=[common], help="重新生成 schema/ 中的 JSON Schema 和维护指南的字段说明").set_defaults(
        run=cmd_schema
    )
    return main


def _stop_on_sigterm(signum: int, _frame: object) -> None:
    # A killed build (CI timeout, `kill`) unwinds like Ctrl+C: staging folders are removed and
    # child processes stopped by the same `finally` blocks.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已中断；已发布的网站保持不变。", file=sys.stderr)
        return 130
    except Exception as error:
        # Staff never see a traceback: one Chinese message says which file, what happened and
        # what to do. Developers ask for the traceback with --debug.
        if args.debug:
            traceback.print_exc()
        print(describe_failure(error), file=sys.stderr)
        if not args.debug:
            print("（开发者可加 --debug 查看详细信息。）", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
