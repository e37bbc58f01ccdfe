"""python -m generator.a11y SITE_DIR [--json out.json] [--full-matrix]: a thin command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .browser import BrowserMissingError
from .options import CheckOptions
from .runner import run_checks


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
    return parser.parse_args(argv)


def templates_from(args: argparse.Namespace) -> dict[str, str]:
    if not args.template:
        # Without templates nothing would exercise the modes or the keyboard: use the home page.
        return {"home": "index.html"} if (args.site_dir / "index.html").is_file() else {}
    pairs = [item.partition("=") for item in args.template]
    return {name: page for name, _, page in pairs}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = CheckOptions(
        templates=templates_from(args),
        workers=args.workers,
        full_matrix=args.full_matrix,
        base_path=args.base_path,
        progress=lambda line: print(line, flush=True),
    )
    try:
        report = run_checks(args.site_dir, options)
    except (BrowserMissingError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print()
    print(report.summary_table())
    if args.json:
        args.json.write_text(
            json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if args.statement:
        args.statement.write_text(report.statement_fragment_html(), encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
