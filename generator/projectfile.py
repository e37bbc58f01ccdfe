"""Reading a data file of the project, and only of the project.

Every file the loader reads (YAML files and each plan's source.txt) comes through here, so that
- a symbolic link (or `..` in a path) leading out of the project is refused before anything is
  read: a link source.txt → /etc/passwd must not have that file's text quoted in a message or
  published;
- a folder, a device or a pipe where a file is expected, a missing file, a file without read
  permission and a file that is not UTF-8 each become one problem in Chinese (which file, what
  happened, what to do), never a traceback;
- nothing larger than a data file can be is read into memory.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from generator.problems import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024  # the largest plan is about 60 KB; 2 MB leaves ample room

# What an operating-system error means for staff, by errno; the rest get a generic sentence.
_OS_ERRORS = {
    errno.EACCES: ("没有读取它的权限。", "请管理员给当前用户读取权限（例如 chmod a+rX 路径）。"),
    errno.EPERM: ("没有读取它的权限。", "请管理员给当前用户读取权限（例如 chmod a+rX 路径）。"),
    errno.ENOENT: ("文件不存在（也可能是一个指向不存在位置的链接）。",
                   "检查文件名是否写对；如果是链接，请换成文件本身。"),
    errno.EISDIR: ("这里应该是一个文件，却是一个文件夹。", "把文件夹改名或移走，放入应有的文件。"),
    errno.ENOTDIR: ("这里应该是一个文件夹，却是一个文件。", "把这个文件改名或移走，建立同名的文件夹。"),
    errno.ELOOP: ("这个链接指向它自己（链接循环）。", "删掉这个链接，放入文件本身。"),
    errno.EIO: ("读取时出现输入输出错误，磁盘或网络盘可能有问题。", "稍后重试；仍然出错请联系管理员检查磁盘。"),
}


def os_problem(error: OSError, file: str) -> Problem:
    """One problem for an operating-system error while reading `file` (a file or folder)."""
    message, hint = _OS_ERRORS.get(error.errno or 0, (
        f"无法读取（系统错误代码 {errno.errorcode.get(error.errno or 0, error.errno)}）。",
        "检查它是否存在、能否用编辑器或文件管理器打开；仍然出错请联系管理员。",
    ))
    return Problem(file, 1, 1, "", message, hint)


def real_path(path: Path) -> Path:
    """`path` with every link followed. Unlike Path.resolve() (Python 3.12), a link loop is not
    an exception here: opening the result then fails with ELOOP, which is reported."""
    return Path(os.path.realpath(path))


def outside_project(path: Path, root: Path) -> bool:
    """Whether `path`, with every link followed, lies outside the project folder `root`."""
    return not within(os.path.realpath(path), os.path.realpath(root))


def within(real: str, real_root: str) -> bool:
    """Whether the real path `real` is the folder `real_root` or lies under it (both with every
    link followed): outside_project's test, for walkers that follow links themselves."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read_project_file(path: Path, root: Path, file: str,
                      max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file inside `root`, or None and one problem saying why not."""
    if outside_project(path, root):
        # Name neither the target nor anything in it: the message must not leak what lies there.
        return None, [Problem(
            file, 1, 1, "",
            "这是一个指向项目文件夹以外的链接（或路径），为了安全不读取它。",
            "把文件本身（不是链接）放在项目文件夹里；本项目不读取项目以外的任何文件。",
        )]
    real = real_path(path)  # the path checked above is the path opened
    try:
        info = real.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "")
        if not stat.S_ISREG(info.st_mode):  # a pipe or device could block or never end
            return None, [Problem(file, 1, 1, "", "这不是一个普通文件（可能是设备或管道）。",
                                  "换成普通的文本文件。")]
        if info.st_size > max_bytes:
            return None, [Problem(
                file, 1, 1, "",
                f"文件太大（{info.st_size // 1024} KB，上限 {max_bytes // 1024} KB）。",
                "一个方案一个文件；如果确实更大，请检查是否误把别的内容粘贴了进来。",
            )]
        with open(real, "rb", opener=_no_follow_opener) as handle:
            return handle.read(max_bytes + 1), []
    except OSError as error:
        return None, [os_problem(error, file)]


def _no_follow_opener(name: str, flags: int) -> int:
    # The resolved path has no link in its last part; refuse one swapped in since the check.
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def decode_utf8(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or None and a problem at the line and column of the first bad byte."""
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(
            file, line, column, "",
            "文件不是 UTF-8 编码（可能是 GBK 或 GB2312）。",
            "用编辑器“另存为”UTF-8 编码（在记事本中选择“UTF-8”，在 VS Code 右下角点编码再选"
            "“通过编码保存”→ UTF-8）。",
        )]


def sha256_hex(raw: bytes) -> str:
    """The checksum recorded as a plan's source_sha256."""
    return hashlib.sha256(raw).hexdigest()


def links_leaving(root: Path, folder: Path) -> list[Path]:
    """Every symbolic link under `folder` whose target lies outside `root`, in sorted order."""
    found = []
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            if path.is_symlink() and outside_project(path, root):
                found.append(path)
    return sorted(found)


def outside_link_problems(root: Path, folders: tuple[str, ...]) -> list[Problem]:
    """One problem per link in folders the build publishes or the engine reads (content/,
    overrides/) that leaves the project: it would be copied into the site."""
    return [Problem(link.relative_to(root).as_posix(), 1, 1, "",
                    f"这是一个指向项目以外（{os.readlink(link)}）的符号链接；"
                    "项目以外的文件不会被读取或发布。",
                    "把需要的文件复制到项目里，再删除这个链接。")
            for name in folders for link in links_leaving(root, root / name)]
