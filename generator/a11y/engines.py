"""The pinned checking engines: exactly the versions package-lock.json names, or a clear refusal.

The gate never falls back to another copy (axe-selenium-python bundles an older axe-core whose
results differ): a missing or different engine stops the gate with a Chinese message that says
what is missing and the command that installs it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

NPM_HINT = "请在项目根目录运行：npm ci"
JAVA_HINT = "请安装 Java（Debian：sudo apt-get install -y default-jre-headless）"

# npm package -> the file the gate loads from it.
AXE = ("axe-core", "axe.min.js")
IBM = ("accessibility-checker-engine", "ace.js")
VNU = ("vnu-jar", "build/dist/vnu.jar")


class EngineMissingError(RuntimeError):
    """A pinned engine is missing or differs from package-lock.json: the gate cannot run."""


@dataclass(frozen=True)
class Engine:
    name: str  # the npm package
    version: str  # as installed, equal to package-lock.json
    path: Path

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


@dataclass(frozen=True)
class Engines:
    axe: Engine
    ibm: Engine
    vnu: Engine
    java: Path

    def versions(self) -> dict[str, str]:
        return {engine.name: engine.version for engine in (self.axe, self.ibm, self.vnu)}

    def fingerprint(self) -> str:
        """Changes whenever any engine's code changes: part of every cache key."""
        return "|".join(f"{e.name}={e.version}:{e.sha256}" for e in (self.axe, self.ibm, self.vnu))


def locate_engines(repo_root: Path) -> Engines:
    """Every pinned engine, or EngineMissingError listing every problem at once."""
    problems: list[str] = []
    pins = _locked_versions(repo_root, problems)
    found = {
        package: _engine(repo_root, package, file, pins, problems)
        for package, file in (AXE, IBM, VNU)
    }
    java = shutil.which("java")
    if java is None:
        problems.append(f"找不到 Java：Nu HTML 检查器（vnu-jar）需要它。{JAVA_HINT}")
    if problems:
        raise EngineMissingError("无障碍检查无法运行：\n" + "\n".join(f"- {p}" for p in problems))
    return Engines(
        axe=found[AXE[0]],  # type: ignore[arg-type]
        ibm=found[IBM[0]],  # type: ignore[arg-type]
        vnu=found[VNU[0]],  # type: ignore[arg-type]
        java=Path(java),  # type: ignore[arg-type]
    )


def _locked_versions(repo_root: Path, problems: list[str]) -> dict[str, str]:
    lock = repo_root / "package-lock.json"
    try:
        packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError) as error:
        problems.append(f"读不出 {lock}（{type(error).__name__}），无法确定检测引擎的固定版本。")
        return {}
    return {
        name: str(packages.get(f"node_modules/{name}", {}).get("version", ""))
        for name, _ in (AXE, IBM, VNU)
    }


def _engine(
    repo_root: Path, package: str, file: str, pins: dict[str, str], problems: list[str]
) -> Engine | None:
    pinned = pins.get(package, "")
    if pins and not pinned:
        problems.append(f"package-lock.json 没有固定 {package} 的版本。请运行：npm install")
        return None
    folder = repo_root / "node_modules" / package
    path = folder / file
    if not path.is_file():
        problems.append(f"缺少检测引擎 {package} {pinned}（找不到 {path}）。{NPM_HINT}")
        return None
    try:
        installed = str(json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        installed = "未知"
    if pinned and installed != pinned:
        problems.append(
            f"检测引擎 {package} 的版本是 {installed}，package-lock.json 固定的是 {pinned}。{NPM_HINT}"
        )
        return None
    return Engine(package, installed, path.resolve())
