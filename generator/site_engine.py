"""The site engine: turns the generated docs folder into HTML with the theme in overrides/.

Two engines read the same mkdocs.yml and the same generated pages: MkDocs with Material (the
default) and Zensical, Material's successor (`policysite build --engine zensical`). Links mean
the same page to both because every page is written where its folder and its URL's folder
coincide (render.Router.file).
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

from generator import processes, routes
from generator.console import detail, tell

# The value of `--engine` and the name a person reads.
ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
ENGINES = tuple(ENGINE_NAMES)
DEFAULT_ENGINE = "mkdocs"
# The newest Zensical that installs from PyPI (0.1.x needs zensical-ui, which is not there);
# pyproject.toml's `zensical` extra pins the same version.
ZENSICAL_VERSION = "0.0.73"
# Zensical refuses a site_dir outside the project, so it builds here and the site is moved.
ZENSICAL_SITE = Path("build") / "zensical-site"
# Lines that engines print on a successful build, not worth a reader's attention.
QUIET_PREFIXES = ("Building prefix", "Loading model", "Prefix dict", "Dumping model",
                  "Build started", "No issues found", "Build finished")


class EngineFailed(Exception):
    """The engine ran and failed, or cannot run; the message (Chinese sentences) says what to do."""


def run_engine(engine: str, root: Path, site_dir: Path, offline: bool, docs: Path) -> None:
    """Build the site from the docs folder into site_dir with the chosen engine."""
    if engine == "zensical":
        run_zensical(root, site_dir, offline, docs)
    else:
        run_mkdocs(root, site_dir, offline, docs)


def engine_environment(offline: bool, docs: Path) -> dict[str, str]:
    """The variables mkdocs.yml reads (!ENV), the same for both engines."""
    return {**os.environ,
            "POLICYSITE_OFFLINE": "true" if offline else "false",
            "POLICYSITE_DIRECTORY_URLS": "false" if offline else "true",
            # The docs folder (policysite build --docs) and the search words beside it.
            "POLICYSITE_DOCS_DIR": str(docs),
            "POLICYSITE_JIEBA_DICT": str(routes.jieba_dictionary(docs)),
            # Material 9 announces its end of life (2027-05-05) on every build; the README
            # records the plan (generation happens before any engine runs).
            "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs(root: Path, site_dir: Path, offline: bool, docs: Path) -> None:
    """MkDocs in its own process: jieba keeps global state (a user dictionary loaded twice shifts
    word frequencies), so an in-process rebuild would not be byte-identical."""
    # Imported here: the command line reads this module for its constants, and MkDocs' own
    # modules take a while to import.
    from generator import mkdocs_pages

    environment = engine_environment(offline, docs)
    workers = mkdocs_pages.parallel_workers(docs, offline)
    if workers > 1:
        # A large hosted site (Material's search off, so no jieba): MkDocs' own steps, the
        # pages shared among processes (generator/mkdocs_pages.py).
        warnings = mkdocs_pages.build_site(root, site_dir, environment, workers)
        if warnings:
            tell("\n".join(warnings))
            raise EngineFailed("MkDocs 生成失败（见上方信息）。")
        return
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    _run(command, root, environment, "MkDocs")


def run_zensical(root: Path, site_dir: Path, offline: bool, docs: Path) -> None:
    if offline:
        raise EngineFailed("离线版（--offline）目前只能用 MkDocs 生成：Zensical 的离线支持还没有"
                           "经过本项目检查。请去掉 --engine zensical。")
    check_zensical_installed()
    staged = root / ZENSICAL_SITE
    if staged.exists():
        shutil.rmtree(staged)
    if not docs.is_relative_to(root):
        raise EngineFailed("Zensical 只能读取项目文件夹里面的页面源文件：请去掉 --docs，"
                           "或把它设在项目文件夹里面。")
    # Zensical 0.0.73 panics on an absolute docs_dir ("invariant: Id(Format(Path(RootDir)))").
    environment = {**engine_environment(offline, docs),
                   "POLICYSITE_DOCS_DIR": docs.relative_to(root).as_posix(),
                   "POLICYSITE_SITE_DIR": str(ZENSICAL_SITE)}
    # --clean: no cache from an earlier build, so the output depends on the input only.
    command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean",
               "--config-file", str(root / "mkdocs.yml")]
    _run(command, root, environment, "Zensical")
    add_material_assets(staged)
    shutil.copytree(staged, site_dir, dirs_exist_ok=True)
    shutil.rmtree(staged)


def check_zensical_installed() -> None:
    try:
        version = metadata.version("zensical")
    except metadata.PackageNotFoundError:
        version = None
    if version != ZENSICAL_VERSION:
        found = f"找到的是 {version}" if version else "没有安装"
        raise EngineFailed(f"需要 Zensical {ZENSICAL_VERSION}（{found}）。请运行 "
                           ".venv/bin/pip install -e '.[zensical]'，或重新运行 scripts/build.sh。")


def add_material_assets(site: Path) -> None:
    """Our templates are Material 9.8's (overrides/base.html is a copy), so the pages load
    Material's stylesheets and scripts by their hashed names; Zensical ships its own, under
    other names. Copy Material's from the installed mkdocs-material."""
    import material  # only for this engine: the command line reads this module too

    assets = Path(material.__file__).parent / "templates" / "assets"
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(assets / folder, site / "assets" / folder, dirs_exist_ok=True)


def _run(command: list[str], root: Path, environment: dict[str, str], name: str) -> None:
    result = processes.run(command, cwd=root, env=environment, capture_output=True)
    lines = (result.stdout + result.stderr).splitlines()
    noise = [line for line in lines if "jieba" in line or line.startswith(QUIET_PREFIXES)]
    output = "\n".join(line for line in lines if line not in noise)
    if output.strip():
        tell(output)
    if noise:
        detail("\n".join(noise))
    if result.returncode != 0:
        raise EngineFailed(f"{name} 生成失败（见上方信息）。")
