"""One Chromium for the whole a11y test session: starting one takes about a second.

A missing Chromium is an error, never a skip: the gate that guards every build must itself be
tested wherever the tests run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.a11y import Browser
from generator.a11y.options import CHROMEDRIVER, CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with Browser(CHROMIUM, CHROMEDRIVER) as session:
        yield session
