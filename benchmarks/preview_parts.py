"""The parts of a preview update, timed in one process without serve or MkDocs, at one size.

    .venv/bin/python benchmarks/preview_parts.py --project /tmp/scale-3000

For a size where `policysite serve`'s starting build is too long to wait for (3,000 regions):
the project (tests/synthetic.py, written with preview_edit.py or build_scale.py) is validated
whole, then one action's summary in county p01-f01-c01 is edited and put back afterwards, and
each part of `Preview.update` is timed: checking the edited region (preview_validate), its own
pages from a model of it alone (Markdown only: MkDocs is timed by preview_edit.py), the whole
site's model (the one part of the rest of an update that is not cut into slices), the scan of
the page list, and rendering the pages the edit reaches. Say how loaded the machine was.

With `--docs` (the docs folder of a build of the project, left as it is), also what
`policysite serve` does when it starts from an earlier build (its inputs' fingerprint, the
MkDocs session) and MkDocs building the edited region's own pages (into a scratch folder): the
parts of "the edited page shown" that need no served site.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT)]

from generator import fingerprint, load  # noqa: E402
from generator.build import BuildOptions, input_fingerprint  # noqa: E402
from generator.clock import build_date  # noqa: E402
from generator.mkdocs_pages import MkDocsSession  # noqa: E402
from generator.page_kinds import site_renderer  # noqa: E402
from generator.preview import ROUTER, pages_besides_downloads  # noqa: E402
from generator.preview_reach import Reach, page_region  # noqa: E402
from generator.preview_validate import revalidate  # noqa: E402
from generator.site_engine import engine_environment  # noqa: E402
from generator.sitemodel import build_site_model  # noqa: E402
from generator.validate import validate_project  # noqa: E402

REGION = "p01-f01-c01"


def timed(what: str, start: float) -> None:
    print(f"{what}: {time.perf_counter() - start:.2f} s", flush=True)


def render(renderer, pages: list) -> None:
    for page in pages:
        renderer.render(page.template, page.source, page.title, page.html_title, page.context,
                        page.description)


def time_parts(root: Path, docs: Path | None = None) -> None:
    start = time.perf_counter()
    fingerprint.file_states(root)
    timed("serve's start: the input files' states", start)
    start = time.perf_counter()
    input_fingerprint(BuildOptions(root=root, check_accessibility=False))
    timed("serve's start: the inputs' fingerprint", start)
    load.FILE_CACHE = {}
    start = time.perf_counter()
    dataset, _ = validate_project(root)
    timed("whole project validated (serve's start, cold)", start)
    session = None
    if docs is not None:
        start = time.perf_counter()
        scratch = Path(tempfile.mkdtemp(prefix="preview-parts-"))
        session = MkDocsSession(root, scratch, engine_environment(False, docs))
        timed("serve's start: the MkDocs session", start)
    start = time.perf_counter()
    checked = revalidate(dataset, {REGION})
    timed("edited region read and checked again", start)
    assert checked is not None
    edited = checked[0]
    reach = Reach()
    reach.add({REGION}, dataset, edited)
    start = time.perf_counter()
    mini = load.Dataset(root=root, themes=edited.themes, audiences=edited.audiences,
                        glossary=edited.glossary,
                        plans=[p for p in edited.plans if p.region_id == REGION])
    region = edited.regions[REGION]
    mini.regions[REGION] = region
    while region.parent:
        region = edited.regions[region.parent]
        mini.regions[region.id] = region
    model = build_site_model(mini, build_date())
    own = [p for p in pages_besides_downloads(model) if page_region(p.source) == REGION]
    render(site_renderer(model, ROUTER), own)
    timed(f"the region's own {len(own)} pages (Markdown)", start)
    if session is not None:
        start = time.perf_counter()
        for warning in session.build_pages(ROUTER.file(page.source) for page in own):
            print(warning)
        timed(f"MkDocs: the region's own {len(own)} pages", start)
        shutil.rmtree(session.config.site_dir)
    start = time.perf_counter()
    model = build_site_model(edited, build_date())
    timed("whole site's model", start)
    start = time.perf_counter()
    pages = list(pages_besides_downloads(model))
    reached = [page for page in pages if reach.affects(page)]
    timed(f"scan of {len(pages)} pages ({len(reached)} reached)", start)
    start = time.perf_counter()
    render(site_renderer(model, ROUTER), reached)
    timed("rendering the reached pages", start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--docs", type=Path, help="a build's docs folder (read only)")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()}", flush=True)
    plan = next((args.project / "regions" / REGION / "plans").glob("*/plan.yaml"))
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("summary: ", "summary: 计时", 1), encoding="utf-8")
    try:
        time_parts(args.project, args.docs)
    finally:
        plan.write_text(text, encoding="utf-8")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
