"""run_checks: serve the site, share its pages among browser workers, gather the report."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import selenium

from .axe_engine import AxeRunner, AxeScript, locate_axe_script
from .browser import Browser
from .options import REPO_ROOT, CheckOptions
from .page_check import PageChecker
from .pages import PagePlan, plan_pages
from .report import Report, ToolVersions
from .results import PageResult
from .server import serve_site


def run_checks(
    site_dir: Path, options: CheckOptions, *, browsers: Sequence[Browser] | None = None
) -> Report:
    """Check a built site. Pass `browsers` to reuse running sessions (they are left open)."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise FileNotFoundError(f"site folder {site_dir} does not exist")
    plans = plan_pages(site_dir, options)
    if not plans:
        raise ValueError(f"no HTML pages to check in {site_dir}")
    script = locate_axe_script(options.node_modules_root or REPO_ROOT)
    started = datetime.now(UTC)
    owned = [] if browsers else start_browsers(min(options.workers, len(plans)), options)
    workers = list(browsers or owned)
    try:
        with serve_site(site_dir, options.normalised_base_path()) as root_url:
            results, axe_versions = _check_all(plans, workers, root_url, script, options)
    finally:
        for browser in owned:
            browser.close()
    return Report(
        site_dir=str(site_dir),
        base_path=options.normalised_base_path(),
        started=started,
        finished=datetime.now(UTC),
        widths=tuple(options.widths),
        full_matrix=options.full_matrix,
        templates=dict(options.templates),
        tools=_tool_versions(workers[0], script, axe_versions),
        pages=sorted(results, key=lambda page: page.path),
    )


def start_browsers(count: int, options: CheckOptions) -> list[Browser]:
    """Start `count` sessions side by side; if one cannot start, close the rest and raise."""

    def start(_: int) -> Browser:
        return Browser(options.chromium_binary, options.chromedriver, options.viewport_height)

    with ThreadPoolExecutor(max_workers=max(1, count)) as pool:
        futures = [pool.submit(start, index) for index in range(max(1, count))]
    started = [future.result() for future in futures if future.exception() is None]
    errors = [future.exception() for future in futures if future.exception() is not None]
    if errors:
        for browser in started:
            browser.close()
        raise errors[0]  # type: ignore[misc]
    return started


def _check_all(
    plans: list[PagePlan],
    browsers: list[Browser],
    root_url: str,
    script: AxeScript,
    options: CheckOptions,
) -> tuple[list[PageResult], set[str]]:
    jobs: queue.Queue[PagePlan] = queue.Queue()
    for plan in plans:
        jobs.put(plan)
    results: list[PageResult] = []
    axe_versions: set[str] = set()
    lock = threading.Lock()
    report_progress = _progress_reporter(len(plans), options.widths, options.progress)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(root_url))

    def work(browser: Browser) -> None:
        browser.allow_only(origin)
        checker = PageChecker(browser, AxeRunner(browser.driver, script), origin, options)
        while True:
            try:
                plan = jobs.get_nowait()
            except queue.Empty:
                return
            result = checker.check(plan)
            with lock:
                results.append(result)
                axe_versions.add(checker.axe_version)
                report_progress(result)

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        for future in [pool.submit(work, browser) for browser in browsers]:
            future.result()  # re-raise a worker's unexpected error here
    return results, axe_versions - {""}


def _progress_reporter(
    total: int, widths: Sequence[int], progress: Callable[[str], None] | None
) -> Callable[[PageResult], None]:
    done = 0

    def report(page: PageResult) -> None:
        nonlocal done
        done += 1
        if progress is None:
            return
        marks = " ".join(f"{width} {'✓' if page.ok_at(width) else '✗'}" for width in widths)
        extra = f" [{page.template}: {len({run.mode for run in page.runs})} modes]"
        progress(f"[{done}/{total}] {page.display_path} {marks}{extra if page.template else ''}")

    return report


def _tool_versions(browser: Browser, script: AxeScript, axe_versions: set[str]) -> ToolVersions:
    return ToolVersions(
        axe_core=", ".join(sorted(axe_versions)) or "unknown",
        axe_script=str(script.path),
        axe_source=script.source,
        chromium=browser.chromium_version,
        chromedriver=browser.chromedriver_version,
        selenium=selenium.__version__,
        axe_selenium_python=version("axe-selenium-python"),
    )
