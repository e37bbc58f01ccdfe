"""Child processes (MkDocs, other engines and checkers) that never outlive the build."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in the child before exec: the kernel sends it SIGKILL when the build process dies,
    even when the build itself is killed with SIGKILL and no cleanup code can run. Linux ties
    this to the calling *thread*: start such children from a thread that outlives them (the
    main thread), never from a short-lived worker thread."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess where the system supports it (Linux), else None."""
    return _die_with_parent if sys.platform.startswith("linux") else None


def run(command: Sequence[str], **options: Any) -> subprocess.CompletedProcess[str]:
    """subprocess.run that kills the child if the build is interrupted or killed."""
    return subprocess.run(command, preexec_fn=die_with_parent(), text=True, check=False,
                          **options)


def start(command: Sequence[str], **options: Any) -> subprocess.Popen[str]:
    """The same, started without waiting for it (the caller works meanwhile, then waits)."""
    return subprocess.Popen(command, preexec_fn=die_with_parent(), text=True, **options)
