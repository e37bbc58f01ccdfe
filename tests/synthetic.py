"""Write throw-away projects for build tests: the site skeleton plus generated regions/ data.

A synthetic project has N regions in a realistic tree (provinces → about ten prefectures each →
about nine counties each, valid and unique six-digit codes). Every region has a plan, as every
county-level government and above would: provinces in the provincial plan's shape, prefectures
and counties in one of the four local plans' shapes (chosen by a seeded generator), each cut to
its first few actions, with the place names, the document number and the organisation registry
adapted, and its source.txt regenerated from the YAML with `generator.fidelity.plan_text`, so
the fidelity check passes without a real source document.

Used by tests/test_scale.py, tests/test_hostile.py and benchmarks/page_size.py.
"""

from __future__ import annotations

import functools
import json
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.fidelity import plan_text
from generator.model import Plan, Region
from generator.projectfile import sha256_hex
from generator.yamlload import load_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
REGIONS = REPO_ROOT / "regions"

PREFECTURES_PER_PROVINCE = 10  # 34 provinces, 333 prefectures in China
COUNTIES_PER_PREFECTURE = 9  # 2,844 counties

# Syllables for invented place names: names are unique within a level, never real on purpose.
_SYLLABLES = "安宁平川阳泉江河山林城原德昌兴华丰泰和清永新长定康瑞嘉通远乐盛"


# ---------------------------------------------------------------- files


def copy_site_files(root: Path) -> None:
    """What a build needs besides regions/: mkdocs.yml (paths are relative to it), the theme
    overrides and the hand-written pages; copied over an earlier copy, so a kept project
    (benchmarks/build_scale.py --root) is built with the repository's own."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("overrides", "content"):
        shutil.copytree(REPO_ROOT / folder, root / folder, dirs_exist_ok=True)


def read_plain(path: Path) -> object:
    """A data file as the project reads it: plain strings, lists and dicts (no YAML typing)."""
    located, problems = load_yaml(path, path.name)
    assert located is not None and not problems, problems
    return located.data


# libyaml's dumper where PyYAML has it: a 3,000-region project is written in seconds, not minutes.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_yaml(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                     width=1_000_000)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_plan(root: Path, region_id: str, data: dict, *, tidy: bool = False) -> Plan:
    """Write plan.yaml and a source.txt the fidelity check accepts: the text the YAML prints.

    The plan is read back through the project's own loader first, so source.txt matches what
    the build sees (the loader tidies whitespace next to Chinese text); `tidy=True` says the
    data came from the loader already (read_plain), which saves that slow second reading."""
    folder = root / "regions" / region_id / "plans" / data["id"]
    # The checksum of source.txt is known only once the text is: a placeholder first.
    placeholder = {**data, "source_sha256": "0" * 64}
    if not tidy:
        write_yaml(folder / "plan.yaml", placeholder)
        placeholder = read_plain(folder / "plan.yaml")
    plan = Plan.model_validate(placeholder)
    source = ("\n".join(plan_text(plan)) + "\n").encode("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / plan.source).write_bytes(source)
    write_yaml(folder / "plan.yaml", {**data, "source_sha256": sha256_hex(source)})
    return plan.model_copy(update={"source_sha256": sha256_hex(source)})


def copy_vocabularies(root: Path) -> None:
    target = root / "regions"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("themes.yaml", "audiences.yaml", "glossary.yaml"):
        shutil.copy2(REGIONS / name, target / name)


# ---------------------------------------------------------------- the synthetic tree


def place_name(index: int, syllables: int) -> str:
    """The index-th invented name of `syllables` characters (unique for index < 30**syllables)."""
    base = len(_SYLLABLES)
    letters = []
    for _ in range(syllables):
        index, digit = divmod(index, base)
        letters.append(_SYLLABLES[digit])
    return "".join(reversed(letters))


@dataclass(frozen=True)
class SyntheticRegion:
    id: str
    name: str
    level: str
    parent: str | None
    code: str
    place: str  # the name without its suffix, substituted for 金昌 in the plan


def region_tree(count: int) -> list[SyntheticRegion]:
    """`count` regions, depth first: province, its first prefecture, that one's counties, …"""
    regions: list[SyntheticRegion] = []
    province = 0
    prefecture_number = 0
    county_number = 0
    while len(regions) < count:
        province += 1
        assert province <= 89, "six-digit codes allow provinces 11 to 99"
        p_code = 10 + province
        p_place = place_name(province, 2)
        p_id = f"p{province:02d}"
        regions.append(SyntheticRegion(p_id, p_place + "省", "province", None,
                                       f"{p_code}0000", p_place))
        for f in range(1, PREFECTURES_PER_PROVINCE + 1):
            if len(regions) >= count:
                break
            prefecture_number += 1
            f_place = place_name(prefecture_number, 2)
            f_id = f"{p_id}-f{f:02d}"
            regions.append(SyntheticRegion(f_id, f_place + "市", "prefecture", p_id,
                                           f"{p_code}{f:02d}00", f_place))
            for c in range(1, COUNTIES_PER_PREFECTURE + 1):
                if len(regions) >= count:
                    break
                county_number += 1
                c_place = place_name(county_number, 3)
                regions.append(SyntheticRegion(f"{f_id}-c{c:02d}", c_place + "县", "county",
                                               f_id, f"{p_code}{f:02d}{c:02d}", c_place))
    return regions


def _replace_all(value: object, pattern: re.Pattern[str], names: dict[str, str]) -> object:
    """Every place name of the template replaced at once (one pass: no name is replaced twice)."""
    if isinstance(value, str):
        return pattern.sub(lambda match: names[match.group(0)], value)
    if isinstance(value, list):
        return [_replace_all(item, pattern, names) for item in value]
    if isinstance(value, dict):
        return {key: _replace_all(item, pattern, names) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Shape:
    """One of the real plans, whose structure synthetic plans copy (see the seeds' README):
    the folder, the plan, and the names in it that become the synthetic region's names."""

    region: str
    plan: str
    place: str  # the region's name without suffix: 金昌
    full_name: str  # with suffix: 金昌市
    province: str | None  # the province named in a prefecture's plan: 甘肃


# Provinces take the provincial plan's shape; prefectures and counties one of the four others:
# twelve one-paragraph actions (金昌), actions holding measures (武威), paragraphs each with their
# own lead unit (金华), groups of numbered tasks (阳泉).
PROVINCE_SHAPES = (Shape("gansu", "2022-2024", "甘肃", "甘肃省", None),)
LOCAL_SHAPES = (
    Shape("jinchang", "2026-2027", "金昌", "金昌市", "甘肃"),
    Shape("wuwei", "2025-2027", "武威", "武威市", "甘肃"),
    Shape("jinhua", "2022-2025", "金华", "金华市", "浙江"),
    Shape("yangquan", "2023", "阳泉", "阳泉市", "山西"),
)


@functools.cache
def _template(shape: Shape) -> tuple[dict, list[dict]]:
    """A shape's plan and registry as plain data, read once per process."""
    folder = REGIONS / shape.region
    plan = read_plain(folder / "plans" / shape.plan / "plan.yaml")
    registry = read_plain(folder / "region.yaml")["organisations"]
    assert isinstance(plan, dict) and isinstance(registry, list)
    return plan, registry


def _cut(nodes: list[dict], keep: list[int]) -> list[dict]:
    """The nodes with only the first keep[0] actions (document order); a part or group that
    loses every child goes too. Labels stay continuous: what is kept is a prefix of the actions."""
    kept = []
    for node in nodes:
        if node.get("kind") == "action":
            if keep[0] <= 0:
                continue
            keep[0] -= 1
            kept.append(node)
            continue
        children = node.get("children", [])
        if children:
            cut = _cut(children, keep)
            if not cut:
                continue
            node = {**node, "children": cut}
        kept.append(node)
    return kept


def _named_organisations(body: list[dict]) -> set[str]:
    named: set[str] = set()

    def collect(node: dict) -> None:
        for holder in [node, *node.get("paragraphs", [])]:
            responsibility = holder.get("responsibility")
            if responsibility:
                named.update(responsibility["organisations"])
        for child in node.get("children", []):
            collect(child)

    for node in body:
        collect(node)
    return named


def shaped_plan(shape: Shape, region: SyntheticRegion, province: str, number: int,
                actions: int | None) -> tuple[dict, list[dict]]:
    """The shape's plan cut to its first `actions` actions (None: all), renamed for `region`
    (in province `province`), with the registry entries its responsibilities name.
    The source is regenerated from the YAML, so the template's corrections are dropped."""
    template, registry = _template(shape)
    plan = {key: value for key, value in template.items() if key != "corrections"}
    if actions is not None:
        plan["body"] = _cut(plan["body"], [actions])
        # A citation is quoted from the text: keep those whose quote survived the cut.
        text = json.dumps([plan.get("preamble"), plan["body"]], ensure_ascii=False)
        plan["citations"] = [c for c in plan.get("citations", []) if c["quote"] in text]
    year = str(plan["document"]["date_written"])[:4]
    plan["document"] = {**plan["document"],
                        "number": f"{region.place}政办发〔{year}〕{number}号"}
    named = _named_organisations(plan["body"])
    organisations = [o for o in registry if {o["name"], *o.get("aliases", [])} & named]
    names = {shape.full_name: region.name, shape.place: region.place}
    if shape.province:
        names[shape.province] = province
    if region.level == "county":
        # A county's units are 县…局, not 市…局: short names follow the place.
        names.update({n: "县" + n[1:] for o in organisations
                      for n in (o["name"], *o.get("aliases", [])) if n.startswith("市")})
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return _replace_all(plan, pattern, names), _replace_all(organisations, pattern, names)


def small_plan(place: str, number: int, actions: int) -> tuple[dict, list[dict]]:
    """The 金昌 shape cut to `actions` actions for a prefecture named `place`+市 (older tests)."""
    region = SyntheticRegion("x", place + "市", "prefecture", None, "000000", place)
    return shaped_plan(LOCAL_SHAPES[0], region, "", number, actions)


@dataclass(frozen=True)
class SyntheticProject:
    root: Path
    regions: int
    plans: int


def has_plan(region: SyntheticRegion, prefecture_index: int, plan_every: int,
             county_plans: bool, province_plans: bool) -> bool:
    if region.level == "province":
        return province_plans
    if region.level == "county":
        return county_plans
    return prefecture_index % plan_every == 0


def write_synthetic_project(root: Path, regions: int, *, actions_per_plan: int | None = 3,
                            plan_every: int = 1, county_plans: bool = True,
                            province_plans: bool = True, seed: int = 15,
                            progress: Callable[[str], None] | None = None) -> SyntheticProject:
    """A project with `regions` regions, each with a plan in one of the real plans' shapes
    (chosen by a generator seeded with `seed`: the same arguments give the same files).
    The sparse case of earlier benchmarks: county_plans=False, province_plans=False and every
    `plan_every`-th prefecture with a plan."""
    copy_site_files(root)
    copy_vocabularies(root)
    choose = random.Random(seed)
    plans = 0
    prefectures = 0
    provinces = {r.id: r.place for r in region_tree(regions) if r.level == "province"}
    for region in region_tree(regions):
        data: dict = {"id": region.id, "name": region.name, "level": region.level}
        if region.parent:
            data["parent"] = region.parent
        data["code"] = region.code
        plan = None
        if has_plan(region, prefectures, plan_every, county_plans, province_plans):
            plans += 1
            shapes = PROVINCE_SHAPES if region.level == "province" else LOCAL_SHAPES
            province = provinces[region.id[:3]]
            plan, organisations = shaped_plan(choose.choice(shapes), region, province, plans,
                                              actions_per_plan)
            data["organisations"] = organisations
        if region.level == "prefecture":
            prefectures += 1
        Region.model_validate(data)
        write_yaml(root / "regions" / region.id / "region.yaml", data)
        if plan is not None:
            write_plan(root, region.id, plan, tidy=True)
            if progress and plans % 100 == 0:
                progress(f"{plans} plans written")
    return SyntheticProject(root, regions, plans)


# ---------------------------------------------------------------- looking at a built site

_KINDS = (
    ("regions/*/*/actions/*/index.html", "action"),
    ("regions/*/*/full-text/index.html", "full text"),
    ("regions/*/organisations/index.html", "organisations"),
    ("regions/*/*/index.html", "plan"),
    ("regions/*/index.html", "region"),
    ("regions/index.html", "regions index"),
    # Long lists: the main page, a province's page and its numbered pages.
    ("themes/*/index.html", "theme"),
    ("themes/*/*/index.html", "theme, one province"),
    ("themes/*/*/*/index.html", "theme, one province, page n"),
    ("audiences/*/index.html", "audience"),
    ("audiences/*/*/index.html", "audience, one province"),
    ("audiences/*/*/*/index.html", "audience, one province, page n"),
    ("commitments/*/index.html", "commitments year"),
    ("commitments/*/*/index.html", "commitments year, one province"),
    ("commitments/*/*/*/index.html", "commitments year, one province, page n"),
    ("data/*/index.html", "data, one province"),
    ("data/*/*/index.html", "data, one province, page n"),
    ("regions/*/*/progress/index.html", "plan progress"),
    ("progress/*/index.html", "progress list"),  # overdue, upcoming
    ("progress/*/*/index.html", "progress list, one province"),
    ("progress/*/*/*/index.html", "progress list, one province, page n"),
)


def page_kind(path: str) -> str:
    """The page kind of a built page, from its path in the site (directory URLs)."""
    pure = Path(path)
    for pattern, kind in _KINDS:
        if pure.match(pattern) and len(pure.parts) == len(Path(pattern).parts):
            return kind
    return path  # a single page: index.html, data/index.html, themes/index.html, …


def page_sizes(site: Path) -> dict[str, int]:
    """Bytes of every built HTML page, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(site.rglob("*.html"))}


def largest_by_kind(sizes: dict[str, int]) -> dict[str, tuple[int, str]]:
    """For each page kind: the size and path of its largest page."""
    found: dict[str, tuple[int, str]] = {}
    for path, size in sizes.items():
        kind = page_kind(path)
        if kind not in found or size > found[kind][0]:
            found[kind] = (size, path)
    return found
