"""python -m generator.a11y SITE_DIR [--shard i/n] [--cache-dir DIR] [--json out.json] …
   python -m generator.a11y merge REPORT.json … [--json merged.json]

The second form joins the reports of a sweep spread over machines (one per shard) into one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .browser import BrowserMissingError
from .engines import EngineMissingError
from .merge import MergeError, merge_reports
from .options import CheckOptions
from .report import Report
from .runner import run_checks
from .statement import statement_fragment_html
from .summary import summary_table


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m generator.a11y", description="Accessibility gate over a built site."
    )
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--json", type=Path, help="write the JSON report here")
    parser.add_argument("--statement", type=Path, help="write the Chinese HTML fragment here")
    parser.add_argument("--full-matrix", action="store_true", help="every mode on every page")
    parser.add_argument(
        "--template",
        action="append",
        default=[],
        metavar="NAME=PAGE",
        help="a template's representative page (repeatable); default: home=index.html",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--base-path", default="/policysite/")
    parser.add_argument("--shard", type=parse_shard, help="check part i of n (1 ≤ i ≤ n)")
    parser.add_argument("--cache-dir", type=Path, help="reuse passing results kept here")
    return parser.parse_args(argv)


def parse_shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    try:
        shard = int(index), int(count)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write the part as i/n, e.g. 2/4") from None
    if not 1 <= shard[0] <= shard[1]:
        raise argparse.ArgumentTypeError(f"{text!r}: i must be between 1 and n")
    return shard


def templates_from(args: argparse.Namespace) -> dict[str, str]:
    if not args.template:
        # Without templates nothing would exercise the modes or the keyboard: use the home page.
        return {"home": "index.html"} if (args.site_dir / "index.html").is_file() else {}
    pairs = [item.partition("=") for item in args.template]
    return {name: page for name, _, page in pairs}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["merge"]:
        return merge_main(argv[1:])
    args = parse_args(argv)
    options = CheckOptions(
        templates=templates_from(args),
        workers=args.workers,
        full_matrix=args.full_matrix,
        base_path=args.base_path,
        progress=lambda line: print(line, flush=True),
        shard=args.shard,
        cache_dir=args.cache_dir,
    )
    try:
        report = run_checks(args.site_dir, options)
    except (BrowserMissingError, EngineMissingError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return finish(report, args.json, args.statement)


def merge_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.a11y merge")
    parser.add_argument("reports", type=Path, nargs="+")
    parser.add_argument("--json", type=Path, help="write the merged JSON report here")
    parser.add_argument("--statement", type=Path, help="write the Chinese HTML fragment here")
    args = parser.parse_args(argv)
    try:
        parts = [
            Report.from_json(json.loads(path.read_text(encoding="utf-8")))
            for path in args.reports
        ]
        report = merge_reports(parts)
    except (OSError, ValueError, KeyError, MergeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return finish(report, args.json, args.statement)


def finish(report: Report, json_path: Path | None, statement: Path | None) -> int:
    print()
    print(summary_table(report))
    if json_path:
        json_path.write_text(report.json_text(), encoding="utf-8")
    if statement:
        statement.write_text(statement_fragment_html(report), encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
