"""run_checks: serve the site, share its pages among browser workers, gather the report.

Pages whose passing result is in the cache (same HTML, same files loaded, same engines and
options) are not checked again. The Nu HTML checker runs in a thread beside the browsers. The
accessibility statement is checked last, with this run's results written into it.
"""

from __future__ import annotations

import queue
import subprocess
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import selenium

from .axe_engine import AxeRunner
from .browser import INSTALL_HINT, Browser, BrowserMissingError
from .cache import ResultCache, gate_code_hash
from .engines import Engines, locate_engines
from .ibm_engine import IbmRunner
from .options import REPO_ROOT, CheckOptions
from .page_check import PageChecker
from .pages import PagePlan, Part, parts, plan_pages, shard_plans
from .profile import Profile
from .report import Report, ToolVersions
from .results import PageResult, merge_parts
from .server import serve_site
from .statement_gate import check_statement
from .vnu import check_html


def run_checks(
    site_dir: Path, options: CheckOptions, *, browsers: Sequence[Browser] | None = None
) -> Report:
    """Check a built site. Pass `browsers` to reuse running sessions (they are left open)."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise FileNotFoundError(f"site folder {site_dir} does not exist")
    engines = locate_engines(options.node_modules_root or REPO_ROOT)
    plans = plan_pages(site_dir, options)
    if not plans:
        raise ValueError(f"no HTML pages to check in {site_dir}")
    if options.shard:
        plans = shard_plans(plans, *options.shard)
    tools = tool_versions(engines, options)
    cache = _cache(site_dir, options, engines, tools)
    statement = _statement_plan(site_dir, plans, options)
    started = datetime.now(UTC)
    profile = Profile()
    gate = _Gate(site_dir, options, engines, cache, browsers, profile)
    try:
        with serve_site(site_dir, options.normalised_base_path()) as root_url:
            results = gate.check([plan for plan in plans if plan is not statement], root_url)

            def report_with(pages: list[PageResult]) -> Report:
                return _report(site_dir, options, started, tools, pages)

            if statement is not None:
                with profile.step("statement (all rounds)"):
                    results.append(check_statement(
                        site_dir / statement.path, statement, options, results, report_with,
                        lambda: gate.check([statement], root_url)[0],
                    ))
    finally:
        gate.close()
    report = _report(site_dir, options, started, tools, results)
    report.profile = profile.to_json()
    if options.progress:
        options.progress("time per step (worker seconds overlap):")
        for line in profile.lines():
            options.progress("  " + line)
    return report


def _report(
    site_dir: Path, options: CheckOptions, started: datetime, tools: ToolVersions,
    pages: list[PageResult],
) -> Report:
    return Report(
        site_dir=str(site_dir),
        base_path=options.normalised_base_path(),
        started=started,
        finished=datetime.now(UTC),
        widths=tuple(options.widths),
        full_matrix=options.full_matrix,
        templates=dict(options.templates),
        tools=tools,
        pages=sorted(pages, key=lambda page: page.path),
        shard="{}/{}".format(*options.shard) if options.shard else None,
    )


class _Gate:
    """Cache look-up, browsers started only when a page must really be checked, and vnu."""

    def __init__(
        self, site_dir: Path, options: CheckOptions, engines: Engines,
        cache: ResultCache | None, browsers: Sequence[Browser] | None, profile: Profile,
    ) -> None:
        self.site_dir, self.options, self.engines, self.cache = site_dir, options, engines, cache
        self.profile = profile
        self.given = list(browsers or [])
        self.owned: list[Browser] = []

    def check(self, plans: list[PagePlan], root_url: str) -> list[PageResult]:
        reused: list[PageResult] = []
        fresh: list[PagePlan] = []
        for plan in plans:
            hit = None
            if self.cache is not None:
                self.cache.forget(plan.path)  # the statement page is rewritten between checks
                with self.profile.step("cache look-up"):
                    hit = self.cache.get(plan)
            if hit is None:
                fresh.append(plan)
            else:
                reused.append(hit)
        if reused and self.options.progress:
            self.options.progress(f"{len(reused)} page(s) unchanged: results reused from the cache")
        if not fresh:
            return reused
        vnu_found: dict[str, list] = {}
        def run_vnu() -> None:
            with self.profile.step("vnu (one Java call)"):
                vnu_found.update(check_html(self.engines, self.site_dir,
                                            [plan.path for plan in fresh]))

        vnu = threading.Thread(target=run_vnu, name="a11y-vnu")
        vnu.start()
        try:
            # By parts: one representative page alone is two parts, for two browsers.
            shares = sum(len(parts(plan, self.options.widths)) for plan in fresh)
            with self.profile.step("browser start"):
                browsers = self._browsers(shares)
            with self.profile.step("browser work (wall)"):
                checked = _check_all(fresh, browsers, root_url, self.engines, self.options,
                                     self.profile)
        finally:
            vnu.join()
        for plan, (result, loaded) in zip(fresh, checked, strict=True):
            result.failures += vnu_found.get(plan.path, [])
            if self.cache is not None:
                self.cache.put(plan, result, loaded)
        return reused + [result for result, _ in checked]

    def _browsers(self, shares: int) -> list[Browser]:
        if self.given:
            return self.given
        wanted = max(1, min(self.options.workers, shares))
        if len(self.owned) < wanted:
            self.owned += start_browsers(wanted - len(self.owned), self.options)
        return self.owned

    def close(self) -> None:
        for browser in self.owned:
            browser.close()


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
    engines: Engines,
    options: CheckOptions,
    profile: Profile,
) -> list[tuple[PageResult, tuple[str, ...]]]:
    """Results in the order of `plans`."""
    jobs: queue.Queue[tuple[int, Part]] = queue.Queue()
    shares = [parts(plan, options.widths) for plan in plans]
    for index, plan_parts in enumerate(shares):
        for part in plan_parts:
            jobs.put((index, part))
    done: dict[int, list[tuple[PageResult, tuple[str, ...]]]] = {}
    results: dict[int, tuple[PageResult, tuple[str, ...]]] = {}
    lock = threading.Lock()
    report_progress = _progress_reporter(len(plans), options.widths, options.progress)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(root_url))
    axe_source = engines.axe.source()

    def work(browser: Browser) -> None:
        browser.allow_only(origin)
        browser.preload("axe-core", axe_source)
        checker = PageChecker(browser, AxeRunner(browser.driver, engines.axe.path),
                              IbmRunner(browser.driver, engines.ibm), origin, options, profile)
        while not stop.is_set():
            try:
                index, part = jobs.get_nowait()
            except queue.Empty:
                return
            outcome = checker.check(plans[index], part)
            with lock:
                done.setdefault(index, []).append(outcome)
                if len(done[index]) == len(shares[index]):
                    results[index] = _merged(done[index])
                    report_progress(results[index][0])

    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        futures = [pool.submit(work, browser) for browser in browsers]
        try:
            for future in futures:
                future.result()  # re-raise a worker's unexpected error here
        except BaseException:
            # Ctrl+C, SIGTERM or a worker's error: the others finish the page they are on and
            # stop, instead of the pool's exit waiting for every page left in the queue.
            stop.set()
            raise
    return [results[index] for index in range(len(plans))]


def _merged(
    outcomes: list[tuple[PageResult, tuple[str, ...]]],
) -> tuple[PageResult, tuple[str, ...]]:
    if len(outcomes) == 1:
        return outcomes[0]
    loaded = sorted({path for _, paths in outcomes for path in paths})
    return merge_parts([result for result, _ in outcomes]), tuple(loaded)


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


def _cache(
    site_dir: Path, options: CheckOptions, engines: Engines, tools: ToolVersions
) -> ResultCache | None:
    if options.cache_dir is None:
        return None
    fingerprint = "\n".join([
        gate_code_hash(), engines.fingerprint(), tools.chromium, tools.chromedriver,
        options.fingerprint(),
    ])
    cache = ResultCache(options.cache_dir, site_dir, options.normalised_base_path(), fingerprint)
    cache.prune()
    return cache


def _statement_plan(site_dir: Path, plans: list[PagePlan], options: CheckOptions) -> PagePlan | None:
    """The statement page, when this run writes its results into it (never in a shard: one
    shard's results are not the site's)."""
    if not options.statement_page or not options.statement_marker or options.shard:
        return None
    for plan in plans:
        if plan.path == options.statement_page:
            html = (site_dir / plan.path).read_text(encoding="utf-8")
            return plan if options.statement_marker in html else None
    return None


def tool_versions(engines: Engines, options: CheckOptions) -> ToolVersions:
    """Versions asked from the programs themselves, before any browser starts."""
    return ToolVersions(
        axe_core=engines.axe.version,
        ibm_checker=engines.ibm.version,
        vnu=engines.vnu.version,
        chromium=_program_version(options.chromium_binary),
        chromedriver=_program_version(options.chromedriver),
        selenium=selenium.__version__,
    )


def _program_version(program: Path) -> str:
    """'Chromium 131.0.6778.204 built on Debian …' -> '131.0.6778.204'."""
    try:
        output = subprocess.run(
            [str(program), "--version"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BrowserMissingError(
            f"无法运行 {program} --version（{error}）：无障碍检查需要 Debian 的 Chromium 和 "
            f"chromedriver。请安装：sudo {INSTALL_HINT}"
        ) from error
    words = [word for word in output.split() if word[:1].isdigit()]
    return words[0] if words else output.strip()
