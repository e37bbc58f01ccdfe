"""What a build's output depends on, as one hash, so that `policysite serve` can start from an
earlier build's output instead of building the same site again (half an hour at 3,000 regions).

The fingerprint covers every file a build reads in the project (INPUTS), the generator's own
code, templates and assets, the version of every installed distribution (MkDocs, Material,
Pagefind, Jinja, …) and of Python, the date the site speaks of, the git commit (the feed's dates
come from git history), the POLICYSITE_* variables mkdocs.yml reads, and the build options that
change the output. A build records it beside its docs folder (`record`) once the output is
published, and removes the record before it writes the docs folder again (`forget`); so does
the preview before it changes anything. A record is trusted only for the output folder it names,
as that build published it (the folder's inode: every publication swaps a new folder in).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import generator
from generator.clock import build_date
from generator.projectfile import outside_project, real_path

# Everything under the project a build reads: the data, the hand-written pages, the theme
# overrides, the engine's configuration (package-lock.json: the gate's checking engines).
INPUTS = ("regions", "content", "overrides", "mkdocs.yml", "package-lock.json")
SKIPPED = {"__pycache__"}


def fingerprint(root: Path, options: dict[str, object]) -> str:
    """One hash of everything a build of `root` with `options` depends on."""
    digest = hashlib.sha256()

    def add(label: str, value: object) -> None:
        digest.update(json.dumps([label, value], ensure_ascii=False).encode() + b"\n")

    add("options", sorted(options.items()))
    add("date", build_date().isoformat())
    add("python", platform.python_version())
    add("distributions", sorted({(d.metadata["Name"] or "", d.version)
                                 for d in metadata.distributions()}))
    add("environment", sorted((k, v) for k, v in os.environ.items()
                              if k.startswith("POLICYSITE_")))
    add("commit", _git_commit(root))
    code = Path(generator.__file__).parent
    for base, prefix in [(root, ""), (code, "generator-code/")]:
        names = INPUTS if prefix == "" else (".",)
        for path, inside in _files(base, names):
            # A link out of the project is never read (a build refuses it): its target counts.
            add(prefix + path.relative_to(base).as_posix(),
                hashlib.sha256(path.read_bytes()).hexdigest() if inside
                else "link to " + os.readlink(path))
    return digest.hexdigest()


def _files(base: Path, names: tuple[str, ...]) -> Iterator[tuple[Path, bool]]:
    """Every file under base/name in a fixed order, and whether it is inside base: links
    inside base are followed as a build follows them (each folder once), links out of it
    are listed but never followed or read."""
    seen: set[Path] = set()

    def walk(path: Path) -> Iterator[tuple[Path, bool]]:
        real = real_path(path)
        if outside_project(path, base):
            yield path, False
        elif path.is_dir() and real not in seen:
            seen.add(real)
            for child in sorted(path.iterdir()):
                if child.name not in SKIPPED:
                    yield from walk(child)
        elif path.is_file():
            yield path, True

    for name in names:
        if (base / name).exists() or (base / name).is_symlink():
            yield from walk(base / name)


def _git_commit(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def record_path(docs: Path) -> Path:
    return docs.with_name(docs.name + ".built.json")


def forget(docs: Path) -> None:
    """The docs folder is about to change: no output built from it may be reused."""
    record_path(docs).unlink(missing_ok=True)


def record(docs: Path, output: Path, key: str) -> None:
    """The output just published was built from `docs` with the inputs whose hash is `key`."""
    folder = output.resolve()
    found = folder.stat()
    record_path(docs).write_text(json.dumps(
        {"fingerprint": key, "output": str(folder), "folder": [found.st_dev, found.st_ino]}),
        encoding="utf-8")


def reusable(docs: Path, key: str) -> Path | None:
    """The output folder built from `docs` with inputs whose hash is `key`, if it is still
    there as published; None otherwise."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        built = json.loads(record_path(docs).read_text(encoding="utf-8"))
        folder = Path(built["output"])
        found = folder.stat()
        if built["fingerprint"] == key and [found.st_dev, found.st_ino] == built["folder"]:
            return folder
    return None


def file_states(root: Path) -> list[tuple[str, int, int, int]]:
    """Every input file's identity, size and modification time: what tells an edit made while
    the inputs are read (serve's start) from none."""
    return [(str(path), found.st_ino, found.st_size, found.st_mtime_ns)
            for path, _ in _files(root, INPUTS) for found in [path.lstat()]]
