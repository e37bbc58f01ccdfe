"""YAML files under regions/ → validated model objects, or a list of problems with positions.

Layout:
    regions/themes.yaml, regions/audiences.yaml, regions/glossary.yaml
    regions/<region-id>/region.yaml
    regions/<region-id>/plans/<plan-id>/plan.yaml and its source.txt
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator import fidelity, invisible
from generator.forked import shared_map
from generator.model import Glossary, Plan, Region, Vocabulary
from generator.modelerrors import validate_model
from generator.problems import Problem, relative
from generator.projectfile import (
    decode_utf8,
    os_problem,
    outside_project,
    read_project_file,
    sha256_hex,
)
from generator.yamlload import Located, line_and_column, load_yaml


@dataclass(frozen=True)
class LoadedPlan:
    region_id: str
    plan: Plan
    folder: Path
    file: str  # display name of plan.yaml, for messages
    located: Located
    source_text: str | None


@dataclass
class Dataset:
    root: Path
    regions: dict[str, Region] = field(default_factory=dict)
    region_files: dict[str, tuple[str, Located]] = field(default_factory=dict)
    plans: list[LoadedPlan] = field(default_factory=list)
    themes: Vocabulary | None = None
    audiences: Vocabulary | None = None
    glossary: Glossary | None = None
    vocabulary_files: dict[str, tuple[str, Located]] = field(default_factory=dict)
    # "region/plan" of plan folders whose plan.yaml did not load: references to them are not
    # reported again as missing plans (the plan's own file already has its errors).
    unloaded_plans: set[str] = field(default_factory=set)


# ---------------------------------------------------------------- reading the tree


# Files already read, by path, type and (inode, size, mtime): the preview (generator/preview.py)
# sets a dict here so that an edit re-reads only the files that changed. None: no cache.
FILE_CACHE: dict[tuple, tuple] | None = None


def _load_file[M: BaseModel](
    path: Path, model: type[M], root: Path, problems: list[Problem]
) -> tuple[M | None, Located | None, str]:
    key = _cache_key(path, model) if FILE_CACHE is not None else None
    if key is not None and key in FILE_CACHE:  # FILE_CACHE is not None here
        value, located, file, found = FILE_CACHE[key]  # type: ignore[index]
        problems.extend(found)
        return value, located, file
    file = relative(path, root)
    located, found = load_yaml(path, file, root)
    value = None
    if located is not None:
        value, invalid = validate_model(model, located, file)
        found = found + invalid
    problems.extend(found)
    if key is not None:
        FILE_CACHE[key] = (value, located, file, found)  # type: ignore[index]
    return value, located, file


def _cache_key(path: Path, model: type) -> tuple | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (str(path), model.__name__, found.st_ino, found.st_size, found.st_mtime_ns)


def load_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load everything under root/regions. Problems from every file are collected, not raised."""
    regions_dir = root / "regions"
    dataset = Dataset(root=root)
    problems: list[Problem] = []
    if not regions_dir.is_dir():
        problems.append(Problem("regions", 1, 1, "", "找不到 regions 文件夹。",
                                "在项目根目录运行命令，或用 --root 指明项目位置。"))
        return dataset, problems
    if outside_project(regions_dir, root):
        problems.append(Problem("regions", 1, 1, "",
                                "regions 是指向项目文件夹以外的链接，为了安全不读取其中的文件。",
                                "把数据文件夹本身放进项目文件夹，删掉这个链接。"))
        return dataset, problems

    for name, model in (("themes", Vocabulary), ("audiences", Vocabulary),
                        ("glossary", Glossary)):
        path = regions_dir / f"{name}.yaml"
        if not _present(path):
            problems.append(Problem(relative(path, root), 1, 1, "", f"缺少 {name}.yaml。",
                                    "这个共用文件必须存在，参照维护指南创建。"))
            continue
        value, located, file = _load_file(path, model, root, problems)
        setattr(dataset, name, value)
        if located is not None:
            dataset.vocabulary_files[name] = (file, located)

    with _preloaded(regions_dir, root):
        for region_dir in _folders(regions_dir, root, problems):
            load_region_folder(region_dir, root, dataset, problems)
    return dataset, problems


@contextlib.contextmanager
def _preloaded(regions_dir: Path, root: Path) -> Iterator[None]:
    """Read the regions' and plans' YAML files on both cores first (forked.shared_map), into
    FILE_CACHE for the walk below, which then only looks them up: parsing them is most of
    validation's time. The walk still decides what is read (a link out of the project is
    refused there; read_project_file refuses to read it anyway). The preview keeps its own
    cache: only what it lacks is read (every file at serve's start, none after an edit)."""
    global FILE_CACHE
    kept = FILE_CACHE
    files = [(path, Region) for path in sorted(regions_dir.glob("*/region.yaml"))]
    files += [(path, Plan) for path in sorted(regions_dir.glob("*/plans/*/plan.yaml"))]
    if kept is not None:
        files = [(path, model) for path, model in files if _cache_key(path, model) not in kept]

    def load(item: tuple[Path, type[BaseModel]]) -> list[tuple[tuple | None, tuple]]:
        path, model = item
        found: list[Problem] = []
        value, located, file = _load_file(path, model, root, found)
        entries = [(_cache_key(path, model), (value, located, file, found))]
        if isinstance(value, Plan) and located is not None:
            # A plan's source is hashed and searched for invisible characters, the whole text:
            # on both cores too, under the key _load_plan looks it up by.
            source_found: list[Problem] = []
            text = _read_source(value, path.parent, root, file, located, source_found)
            entries.append((_source_key(path, value), (text, source_found)))
        return entries

    read = {key: entry for entries in shared_map(load, files) for key, entry in entries
            if key is not None}
    if kept is None:
        FILE_CACHE = read
    else:
        kept.update(read)
    try:
        yield
    finally:
        FILE_CACHE = kept


def load_region_folder(region_dir: Path, root: Path, dataset: Dataset,
                       problems: list[Problem]) -> Region | None:
    """One region's region.yaml and plans into `dataset` (the preview reads an edited one)."""
    region_path = region_dir / "region.yaml"
    if not _present(region_path):
        problems.append(Problem(relative(region_dir, root), 1, 1, "",
                                "地区文件夹里缺少 region.yaml。",
                                "运行 policysite new-region 生成，或删除这个空文件夹。"))
        return None
    region, located, file = _load_file(region_path, Region, root, problems)
    if region is not None and located is not None:
        dataset.regions.setdefault(region.id, region)
        dataset.region_files.setdefault(region.id, (file, located))
        _check_folder_name("地区", region.id, region_dir, file, located, problems)
    plans_dir = region_dir / "plans"
    if _present(plans_dir):
        for plan_dir in _folders(plans_dir, root, problems):
            _load_plan(plan_dir, region_dir.name, root, dataset, problems)
    return region


def _present(path: Path) -> bool:
    """Whether something stands at `path`: a file, a folder or a link, even a broken one. All but
    a missing file are read, so that a folder or a link in a file's place is named as such."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:  # not even allowed to look: reading it names the problem
        return True


def _folders(parent: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The sub-folders of `parent`, in order; a link to a folder outside the project is refused
    (and nothing in it listed or read)."""
    folders = []
    try:
        found = sorted(p for p in parent.iterdir() if p.is_dir())
    except OSError as error:  # no permission to list it, or it vanished
        problems.append(os_problem(error, relative(parent, root)))
        return []
    for folder in found:
        if outside_project(folder, root):
            problems.append(Problem(
                relative(folder, root), 1, 1, "",
                "这个文件夹是指向项目文件夹以外的链接，为了安全不读取其中的文件。",
                "把数据文件本身放进项目文件夹，删掉这个链接。",
            ))
            continue
        folders.append(folder)
    return folders


def _check_folder_name(kind: str, identifier: str, folder: Path, file: str, located: Located,
                       problems: list[Problem]) -> None:
    """Ids become URLs and folder names: the two must agree."""
    if identifier != folder.name:
        line, column = located.position(("id",))
        problems.append(Problem(
            file, line, column, "id",
            f"{kind} id“{identifier}”和文件夹名“{folder.name}”不一致。",
            "把文件夹改名为 id，或把 id 改成文件夹名。",
        ))


def _load_plan(plan_dir: Path, region_id: str, root: Path, dataset: Dataset,
               problems: list[Problem]) -> None:
    plan_path = plan_dir / "plan.yaml"
    if not _present(plan_path):
        problems.append(Problem(relative(plan_dir, root), 1, 1, "",
                                "方案文件夹里缺少 plan.yaml。",
                                "运行 policysite new-plan 生成，或删除这个文件夹。"))
        return
    plan, located, file = _load_file(plan_path, Plan, root, problems)
    if plan is None or located is None:
        dataset.unloaded_plans.add(f"{region_id}/{plan_dir.name}")
        return
    key = _source_key(plan_path, plan) if FILE_CACHE is not None else None
    if key is not None and key in FILE_CACHE:  # type: ignore[operator]
        source_text, found = FILE_CACHE[key]  # type: ignore[index]
    else:
        found = []
        source_text = _read_source(plan, plan_dir, root, file, located, found)
        if key is not None:
            FILE_CACHE[key] = (source_text, found)  # type: ignore[index]
    problems.extend(found)
    _check_folder_name("方案", plan.id, plan_dir, file, located, problems)
    dataset.plans.append(LoadedPlan(region_id, plan, plan_dir, file, located, source_text))


def _source_key(plan_path: Path, plan: Plan) -> tuple:
    """The source check compares the whole text: cached too, by plan.yaml and the source file."""
    return (_cache_key(plan_path, Plan), _cache_key(plan_path.parent / plan.source, str))


def _read_source(plan: Plan, plan_dir: Path, root: Path, file: str, located: Located,
                 problems: list[Problem]) -> str | None:
    """The text of the plan's source.txt, after checking it against the recorded SHA-256."""
    line, column = located.position(("source",))
    if plan.source in (".", "..") or "/" in plan.source or "\\" in plan.source:
        problems.append(Problem(
            file, line, column, "source", f"“{plan.source}”不是同一文件夹中的文件名。",
            "source 只写文件名（通常是 source.txt），原文文件放在 plan.yaml 旁边。",
        ))
        return None
    source_path = plan_dir / plan.source
    if not _present(source_path):
        problems.append(Problem(
            file, line, column, "source", f"找不到原文文件“{plan.source}”。",
            "把原文的纯文本（UTF-8）放在 plan.yaml 旁边，文件名写在 source 字段。",
        ))
        return None
    source_file = relative(source_path, root)
    raw, unreadable = read_project_file(source_path, root, source_file)
    problems.extend(unreadable)
    if raw is None:
        return None
    if sha256_hex(raw) != plan.source_sha256:
        line, column = located.position(("source_sha256",))
        problems.append(Problem(
            file, line, column, "source_sha256",
            f"原文文件 {source_file} 的内容变了：它的 SHA-256 校验值与这里记录的不同。",
            "原文必须与发布的文件逐字节一致。不是有意修改的话，请恢复原来的文件"
            f"（git checkout -- {source_file}）；如果确实换成了核对过的原文，运行 "
            f"policysite hash {source_file} ，把输出的值填入 source_sha256。",
        ))
    text, undecodable = decode_utf8(raw, source_file)
    problems.extend(undecodable)
    if text is None:
        return None
    text = text.lstrip("\ufeff")
    problems.extend(_invisible_in_source(plan, text, source_file))
    return text


def _invisible_in_source(plan: Plan, text: str, file: str) -> list[Problem]:
    """Invisible characters of the source that no correction removes. The source keeps them
    (it is the document as published); a correction is the place to drop them."""
    corrected, _ = fidelity.apply_corrections(plan, text)
    remaining = {character for _, character in invisible.find(corrected)}
    problems = []
    for offset, character in invisible.find(text):
        if character not in remaining:
            continue
        line, column = line_and_column(text, offset)
        problems.append(Problem(
            file, line, column, "",
            f"原文里有一个看不见的字符：{invisible.describe(character)}，网页上读屏软件会读错。",
            "source.txt 要与发布的文件逐字节一致，不要在这里删除。请在 plan.yaml 的 corrections "
            f"中登记一条更正：find: \"\\u{ord(character):04X}\"（双引号、转义写法），"
            "replace: ''，count 写它在原文中出现的次数，reason 写“复制带入的看不见的字符”。",
        ))
    return problems
