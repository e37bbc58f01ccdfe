"""model → pages → docs folder → MkDocs → link check → accessibility checks → atomic publish.

Everything is built in a staging folder beside the output; the output is replaced in one atomic
step (generator/publish.py) only when every step succeeded, so a failed or killed build leaves
the published site exactly as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
from dataclasses import dataclass
from pathlib import Path

from generator import exit_status, fingerprint
from generator.clock import build_date
from generator.compress import compressing_ahead, write_compressed_copies
from generator.console import say, tell
from generator.docs_folder import generate_docs
from generator.linkcheck import check_links, checking_links_ahead
from generator.page_kinds import all_pages, smallest_built_pages
from generator.problems import format_report, has_errors
from generator.projectfile import outside_link_problems
from generator.publish import (
    OutputRefused,
    check_docs_folder,
    check_output,
    publish,
    staging_for,
    unchanged_message,
)
from generator.render import Router, write_text
from generator.search import index_for_search
from generator.site_engine import DEFAULT_ENGINE, ENGINE_NAMES, EngineFailed, run_engine
from generator.sitemodel import build_site_model
from generator.validate import validate_project

STATEMENT_MARKER = "<!-- policysite:a11y-results -->"
# Hand-written folders copied into the site (content/) or read by the engine (overrides/).
PUBLISHED_FOLDERS = ("content", "overrides")


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path | None = None  # the published site; default <root>/site
    docs: Path | None = None  # the generated pages the engine reads; default <root>/build/docs
    reports: Path | None = None  # the gate's JSON report; default <root>/reports
    check_accessibility: bool = True
    full_matrix: bool = False
    offline: bool = False
    engine: str = DEFAULT_ENGINE  # site_engine.ENGINES

    @property
    def output_folder(self) -> Path:
        return self.output or self.root / "site"

    @property
    def docs_folder(self) -> Path:
        return self.docs or self.root / "build" / "docs"

    @property
    def reports_folder(self) -> Path:
        return self.reports or self.root / "reports"


@contextlib.contextmanager
def build_lock(docs: Path):
    """The docs folder is shared by every build that uses it: one writer at a time (serve,
    tests)."""
    lock_path = docs.parent / ".lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build(options: BuildOptions) -> int:
    root, output = options.root, options.output_folder
    try:
        check_output(root, output)
        check_docs_folder(root, options.docs_folder, output)
    except OutputRefused as refusal:
        tell(f"不能发布到这里：{refusal}")
        return exit_status.USAGE
    inputs = input_fingerprint(options)  # taken again at the end: an edit meanwhile counts
    say("① 检查数据 …")
    dataset, problems = validate_project(root)
    problems = problems + outside_link_problems(root, PUBLISHED_FOLDERS)
    if problems:
        tell(format_report(problems))
    if has_errors(problems):
        tell(f"数据有错误，{unchanged_message(output)}")
        return exit_status.FAILED
    model = build_site_model(dataset, build_date())
    router = Router(directory_urls=not options.offline)
    with staging_for(output) as staging:
        with build_lock(options.docs_folder):
            say("② 生成页面 …")
            fingerprint.forget(options.docs_folder)
            kind_sources = generate_docs(root, model, options.docs_folder, router)
            # The model is not needed after this: give its memory back before the engine and
            # Pagefind, whose processes run beside this one (the 4 GB are for all).
            del dataset, model
            release_memory()
            say(f"③ 运行 {ENGINE_NAMES[options.engine]} …")
            try:
                run_engine(options.engine, root, staging.site, options.offline,
                           options.docs_folder)
            except EngineFailed as failure:
                tell(f"{failure}{unchanged_message(output)}")
                return exit_status.FAILED
            release_memory()  # the engine's pages and sessions, before Pagefind runs
        # Pagefind leaves part of the cores idle: the links are checked and the gzip copies of
        # what exists already are made meanwhile, at low priority; what remains of each is
        # done after it.
        with checking_links_ahead(staging.site) as links:
            with compressing_ahead(staging.site, enabled=not options.offline) as compressed:
                if not index_for_search(staging.site, options.offline, output.name):
                    return exit_status.FAILED
            say("④ 检查链接 …")
            link_problems = check_links(staging.site, ahead=links)
        templates = smallest_built_pages(kind_sources, router, staging.site)
        if not check_site(staging.site, options, templates, link_problems):
            return exit_status.FAILED
        if not options.offline:
            write_compressed_copies(staging.site, compressed)
        publish(staging, output)
    if input_fingerprint(options) == inputs:  # serve may start from this output
        fingerprint.record(options.docs_folder, output, inputs)
    say(f"完成：网站已发布到 {output}")
    return exit_status.OK


def input_fingerprint(options: BuildOptions) -> str:
    """generator/fingerprint.py, with the options that change what is built."""
    return fingerprint.fingerprint(options.root, {
        "engine": options.engine, "offline": options.offline,
        "check_accessibility": options.check_accessibility, "full_matrix": options.full_matrix})


def release_memory() -> None:
    """Free what is no longer referenced and hand glibc's free pages back to the system."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def check_site(site: Path, options: BuildOptions, templates: dict[str, str],
               link_problems: list[str]) -> bool:
    """The link check's problems, then the accessibility gate (unless skipped) on the staged
    site."""
    output = options.output_folder
    if link_problems:
        for problem in link_problems:
            tell(problem)
        tell(f"有 {len(link_problems)} 个链接问题，{unchanged_message(output)}")
        return False
    if not options.check_accessibility:
        say("⑤ 已按要求跳过无障碍检查（仅供本地预览）。")
        return True
    say("⑤ 无障碍检查 …")
    if not run_accessibility_checks(site, options, templates):
        tell(f"无障碍检查未通过，{unchanged_message(output)}")
        return False
    return True


def run_accessibility_checks(site: Path, options: BuildOptions, templates: dict[str, str]) -> bool:
    """templates: each page kind's representative page (page_kinds), checked in every mode."""
    from generator.a11y import CheckOptions, EngineMissingError, run_checks, summary_table

    # Hand-written pages an offline build leaves out (the search page) are not there to check.
    templates = {name: page for name, page in templates.items() if (site / page).is_file()}
    try:
        # The results are written into the statement page before it is checked (a11y's
        # statement_gate), so the statement is checked as it is published.
        report = run_checks(site, CheckOptions(
            templates=templates, full_matrix=options.full_matrix, progress=say,
            cache_dir=options.root / "build" / "a11y-cache",
            statement_page=templates.get("statement"), statement_marker=STATEMENT_MARKER,
        ))
    except EngineMissingError as error:
        tell(str(error))
        return False
    tell(summary_table(report))
    # The JSON (with timings) stays beside the build; the published statement carries the
    # result by date only, so two builds of the same input on the same day are identical.
    write_text(options.reports_folder / "a11y.json", report.json_text())
    return report.ok


def representative_pages(root: Path, offline: bool, site: Path | None = None) -> dict[str, str]:
    """Each page kind's representative page file (relative to the site folder) for the
    project at `root`, chosen as the build chooses it from the site built earlier in `site`
    (default root/site): for benchmarks and tests."""
    dataset, _ = validate_project(root)
    pages = all_pages(build_site_model(dataset, build_date()), downloads=[])
    return smallest_built_pages(pages.kind_sources, Router(directory_urls=not offline),
                                site or root / "site")
