"""The project's boundary: nothing from outside the project folder is read or published.

A symbolic link inside the project that points outside it (content/leak.txt → /etc/passwd)
would otherwise be copied into the site or quoted in a message.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.problems import Problem


def leaves_project(root: Path, path: Path) -> bool:
    """True when `path` (following every link on the way) resolves outside `root`."""
    return not path.resolve().is_relative_to(root.resolve())


def links_leaving(root: Path, folder: Path) -> list[Path]:
    """Every symbolic link under `folder` whose target lies outside `root`, in sorted order."""
    found = []
    for parent, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(parent, name)
            if path.is_symlink() and leaves_project(root, path):
                found.append(path)
    return sorted(found)


def outside_link_problems(root: Path, folders: tuple[str, ...]) -> list[Problem]:
    """One problem per link in the published folders (content/, overrides/) leaving the project."""
    problems = []
    for name in folders:
        for link in links_leaving(root, root / name):
            problems.append(Problem(
                file=link.relative_to(root).as_posix(), line=1, column=1, field="",
                message=f"这是一个指向项目以外（{os.readlink(link)}）的符号链接；"
                        "项目以外的文件不会被读取或发布。",
                hint="把需要的文件复制到项目里，再删除这个链接。",
            ))
    return problems
