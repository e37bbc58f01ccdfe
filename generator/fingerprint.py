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
from generator.projectfile import within

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
        for path, relative, inside in _files(base, names):
            # A link out of the project is never read (a build refuses it): its target counts.
            if inside:
                with open(path, "rb") as file:
                    add(prefix + relative, hashlib.file_digest(file, "sha256").hexdigest())
            else:
                add(prefix + relative, "link to " + os.readlink(path))
    return digest.hexdigest()


def _files(base: Path, names: tuple[str, ...]) -> Iterator[tuple[str, str, bool]]:
    """Every file under base/name in a fixed order (by name in each folder), as its path, its
    path relative to base and whether it is inside base: links inside base are followed as a
    build follows them (each folder once), links out of it are listed but never followed or
    read. String paths, and a link resolved only where there is one: at 3,000 regions a Path
    and a realpath per file made each fingerprint take seconds."""
    top = os.path.realpath(base)
    seen: set[str] = set()

    def walk(path: str, relative: str, real: str, is_dir: bool,
             is_file: bool) -> Iterator[tuple[str, str, bool]]:
        if not within(real, top):
            yield path, relative, False
        elif is_dir and real not in seen:
            seen.add(real)
            with os.scandir(path) as found:
                children = sorted(found, key=lambda entry: entry.name)
            for child in children:
                if child.name in SKIPPED:
                    continue
                name = f"{relative}/{child.name}" if relative else child.name
                if child.is_symlink():
                    yield from walk(child.path, name, *_followed(child.path))
                else:
                    # Not a link: its real path is its folder's, one name longer.
                    yield from walk(child.path, name, os.path.join(real, child.name),
                                    child.is_dir(follow_symlinks=False),
                                    child.is_file(follow_symlinks=False))
        elif is_file:
            yield path, relative, True

    for name in names:
        path = str(base) if name == "." else os.path.join(base, name)
        if os.path.lexists(path):
            yield from walk(path, "" if name == "." else name, *_followed(path))


def _followed(path: str) -> tuple[str, bool, bool]:
    """A path's real path, and whether it is a folder or a file with links followed."""
    return os.path.realpath(path), os.path.isdir(path), os.path.isfile(path)


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
    return [(path, found.st_ino, found.st_size, found.st_mtime_ns)
            for path, _, _ in _files(root, INPUTS) for found in [os.lstat(path)]]
