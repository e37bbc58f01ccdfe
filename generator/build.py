"""model → pages → docs folder → MkDocs → link check → accessibility checks → atomic publish.

Everything is built in a staging folder beside the output; the output is replaced in one atomic
step (generator/publish.py) only when every step succeeded, so a failed or killed build leaves
the published site exactly as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import pages as page_kinds
from generator import processes, progress_pages
from generator.clock import build_date
from generator.compress import write_compressed_copies
from generator.linkcheck import check_links
from generator.problems import format_report, has_errors
from generator.projectfile import outside_link_problems
from generator.publish import OutputRefused, check_output, publish, staging_for, unchanged_message
from generator.render import Renderer, Router, write_text
from generator.search import index_for_search
from generator.sitemodel import ROLE_WORDS, SiteModel, build_site_model
from generator.validate import validate_project

KIND_WORDS = {
    "government_department": "政府工作部门", "party_department": "党委工作机关",
    "mass_organisation": "群团组织", "central_unit": "中央和省属驻地单位", "company": "企业",
    "school": "学校", "lower_government": "下级政府", "development_zone": "开发区或园区",
    "coordinating_body": "议事协调机构", "other": "其他",
}
STATEMENT_MARKER = "<!-- policysite:a11y-results -->"
# Hand-written folders copied into the site (content/) or read by the engine (overrides/).
PUBLISHED_FOLDERS = ("content", "overrides")


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path | None = None
    check_accessibility: bool = True
    full_matrix: bool = False
    offline: bool = False


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generate_docs(root: Path, model: SiteModel, docs: Path, router: Router) -> list:
    """Write the docs folder MkDocs reads: content/, generated pages, downloads, exports."""
    from generator.export import write_exports
    from generator.fieldref import fields_page

    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / "content", docs)
    shutil.copytree(Path(__file__).parent / "assets", docs / "assets", dirs_exist_ok=True)
    downloads = write_exports(model.dataset, docs, today=model.today)
    for plan in model.plans:
        if plan.loaded.source_text is not None:
            target = docs / page_kinds.source_download(plan)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.loaded.folder / plan.plan.source, target)
    copy_report_files(model, docs)
    guide = docs / "guide" / "fields.md"
    write_text(guide, fields_page(root))

    glossary = list(model.dataset.glossary.entries) if model.dataset.glossary else []
    renderer = page_renderer(model, router, glossary)
    for page in page_kinds.all_pages(model, glossary, downloads):
        text = renderer.render(page.template, page.source, page.title, page.html_title,
                               page.context, page.description)
        write_text(docs / page.source, text)
    write_jieba_dictionary(model, docs.parent / "jieba_user_dict.txt")
    return downloads


def page_renderer(model: SiteModel, router: Router, glossary: list) -> Renderer:
    """The renderer every generated page goes through (the preview renders a few with it)."""
    renderer = Renderer(router, glossary)
    renderer.env.filters["id_of"] = id
    renderer.env.globals.update(
        region_src=page_kinds.region_source, plan_src=page_kinds.plan_source,
        full_text_src=page_kinds.full_text_source, action_src=page_kinds.action_source,
        org_source=page_kinds.organisation_source, theme_src=page_kinds.theme_source,
        audience_src=page_kinds.audience_source, anchor_of=page_kinds.node_anchor,
        term_anchor=renderer.glossary_anchor,
        theme_name=lambda i: next((t.name for t in model.themes if t.id == i), i),
        audience_name=lambda i: next((t.name for t in model.audiences if t.id == i), i),
        kind_name=lambda k: KIND_WORDS.get(k, k), role_word=lambda r: ROLE_WORDS[r],
        progress_src=progress_pages.plan_progress_source,
        report_file=progress_pages.report_download,
    )
    return renderer


def copy_report_files(model: SiteModel, docs: Path) -> None:
    """Publish the stored text of each progress report beside its plan (checked by validation)."""
    for entry in model.commitments:
        for report in entry.commitment.progress:
            if report.source.file:
                target = docs / progress_pages.report_download(entry.plan, report.source.file)
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


def engine_environment(offline: bool) -> dict[str, str]:
    """The settings mkdocs.yml reads from the environment (!ENV) for a hosted or offline build."""
    return {"POLICYSITE_OFFLINE": "true" if offline else "false",
            "POLICYSITE_DIRECTORY_URLS": "false" if offline else "true",
            # Material 9 announces its end of life (2027-05-05) on every build; the
            # README records the plan (generation happens before any engine runs).
            "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs(root: Path, site_dir: Path, offline: bool) -> None:
    """MkDocs in its own process: jieba keeps global state (a user dictionary loaded twice shifts
    word frequencies), so an in-process rebuild would not be byte-identical. A large hosted
    site (Material's search off, so no jieba) is built by several processes instead
    (generator/mkdocs_pages.py: MkDocs' own steps, the pages shared out)."""
    from generator import mkdocs_pages

    workers = mkdocs_pages.parallel_workers(root / "build" / "docs", offline)
    if workers > 1:
        warnings = mkdocs_pages.build_site(root, site_dir, workers)
        for warning in warnings:
            say(warning)
        if warnings:
            raise MkDocsFailed(1)
        return
    environment = {**os.environ, **engine_environment(offline)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    result = processes.run(command, cwd=root, env=environment, capture_output=True)
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                       if "jieba" not in line and not line.startswith(("Building prefix",
                                                                        "Loading model",
                                                                        "Prefix dict",
                                                                        "Dumping model")))
    if output.strip():
        say(output)
    if result.returncode != 0:
        raise MkDocsFailed(result.returncode)


class MkDocsFailed(Exception):
    pass


@contextlib.contextmanager
def build_lock(root: Path):
    """build/docs is shared by every build of a checkout: one writer at a time (serve, tests)."""
    lock_path = root / "build" / ".lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build(options: BuildOptions) -> int:
    root = options.root
    output = options.output or root / "site"
    try:
        check_output(root, output)
    except OutputRefused as refusal:
        say(f"不能发布到这里：{refusal}")
        return 2
    say("① 检查数据 …")
    dataset, problems = validate_project(root)
    problems = problems + outside_link_problems(root, PUBLISHED_FOLDERS)
    if problems:
        say(format_report(problems))
    if has_errors(problems):
        say(f"数据有错误，{unchanged_message(output)}")
        return 1
    model = build_site_model(dataset, build_date())
    router = Router(directory_urls=not options.offline)
    with staging_for(output) as staging:
        with build_lock(root):
            say("② 生成页面 …")
            generate_docs(root, model, root / "build" / "docs", router)
            say("③ 运行 MkDocs …")
            try:
                run_mkdocs(root, staging.site, options.offline)
            except MkDocsFailed:
                say(f"MkDocs 生成失败（见上方信息），{unchanged_message(output)}")
                return 1
        if not index_for_search(staging.site, options.offline, output.name):
            return 1
        say("④ 检查链接 …")
        link_problems = check_links(staging.site)
        if link_problems:
            for problem in link_problems:
                say(problem)
            say(f"有 {len(link_problems)} 个链接问题，{unchanged_message(output)}")
            return 1
        if options.check_accessibility:
            say("⑤ 无障碍检查 …")
            if not run_accessibility_checks(root, staging.site, options):
                say(f"无障碍检查未通过，{unchanged_message(output)}")
                return 1
        else:
            say("⑤ 已按要求跳过无障碍检查（仅供本地预览）。")
        if not options.offline:
            write_compressed_copies(staging.site)
        publish(staging, output)
    say(f"完成：网站已发布到 {output}")
    return 0


def run_accessibility_checks(root: Path, site: Path, options: BuildOptions) -> bool:
    from generator.a11y import CheckOptions, EngineMissingError, run_checks

    templates = representative_pages(site, options.offline)
    try:
        # The results are written into the statement page before it is checked (a11y's
        # statement_gate), so the statement is checked as it is published.
        report = run_checks(site, CheckOptions(
            templates=templates, full_matrix=options.full_matrix, progress=say,
            cache_dir=root / "build" / "a11y-cache", statement_page=templates.get("statement"),
            statement_marker=STATEMENT_MARKER,
        ))
    except EngineMissingError as error:
        say(str(error))
        return False
    say(report.summary_table())
    reports = root / "reports"
    reports.mkdir(exist_ok=True)
    import json

    payload = json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
    # The JSON (with timings) stays beside the build; the published statement carries the
    # result by date only, so two builds of the same input on the same day are identical.
    write_text(reports / "a11y.json", payload + "\n")
    return report.ok


def representative_pages(site: Path, offline: bool) -> dict[str, str]:
    """One page of each template, for the colour/text-size matrix and the interaction checks."""
    router = Router(directory_urls=not offline)

    def page(source: str) -> str:
        url = router.output_url(source)
        return url + "index.html" if url.endswith("/") or url == "" else url

    candidates = {
        "home": "index.md", "regions": "regions/index.md", "glossary": "glossary.md",
        "commitments": "commitments/index.md", "themes": "themes/index.md", "data": "data.md",
        "statement": "accessibility.md", "help": "help.md", "guide": "guide/index.md",
        "progress": progress_pages.PROGRESS,
        "progress_overdue": progress_pages.OVERDUE_LIST,
        "progress_upcoming": progress_pages.UPCOMING_LIST,
        "search": "search.md",
    }
    found = {name: page(src) for name, src in candidates.items() if (site / page(src)).is_file()}
    for name, pattern in (("region", "regions/*/index.html"), ("plan", "regions/*/*/index.html"),
                          ("full_text", "regions/*/*/full-text/index.html"),
                          ("action", "regions/*/*/actions/*/index.html"),
                          ("organisation", "regions/*/organisations/*/index.html"),
                          ("theme", "themes/*/index.html"), ("year", "commitments/*/index.html"),
                          ("plan_progress", "regions/*/*/progress/index.html")):
        if offline:
            pattern = pattern.replace("/index.html", ".html")
        matches = sorted(site.glob(pattern))
        if matches:
            found[name] = matches[0].relative_to(site).as_posix()
    return found
