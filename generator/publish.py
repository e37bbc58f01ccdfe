"""Where a site may be published, and how: a staging folder beside the output, one atomic swap.

Rules that keep every command from deleting what it did not create:
- the output folder is missing, empty, or carries SITE_MARKER (a site this tool published);
- it is never the project root, a parent of it, or inside one of the project's own folders;
- staging folders carry STAGING_MARKER, held under an exclusive lock while their build runs, so
  the next build can tell a killed build's leftovers (removed) from a running one (left alone).

Publishing exchanges the staged site and the output in one `renameat2(RENAME_EXCHANGE)` call on
Linux. Where the kernel or file system lacks it, two renames are used and a build killed between
them is repaired by the next one (the previous site is put back).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SITE_MARKER = ".policysite-site"
STAGING_MARKER = ".policysite-staging"
LEGACY_SIGNATURE = "assets/policysite.css"
SITE_MARKER_TEXT = "This folder was published by policysite; `policysite build` may replace it.\n"
# The project's own folders (its layout, and what set-up and builds keep there): a site is never
# published into one of them. build/docs is the generated source the engine reads.
PROJECT_FOLDERS = ("regions", "content", "generator", "overrides", "tests", "schema", "scripts",
                   "benchmarks", ".git", ".github", ".ci", ".venv", "node_modules", "reports",
                   "build/docs")


class OutputRefused(Exception):
    """The output folder is one a build must not replace; the message says why, in Chinese."""


@dataclass(frozen=True)
class Staging:
    """A build's private folder beside the output; the engine writes the site into `site`."""

    folder: Path

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def previous(self) -> Path:
        return self.folder / "previous"


def check_output(root: Path, output: Path) -> None:
    """Refuse an output folder that a build could not replace without destroying other files."""
    _check_replaceable(root, output, what="输出位置", suggestion="请指定一个新的文件夹，例如 site。",
                       foreign="不是本工具发布的网站（没有 " + SITE_MARKER + "）")


def check_docs_folder(root: Path, docs: Path, output: Path) -> None:
    """Refuse a docs folder (emptied by every build) that holds anything but generated pages.
    Generated pages always include our stylesheet, so published_by_us recognises them too."""
    _check_replaceable(root, docs, what="页面源文件位置", suggestion="请指定一个新的文件夹。",
                       foreign="不是本工具生成的", own_folder="build/docs")
    docs, output = docs.absolute().resolve(), output.absolute().resolve()
    if docs == output or docs.is_relative_to(output) or output.is_relative_to(docs):
        raise OutputRefused(f"页面源文件位置 {docs} 和网站输出位置 {output} 重叠。请分开指定。")


def _check_replaceable(root: Path, folder: Path, *, what: str, suggestion: str, foreign: str,
                       own_folder: str | None = None) -> None:
    """The rules both folders a build empties must pass; `own_folder` is the project folder that
    is this folder's own default place (build/docs for the generated pages)."""
    root, folder = root.resolve(), folder.absolute()
    if folder.is_symlink():
        raise OutputRefused(f"{what} {folder} 是一个符号链接。请指定一个真实的文件夹。")
    folder = folder.resolve()
    if folder == root or root.is_relative_to(folder):
        raise OutputRefused(f"{what} {folder} 是项目文件夹本身或它的上级，构建会删除项目文件。"
                            + suggestion)
    for project_folder in PROJECT_FOLDERS:
        if project_folder != own_folder and folder.is_relative_to(root / project_folder):
            raise OutputRefused(f"{what} {folder} 在项目自己的文件夹 {project_folder}/ 里。"
                                + suggestion)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{what} {folder} 已经是一个文件，不是文件夹。请改名或指定别的位置。")
    if folder.is_dir() and any(folder.iterdir()) and not published_by_us(folder):
        raise OutputRefused(f"{what} {folder} 不是空的，也{foreign}。"
                            "为了不删除别人的文件，请指定一个新的或空的文件夹。")


def published_by_us(folder: Path) -> bool:
    """The marker, or (sites published before the marker existed) our own stylesheet."""
    return (folder / SITE_MARKER).is_file() or (folder / LEGACY_SIGNATURE).is_file()


@contextlib.contextmanager
def staging_for(output: Path) -> Iterator[Staging]:
    """A locked staging folder beside `output`, removed afterwards whatever happened."""
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output)
    staging = Staging(Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent)))
    marker = (staging.folder / STAGING_MARKER).open("w", encoding="utf-8")
    try:
        fcntl.flock(marker, fcntl.LOCK_EX)
        marker.write(f"staging folder of a policysite build (pid {os.getpid()})\n")
        marker.flush()
        yield staging
    finally:
        marker.close()
        remove_tree(staging.folder)


def remove_leftovers(output: Path) -> list[Path]:
    """Repair and remove what builds killed earlier left beside `output`; return what went."""
    removed = []
    for folder in sorted(output.parent.glob(f".{output.name}-new-*")):
        marker = folder / STAGING_MARKER
        if not folder.is_dir() or folder.is_symlink() or not marker.is_file():
            continue  # not ours
        with marker.open("r+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a build that is still running
            previous = Staging(folder).previous
            if not output.exists() and previous.is_dir():
                previous.rename(output)  # killed between the two renames of the fallback swap
            remove_tree(folder)
            removed.append(folder)
    return removed


def publish(staging: Staging, output: Path) -> None:
    """Make the staged site the published one in a single step; the old one goes with staging."""
    site = staging.site
    (site / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
    make_readable(site)
    if not output.exists():
        site.rename(output)
    elif not exchange(site, output):
        output.rename(staging.previous)
        site.rename(output)


def copy_site(site: Path, output: Path) -> None:
    """Publish a copy of a site published elsewhere (serve starting from a build's output:
    the copy is changed page by page, the original never)."""
    with staging_for(output) as staging:
        shutil.copytree(site, staging.site, symlinks=True)
        publish(staging, output)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                 rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def make_readable(site: Path) -> None:
    """Folders 0755, files 0644: a web server running as another user must read the site
    (mkdtemp makes 0700 folders, and a strict umask would make private files)."""
    site.chmod(0o755)
    for folder, folders, files in os.walk(site):
        for name in folders:
            os.chmod(os.path.join(folder, name), 0o755, follow_symlinks=False)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def remove_tree(folder: Path) -> None:
    """Remove a folder this tool made, even one made read-only since: a leftover must not block
    every later build."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
        return
    if not folder.exists():
        return
    folder.chmod(folder.stat().st_mode | stat.S_IRWXU)
    for parent, folders, _files in os.walk(folder):
        for name in folders:  # made writable before os.walk lists them
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
    shutil.rmtree(folder)


def unchanged_message(output: Path) -> str:
    """What a failed build may truthfully say about the output folder."""
    if output.is_dir() and published_by_us(output):
        return f"网站没有发布；{output.name}/ 中已发布的网站保持不变。"
    return f"网站没有发布（{output.name}/ 中还没有网站）。"
