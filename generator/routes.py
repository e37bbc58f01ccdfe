"""Where everything lives: the source path of every page, download and feed, in one place.

Source paths are what the engine reads from the docs folder ("regions/x/index.md"); the Router
(generator/render.py) turns them into URLs for either URL style. Page kinds, templates (through
the globals in generator/page_kinds.py), the exports and the accessibility gate all ask here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: the site model is built on the data model
    from generator.sitemodel import ActionEntry, PlanEntry

# Generated index pages.
HOME = "index.md"
REGIONS = "regions/index.md"
THEMES = "themes/index.md"
AUDIENCES = "audiences/index.md"
COMMITMENTS = "commitments/index.md"
# Folder indexes, so that mkdocs.yml's nav names the same file in both URL styles
# (render.Router.file).
GLOSSARY = "glossary/index.md"
DATA = "data/index.md"
PROGRESS = "progress/index.md"
OVERDUE_LIST = "progress/overdue.md"
UPCOMING_LIST = "progress/upcoming.md"
# Hand-written pages in content/.
STATEMENT = "accessibility.md"
HELP = "help.md"
GUIDE = "guide/index.md"
FIELDS_GUIDE = "guide/fields.md"
SEARCH = "search.md"
# Files beside the pages: the Atom feed and the data downloads (generator/export.py).
FEED = "feed.xml"
DATA_FOLDER = "data"
ALL_DATA = f"{DATA_FOLDER}/all.json"
DATA_SCHEMAS = f"{DATA_FOLDER}/schema"


def region_source(region_id: str) -> str:
    return f"regions/{region_id}/index.md"


def plan_source(plan: PlanEntry) -> str:
    return plan_source_of(plan.region.id, plan.plan.id)


def plan_source_of(region_id: str, plan_id: str) -> str:
    return f"regions/{region_id}/{plan_id}/index.md"


def plan_data_stem(region_id: str, plan_id: str) -> str:
    """A plan's downloads are this plus .json, -actions.csv, …"""
    return f"{DATA_FOLDER}/{region_id}/{plan_id}"


def data_region(path: str) -> str | None:
    """The region of a per-plan download (data/<region>/<plan>…); None for site-wide files."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == DATA_FOLDER and not parts[2].endswith(".schema.json"):
        return parts[1]
    return None


def full_text_source(plan: PlanEntry) -> str:
    return f"regions/{plan.region.id}/{plan.plan.id}/full-text.md"


def action_source(action: ActionEntry) -> str:
    return f"regions/{action.region.id}/{action.plan.plan.id}/actions/{action.slug}.md"


def organisations_source(region_id: str) -> str:
    """One page for all of a region's organisations: a page each was 2/3 of the site's pages."""
    return f"regions/{region_id}/organisations/index.md"


def organisation_anchor(organisation_id: str) -> str:
    """An organisation's section on its region's organisations page. Prefixed: an organisation
    id is staff's choice and could otherwise equal an id of the layout (main-content, notice)."""
    return f"org-{organisation_id}"


def theme_source(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def audience_source(audience_id: str) -> str:
    return f"audiences/{audience_id}.md"


def year_source(year: str) -> str:
    return f"commitments/{year}.md"


def plan_progress_source(plan: PlanEntry) -> str:
    return plan_progress_source_of(plan.region.id, plan.plan.id)


def plan_progress_source_of(region_id: str, plan_id: str) -> str:
    return f"regions/{region_id}/{plan_id}/progress.md"


def source_download(plan: PlanEntry) -> str:
    return f"regions/{plan.region.id}/{plan.plan.id}/{plan.plan.id}-original.txt"


def report_download(plan: PlanEntry, file: str) -> str:
    """Where a report's stored text is published: beside the plan's pages, under its own name."""
    return f"regions/{plan.region.id}/{plan.plan.id}/{file}"


def node_anchor(path: tuple) -> str:
    """A stable anchor for a node: its position in the plan's tree, e.g. n-1-3."""
    return "n-" + "-".join(str(p + 1) for p in path if isinstance(p, int))


def jieba_dictionary(docs: Path) -> Path:
    """The search engine's word list, beside the docs folder (mkdocs.yml names it)."""
    return docs.parent / "jieba_user_dict.txt"
