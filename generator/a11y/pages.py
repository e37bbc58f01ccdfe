"""Which pages are checked, and how thoroughly: the plan for one gate run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .options import ALL_MODES, DEFAULT_MODE, CheckOptions, Mode

EXCLUDED_FILES = frozenset({"404.html"})
EXCLUDED_DIRS = frozenset({"assets"})


@dataclass(frozen=True)
class PagePlan:
    path: str  # site-relative file, "jinchang/index.html"
    url_path: str  # relative to the site root URL, "jinchang/"
    template: str | None
    modes: tuple[Mode, ...]
    interaction: bool


def discover_pages(site_dir: Path) -> list[str]:
    """Every HTML page a reader can reach, except the 404 page and theme assets."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if path.name not in EXCLUDED_FILES
        and path.relative_to(site_dir).parts[0] not in EXCLUDED_DIRS
    )


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
    plans = [
        PagePlan(
            path=path,
            url_path=path.removesuffix("index.html"),
            template=templates.get(path),
            modes=ALL_MODES if options.full_matrix or path in templates else (DEFAULT_MODE,),
            interaction=path in templates,
        )
        for path in paths
    ]
    return sorted(plans, key=lambda plan: (not plan.interaction, plan.path))


def shard_plans(plans: list[PagePlan], index: int, count: int) -> list[PagePlan]:
    """Part `index` (1-based) of `count`: every count-th page by path, so each part gets a
    fair share of template pages and of every folder, and the parts never overlap."""
    if not 1 <= index <= count:
        raise ValueError(f"shard {index}/{count}: the part must be between 1 and {count}")
    ordered = sorted(plans, key=lambda plan: plan.path)
    chosen = {plan.path for plan in ordered[index - 1 :: count]}
    return [plan for plan in plans if plan.path in chosen]
