"""Which pages are checked, and how thoroughly: the plan for one gate run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from .options import ALL_MODES, DEFAULT_MODE, CheckOptions, Mode

EXCLUDED_FILES = frozenset({"404.html"})
EXCLUDED_DIRS = frozenset({"assets"})
# The representative page of this kind is checked in the state a reader uses it in: with the
# results of CheckOptions.search_query listed (ps-search.js searches at once for ?q=…).
SEARCH_TEMPLATE = "search"


@dataclass(frozen=True)
class PagePlan:
    path: str  # site-relative file, "jinchang/index.html"
    url_path: str  # relative to the site root URL, "jinchang/"
    template: str | None
    modes: tuple[Mode, ...]
    interaction: bool
    # Widths at which axe runs. Each kind's representative page: every width (its layout is
    # the kind's); any other page: the widest only, plus the reflow check at every width.
    axe_widths: tuple[int, ...] = ()
    # Added to the address: "?q=…" checks the search page with results shown (SEARCH_TEMPLATE).
    query: str = ""


@dataclass(frozen=True)
class Part:
    """A share of one page's checks that one worker does alone, loading the page itself."""

    widths: tuple[int, ...]  # widest first
    keyboard: bool  # the keyboard checks (at the widest width)


def parts(plan: PagePlan, widths: tuple[int, ...]) -> list[Part]:
    """A representative page is the longest job by far: its widest width (the mode matrix and
    IBM's runs) and the rest (narrower widths, keyboard) go to different workers, so two
    workers share it instead of one finishing it while the other waits (the statement, checked
    alone at the end, above all)."""
    every = tuple(sorted(widths, reverse=True))
    if not plan.interaction or len(every) < 2:
        return [Part(every, plan.interaction)]
    return [Part(every[:1], False), Part(every[1:], True)]


def discover_pages(site_dir: Path) -> list[str]:
    """Every HTML page a reader can reach, except the 404 page and theme assets. os.walk, not
    Path.rglob and no Path per folder: a national site holds hundreds of thousands of files
    (search fragments, data, .gz copies); rglob took 0.39 ms a page at 300 regions."""
    found: list[str] = []
    top = str(site_dir)
    for folder, subfolders, files in os.walk(top):
        relative = folder[len(top):].strip(os.sep).replace(os.sep, "/")
        if not relative:
            subfolders[:] = [name for name in subfolders if name not in EXCLUDED_DIRS]
        prefix = relative + "/" if relative else ""
        found += [prefix + name for name in files
                  if name.endswith(".html") and name not in EXCLUDED_FILES]
    return sorted(found)


def normalise_page(site_dir: Path, page: str) -> str:
    """'a/b/', 'a/b' (a folder) and 'a/b/index.html' all name the file a/b/index.html."""
    path = page.strip().lstrip("/")
    if path == "" or path.endswith("/") or (site_dir / path).is_dir():
        path = path.rstrip("/") + "/index.html" if path.rstrip("/") else "index.html"
    if not (site_dir / path).is_file():
        raise ValueError(f"page {page!r} is not in {site_dir}")
    return path


def plan_pages(site_dir: Path, options: CheckOptions) -> list[PagePlan]:
    """Template pages first: they take longest, so workers finish close together."""
    if options.pages is None:
        paths = discover_pages(site_dir)
    else:
        paths = [normalise_page(site_dir, page) for page in options.pages]
    templates: dict[str, str] = {}
    for name, page in sorted(options.templates.items()):
        templates.setdefault(normalise_page(site_dir, page), name)
    paths = sorted(set(paths) | set(templates))
    every_width = tuple(sorted(options.widths, reverse=True))
    plans = [
        PagePlan(
            path=path,
            url_path=path.removesuffix("index.html"),
            template=templates.get(path),
            modes=ALL_MODES if options.full_matrix or path in templates else (DEFAULT_MODE,),
            interaction=path in templates,
            axe_widths=every_width if options.full_matrix or path in templates
            else (options.wide_width,),
            query=_search_query(options) if templates.get(path) == SEARCH_TEMPLATE else "",
        )
        for path in paths
    ]
    return sorted(plans, key=lambda plan: (not plan.interaction, plan.path))


def _search_query(options: CheckOptions) -> str:
    return "?" + urlencode({"q": options.search_query})


def shard_plans(plans: list[PagePlan], index: int, count: int) -> list[PagePlan]:
    """Part `index` (1-based) of `count`: every count-th page by path, so each part gets a
    fair share of template pages and of every folder, and the parts never overlap."""
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count}: the part must be between 1 and {count}")
    ordered = sorted(plans, key=lambda plan: plan.path)
    chosen = {plan.path for plan in ordered[index - 1 :: count]}
    return [plan for plan in plans if plan.path in chosen]
