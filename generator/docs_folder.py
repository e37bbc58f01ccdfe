"""The docs folder the engine reads: content/, assets, generated pages, downloads and exports."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import routes
from generator.forked import shared_map
from generator.page_kinds import all_pages, site_renderer
from generator.pages import Page
from generator.render import Router, write_text
from generator.sitemodel import SiteModel


def generate_docs(
    root: Path, model: SiteModel, docs: Path, router: Router
) -> dict[str, list[str]]:
    """Write the docs folder; return each page kind's pages (source paths), from which the
    gate's representative pages are chosen once the site is built."""
    from generator.export import write_exports
    from generator.fieldref import fields_page

    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / "content", docs)
    shutil.copytree(Path(__file__).parent / "assets", docs / "assets", dirs_exist_ok=True)
    downloads = write_exports(model.dataset, docs, today=model.today)
    for plan in model.plans:
        if plan.loaded.source_text is not None:
            target = docs / routes.source_download(plan)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.loaded.folder / plan.plan.source, target)
    copy_report_files(model, docs)
    write_text(docs / routes.FIELDS_GUIDE, fields_page(root))

    renderer = site_renderer(model, router)
    site = all_pages(model, downloads)

    def write_page(page: Page) -> None:
        text = renderer.render(page.template, page.source, page.title, page.html_title,
                               page.context, page.description)
        write_text(docs / router.file(page.source), text)

    shared_map(write_page, site.pages)  # each page is independent: both cores
    write_jieba_dictionary(model, routes.jieba_dictionary(docs))
    return site.kind_sources


def copy_report_files(model: SiteModel, docs: Path) -> None:
    """Publish the stored text of each progress report beside its plan (checked by validation)."""
    for entry in model.commitments:
        for report in entry.commitment.progress:
            if report.source.file:
                target = docs / routes.report_download(entry.plan, report.source.file)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(entry.plan.loaded.folder / report.source.file, target)


def write_jieba_dictionary(model: SiteModel, path: Path) -> None:
    """Place names, organisations and policy terms as whole words for search segmentation."""
    words: set[str] = set()
    for region in model.regions.values():
        words.add(region.name)
        for organisation in region.organisations:
            words.update([organisation.name, *organisation.aliases])
            if organisation.full_name:
                words.add(organisation.full_name)
    for term in model.themes + model.audiences:
        words.add(term.name)
    if model.dataset.glossary:
        for entry in model.dataset.glossary.entries:
            words.add(entry.term)
            if entry.full_name:
                words.add(entry.full_name)
    lines = [f"{word} 100000 n" for word in sorted(w for w in words if " " not in w)]
    write_text(path, "\n".join(lines) + "\n")
