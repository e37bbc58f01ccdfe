"""What the command line tells a person, at the verbosity they asked for (-q, default, -v).

Problems and outcomes are always shown; progress steps are hidden by -q; details (the engine's
own output, which is mostly noise) only with -v. All of it goes to stderr, so stdout carries
only what a command produces (a hash line, file names).
"""

from __future__ import annotations

import sys

QUIET, NORMAL, VERBOSE = -1, 0, 1
_level = NORMAL


def set_verbosity(level: int) -> None:
    global _level
    _level = max(QUIET, min(VERBOSE, level))


def tell(message: str) -> None:
    """An outcome or a problem: shown at every verbosity."""
    print(message, file=sys.stderr, flush=True)


def say(message: str) -> None:
    """A progress step: hidden by -q."""
    if _level >= NORMAL:
        tell(message)


def detail(message: str) -> None:
    """Shown only with -v."""
    if _level >= VERBOSE:
        tell(message)
