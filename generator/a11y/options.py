"""What an accessibility-gate run covers: pages, widths, display modes, browser paths."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

# The package lives in <repo>/generator/a11y: the repo root holds package.json and node_modules.
REPO_ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

# The colour modes the theme overrides offer, and the attributes that select them.
# "high-contrast" keeps the default scheme and adds data-contrast="high" on <html>.
COLOURS: tuple[str, ...] = ("default", "slate", "high-contrast")
TEXT_SIZES: tuple[str, ...] = ("normal", "large", "larger")

COLOUR_LABELS_ZH = {"default": "默认配色", "slate": "深色配色", "high-contrast": "高对比度"}
TEXT_SIZE_LABELS_ZH = {"normal": "标准字号", "large": "大字号", "larger": "特大字号"}


@dataclass(frozen=True, order=True)
class Mode:
    """One display mode: a colour choice and a text size, as the reader's settings set them."""

    colour: str = "default"
    text_size: str = "normal"

    @property
    def key(self) -> str:
        return f"{self.colour}/{self.text_size}"

    @property
    def label_zh(self) -> str:
        return f"{COLOUR_LABELS_ZH[self.colour]}、{TEXT_SIZE_LABELS_ZH[self.text_size]}"

    @property
    def scheme(self) -> str:
        """Value for body[data-md-color-scheme]."""
        return "slate" if self.colour == "slate" else "default"

    @classmethod
    def from_key(cls, key: str) -> Mode:
        colour, _, text_size = key.partition("/")
        return cls(colour, text_size)

    @property
    def contrast(self) -> str | None:
        """Value for html[data-contrast]; None removes the attribute (normal contrast)."""
        return "high" if self.colour == "high-contrast" else None


DEFAULT_MODE = Mode()
# Ordered so the default comes first and reports read colour by colour.
ALL_MODES: tuple[Mode, ...] = tuple(Mode(c, s) for c, s in product(COLOURS, TEXT_SIZES))


@dataclass
class CheckOptions:
    """Options for run_checks. Paths in pages/templates are relative to the site folder."""

    pages: list[str] | None = None
    templates: Mapping[str, str] = field(default_factory=dict)
    widths: tuple[int, ...] = (1280, 320)
    workers: int = 2
    full_matrix: bool = False
    base_path: str = "/policysite/"
    progress: Callable[[str], None] | None = None
    # Where node_modules/axe-core is looked for; None means the repository root.
    node_modules_root: Path | None = None
    chromium_binary: Path = CHROMIUM
    chromedriver: Path = CHROMEDRIVER
    viewport_height: int = 800
    focus_stops: int = 15
    # Content-addressed results of earlier runs (see cache.py); None checks every page afresh.
    cache_dir: Path | None = None
    # "2/4": check only the second of four deterministic parts of the pages (CI matrix sweeps).
    shard: tuple[int, int] | None = None
    # The accessibility statement's page and the marker its results replace: the results are
    # written into it before it is checked, so the statement is checked as published.
    statement_page: str | None = None
    statement_marker: str = ""
    # Words searched for on the search page (pages.SEARCH_TEMPLATE): they must find something.
    search_query: str = "残疾人就业"
    search_wait_seconds: float = 30.0

    def fingerprint(self) -> str:
        """The options that change what a page's check does: part of every cache key."""
        return (
            f"widths={self.widths};base={self.normalised_base_path()};full={self.full_matrix};"
            f"height={self.viewport_height};stops={self.focus_stops};q={self.search_query}"
        )

    @property
    def wide_width(self) -> int:
        return max(self.widths)

    @property
    def narrow_width(self) -> int:
        return min(self.widths)

    def normalised_base_path(self) -> str:
        path = "/" + self.base_path.strip("/") + "/"
        return "/" if path == "//" else path
