"""Unexpected failures (disk full, permission denied, unreadable file) as one Chinese message
for staff: which file, what happened, what to do. Problems in the data are not handled here:
they are values (generator/problems.py) reported with file, line and field."""

from __future__ import annotations

import errno

# errno → (what happened, what to do)
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间已满", "请删除不需要的文件、腾出磁盘空间后重试。已发布的网站没有改变。"),
    errno.EDQUOT: ("超出了磁盘配额", "请腾出空间或请管理员提高配额后重试。"),
    errno.EACCES: ("没有读写权限", "请检查这个文件或文件夹的权限（ls -l），或换一个有权限的用户运行。"),
    errno.EPERM: ("操作不被允许", "请检查这个文件或文件夹的权限和属性。"),
    errno.EROFS: ("文件系统是只读的", "请把项目或输出文件夹放到可写的位置。"),
    errno.ENOENT: ("找不到这个文件或文件夹", "请检查路径是否写对、文件是否被移走。"),
    errno.EISDIR: ("这里需要一个文件，但它是一个文件夹", "请检查路径。"),
    errno.ENOTDIR: ("这里需要一个文件夹，但它是一个文件", "请检查路径。"),
    errno.EMFILE: ("同时打开的文件太多", "请关闭其他程序后重试。"),
    errno.EIO: ("读写磁盘时出错", "磁盘可能有故障，请检查磁盘后重试。"),
    errno.EADDRINUSE: ("端口已被占用", "请关闭占用它的程序，或用 --port 换一个端口。"),
}


def describe_failure(error: BaseException) -> str:
    """One message for a person; never a traceback."""
    if isinstance(error, OSError):
        happened, todo = _OS_ERRORS.get(error.errno or 0, (
            f"系统报告错误：{error.strerror or error}", "请检查这个文件或文件夹后重试。"))
        where = error.filename or "（未知文件）"
        if error.filename2:
            where += f" → {error.filename2}"
        return f"出错了：{happened}。\n    文件：{where}\n    怎么办：{todo}"
    if isinstance(error, UnicodeError):
        return ("出错了：有一个文件不是 UTF-8 编码的文本，无法读取。\n"
                "    怎么办：请用编辑器把它另存为 UTF-8 编码后重试。")
    if isinstance(error, MemoryError):
        return "出错了：内存不足。\n    怎么办：请关闭其他程序后重试。"
    return (f"出错了：程序内部错误（{type(error).__name__}）。\n"
            "    怎么办：这不是您的数据的问题。请加 --debug 重新运行，把输出报告给网站的维护者。")
