"""Work shared with one forked copy of the build process, on machines with two or more cores.

Page generation and the per-plan downloads are independent per item and need the whole site
model, which takes seconds to build and hundreds of megabytes to hold: a forked child has it
for free (copy-on-write), where a spawned worker would have to build or receive it again. The
parent does half of the items and the child the other half; the child's results come back
pickled through a pipe, and the merged results are in the items' order, so the output is the
same as one process would make it.

Fork is used only when the process has no other thread (forking a threaded process can leave
locks held in the child: `policysite serve`'s web server runs in a thread), on Linux, and for
enough items to pay for the fork; otherwise everything runs here.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence

from generator import processes

MIN_ITEMS = 200  # below this, forking costs more than it saves


class ForkedWorkFailed(RuntimeError):
    """The forked child ended without sending its results or its error back."""


def can_fork(items: int) -> bool:
    return (sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2
            and threading.active_count() == 1 and items >= MIN_ITEMS)


def shared_map[T, R](function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[function(item) for item in items], the odd-numbered items done by a forked child."""
    if not can_fork(len(items)):
        return [function(item) for item in items]
    # Objects the garbage collector would visit in the child are copied on its first pass:
    # frozen, they stay shared.
    gc.freeze()
    sys.stdout.flush()  # else the child would print what the parent had buffered a second time
    sys.stderr.flush()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(reader)
        _run_child(function, items[1::2], writer)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as pipe:
            mine = [function(item) for item in items[0::2]]
            payload = pipe.read()
    finally:
        _, status = os.waitpid(child, 0)
        gc.unfreeze()
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        raise ForkedWorkFailed("the forked worker failed")
    theirs = pickle.loads(payload)
    if isinstance(theirs, BaseException):
        # The child's own error, raised here as one process would have raised it, so the
        # command's Chinese message names it (a full disk, a file) and --debug shows where.
        raise theirs
    merged: list[R] = []
    for index in range(len(items)):
        merged.append(mine[index // 2] if index % 2 == 0 else theirs[index // 2])
    return merged


def _run_child[T, R](function: Callable[[T], R], items: Sequence[T], writer: int) -> None:
    """Send the results, or the error with the child's traceback as a note (never printed here:
    staff see one message, from the parent)."""
    code = 1
    try:
        processes._die_with_parent()
        answer: object
        try:
            answer = [function(item) for item in items]
        except Exception as error:
            error.add_note("".join(traceback.format_exception(error)))
            answer = error
        with os.fdopen(writer, "wb") as pipe:
            pickle.dump(answer, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    except BaseException:  # the error itself could not be sent: the parent says the child failed
        pass
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
