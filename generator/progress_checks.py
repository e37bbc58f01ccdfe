"""The rules a progress report must follow before the site repeats it.

- its date is not after the build date (a report cannot come from the future);
- its stored text, when given, is a UTF-8 .txt file inside the plan's folder, and the quote
  occurs in it word for word (ignoring whitespace, like the plan's own text);
- its web address, when given, is an http(s) URL.
The status vocabulary is enforced by the model (model.ProgressStatus).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from generator import fidelity
from generator.clock import build_date
from generator.load import Dataset, LoadedPlan
from generator.model import Commitment, ProgressReport
from generator.problems import Problem, dotted, relative
from generator.tree import walk
from generator.yamlload import Path_

# Plain ASCII names only: the file is published beside the plan and its path becomes a URL.
REPORT_FILE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.txt$")
URL = re.compile(r"^https?://[^\s\"'<>]+$")


def plan_commitments(loaded: LoadedPlan) -> Iterator[tuple[Commitment, Path_]]:
    """Every commitment of a plan with its YAML path: plan-level first, then the body's."""
    for index, commitment in enumerate(loaded.plan.commitments):
        yield commitment, ("commitments", index)
    for placed in walk(loaded.plan):
        for index, commitment in enumerate(placed.node.commitments):
            yield commitment, (*placed.path, "commitments", index)


def report_file(loaded: LoadedPlan, name: str) -> Path | None:
    """The stored text of a report, or None when the name is unsafe or leaves the folder."""
    if not REPORT_FILE.match(name):
        return None
    folder = loaded.folder.resolve()
    path = (loaded.folder / name).resolve()
    return path if folder in path.parents else None


def check_progress(dataset: Dataset, today: dt.date | None = None) -> list[Problem]:
    if today is None:
        today = build_date()
    problems: list[Problem] = []
    texts: dict[Path, str | None] = {}
    for loaded in dataset.plans:
        for commitment, path in plan_commitments(loaded):
            for index, report in enumerate(commitment.progress):
                where = (*path, "progress", index)
                problems += _check_report(dataset, loaded, report, where, today, texts)
    return problems


def _check_report(dataset: Dataset, loaded: LoadedPlan, report: ProgressReport, where: Path_,
                  today: dt.date, texts: dict[Path, str | None]) -> list[Problem]:
    found: list[Problem] = []

    def problem(field: tuple, message: str, hint: str) -> None:
        line, column = loaded.located.position((*where, *field))
        found.append(Problem(loaded.file, line, column, dotted((*where, *field)), message, hint))

    if report.date > today:
        problem(("date",), f"报告日期 {report.date.isoformat()} 晚于网站生成日期"
                f" {today.isoformat()}。",
                "只录入已经公开发布的报告；核对日期是否写错（年-月-日）。")
    source = report.source
    if source.url is not None and not URL.match(source.url):
        problem(("source", "url"), f"“{source.url}”不是有效的网址。",
                "从浏览器地址栏复制完整网址，以 http:// 或 https:// 开头。")
    if source.file is None:
        return found
    path = report_file(loaded, source.file)
    if path is None:
        problem(("source", "file"), f"报告原文文件名“{source.file}”不能使用。",
                "把报告全文存为 .txt 文件，放在 plan.yaml 所在文件夹（或其下级文件夹，"
                "例如 reports/），文件名只用英文字母、数字、“-”“_”“.”，"
                "例如 reports/2026-work-summary.txt。")
        return found
    if path not in texts:
        texts[path] = _read(path)
    text = texts[path]
    if text is None:
        problem(("source", "file"), f"找不到或读不出报告原文文件“{source.file}”。",
                f"把报告全文存为 UTF-8 编码的纯文本，放在 "
                f"{relative(loaded.folder, dataset.root)}/{source.file}。")
    elif fidelity.without_whitespace(report.quote) not in fidelity.without_whitespace(text):
        problem(("quote",), f"报告原话在“{source.file}”中找不到。",
                "从报告原文中原样复制这句话（空格和换行可以不同，其他一字不差）。")
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").lstrip("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
