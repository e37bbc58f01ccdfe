"""Property-based tests: whatever staff (or a broken editor) put into a file, validation reports
problems with a place and a Chinese message, and never crashes.

(a) arbitrary bytes and text as a YAML file; (b) arbitrary YAML documents, built from nested
dicts, lists and scalars with Chinese text and YAML's special characters, as plan.yaml or
region.yaml; (c) random mutations of the real plans (drop a key, change a scalar, swap two
list items).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import Project, assert_well_formed, real_plans

from generator.model import Commitment, Document, Node, Plan, Region, Responsibility
from generator.numbering import label_like, parse_label
from generator.problems import Problem, has_errors
from generator.yamlload import load_yaml

PLANS = real_plans()
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# The line breaks YAML counts; a problem's line can be at most one past the last of them.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_count(raw: bytes) -> int:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1
    return len(LINE_BREAK.split(text))


def only_plain_values(value: object) -> bool:
    """The loader returns text, None, lists and dicts with text keys — never typed values."""
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, list):
        return all(only_plain_values(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_plain_values(v) for k, v in value.items())
    return False


def check_problems(problems: list[Problem], files: set[str]) -> None:
    for problem in problems:
        assert_well_formed(problem)
        assert problem.file in files, problem
        assert problem.human() and problem.github()


# ---------------------------------------------------------------- strategies

CHINESE_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
FULL_WIDTH = st.sampled_from(list("，。、；：？！“”‘’（）《》〔〕【】—…　"))
SPECIAL_CHARS = st.sampled_from(list("<>&*_[]#|{}:-!%@`'\"?,~=+/\\ \t\n\r"))
ODD_CHARS = st.sampled_from(["\ufeff", "\x0c", "\x85", "\u2028", "\x00", "\x07", "\x1b", "\u200b"])
TOKENS = st.sampled_from([
    "{{", "}}", "{{ page.title }}", "{% if %}", "<script>", "&amp;", "*a", "&a ", "!!python/object",
    "!!binary", "!tag", "<<: ", "- ", ": ", "? ", "---\n", "...\n", "|\n", ">-\n", "# ", "'", '"',
    "2026-02-30", "2026-04-02", "十十、", "（一）", "一、", "1.", "（1）", "150.", "yes", "no", "on",
    "null", "~", "", "0x1F", "1e999", ".nan", "-.inf", "0o17", "12:30:00", "ｔｒｕｅ",
    "../etc", "Jinchang", "市人社局", "市残联", "public-sector", "action", "measure", "source.txt",
])
TEXT = st.lists(
    st.one_of(CHINESE_CHARS, FULL_WIDTH, SPECIAL_CHARS, st.characters(max_codepoint=0x7F),
              TOKENS, st.characters(codec="utf-8")),
    max_size=25,
).map("".join)

FIELD_NAMES = sorted({
    name for model in (Plan, Document, Node, Responsibility, Commitment, Region)
    for name in model.model_fields
} | {"paragraphs", "text", "organisations", "terms", "start", "end", "find", "replace"})
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)


def containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.lists(children, max_size=4),
                     st.dictionaries(KEYS, children, max_size=5))


DOCUMENTS = st.recursive(SCALARS, containers, max_leaves=30)

NODES = st.recursive(
    st.fixed_dictionaries(
        {"kind": st.one_of(st.sampled_from(["part", "group", "action", "measure", "item"]), TEXT)},
        optional={"label": st.one_of(st.sampled_from(["一、", "二、", "（一）", "（三）", "1.",
                                                      "十十、"]), TEXT),
                  "title": TEXT, "run_in": st.booleans(), "id": TEXT,
                  "paragraphs": st.lists(st.fixed_dictionaries({"text": TEXT}), max_size=2),
                  "themes": st.lists(st.sampled_from(["public-sector", "nope"]), max_size=2),
                  "commitments": st.lists(st.fixed_dictionaries({"quote": TEXT, "what": TEXT}),
                                          max_size=1),
                  "responsibility": st.fixed_dictionaries(
                      {"printed": TEXT, "organisations": st.lists(TEXT, max_size=2)})},
    ),
    lambda children: st.fixed_dictionaries(
        {"kind": st.sampled_from(["part", "group", "action"]),
         "children": st.lists(children, min_size=1, max_size=3)}),
    max_leaves=6,
)
PLAN_SHAPED = st.fixed_dictionaries(
    {"id": st.one_of(st.just("2026-2027"), TEXT), "title": TEXT, "body": st.lists(NODES, max_size=3)},
    optional={"document": st.one_of(DOCUMENTS, st.fixed_dictionaries(
                  {"number": TEXT, "date_written": st.one_of(TEXT, st.just("2026-04-02")),
                   "notice": st.lists(TEXT, max_size=2)})),
              "period": st.fixed_dictionaries({"start": SCALARS, "end": SCALARS}),
              "corrections": st.lists(st.fixed_dictionaries(
                  {"find": TEXT, "replace": TEXT, "count": SCALARS}), max_size=2),
              "source": st.one_of(st.just("source.txt"), TEXT)},
)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when available
    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: object, flow: bool | None = False) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                     default_flow_style=flow, width=60)


# ---------------------------------------------------------------- (a) any file


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scratch")


@PROPERTY
@given(raw=st.one_of(
    st.binary(max_size=400),
    TEXT.map(lambda text: text.encode("utf-8")),
    st.lists(TEXT, max_size=12).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.text(max_size=200).map(lambda text: text.encode("gbk", errors="ignore")),
))
def test_any_bytes_load_or_give_problems(scratch: Path, raw: bytes) -> None:
    path = scratch / "any.yaml"
    path.write_bytes(raw)
    located, problems = load_yaml(path, "any.yaml")
    check_problems(problems, {"any.yaml"})
    for problem in problems:
        assert problem.line <= line_count(raw), (problem, raw)
    if located is None:
        assert has_errors(problems)
    else:
        assert only_plain_values(located.data)


@PROPERTY
@given(document=DOCUMENTS, flow=st.sampled_from([False, True, None]))
def test_any_dumped_document_loads_with_positions(scratch: Path, document: object,
                                                  flow: bool | None) -> None:
    path = scratch / "dumped.yaml"
    path.write_text(dump(document, flow), encoding="utf-8")
    located, problems = load_yaml(path, "dumped.yaml")
    check_problems(problems, {"dumped.yaml"})
    if located is not None:
        assert only_plain_values(located.data)
        for line, column in [*located.values.values(), *located.keys.values()]:
            assert line >= 1 and column >= 1


# ---------------------------------------------------------------- (b) any document as a data file


@pytest.fixture(scope="module")
def one_plan(make_project: Callable[..., Project]) -> Project:
    return make_project([("jinchang", "2026-2027")])


TARGETS = {
    "plan": "regions/jinchang/plans/2026-2027/plan.yaml",
    "region": "regions/jinchang/region.yaml",
}


@PROPERTY
@given(
    document=st.one_of(PLAN_SHAPED, DOCUMENTS, TEXT),
    flow=st.sampled_from([False, True, None]),
    target=st.sampled_from(sorted(TARGETS)),
)
def test_any_document_as_a_data_file(one_plan: Project, document: object, flow: bool | None,
                                     target: str) -> None:
    relative = TARGETS[target]
    original = one_plan.path(relative).read_bytes()
    text = document if isinstance(document, str) else dump(document, flow)
    try:
        one_plan.write(relative, text)
        problems = one_plan.validate()
    finally:
        one_plan.write_bytes(relative, original)
    errors = [problem for problem in problems if problem.severity == "error"]
    check_problems(problems, set(TARGETS.values()))
    # Random data is never a valid plan or region (an empty file is an error too), and the
    # problems above are well-formed: a place and a Chinese message.
    assert errors, text


# ---------------------------------------------------------------- (c) mutations of the real plans


@pytest.fixture(scope="module")
def plan_projects(make_project: Callable[..., Project]) -> dict[tuple[str, str], Project]:
    return {plan: make_project([plan]) for plan in PLANS}


def plan_file(region: str, plan: str) -> str:
    return f"regions/{region}/plans/{plan}/plan.yaml"


@pytest.fixture(scope="module")
def originals(plan_projects: dict[tuple[str, str], Project]) -> dict[tuple[str, str], object]:
    data = {}
    for key, project in plan_projects.items():
        located, problems = load_yaml(project.path(plan_file(*key)), "plan.yaml")
        assert located is not None and not has_errors(problems)
        data[key] = located.data
    return data


@pytest.mark.parametrize("key", PLANS, ids=[f"{r}/{p}" for r, p in PLANS])
def test_real_plans_survive_a_round_trip_through_the_dumper(
        plan_projects: dict[tuple[str, str], Project], originals: dict[tuple[str, str], object],
        key: tuple[str, str]) -> None:
    # The baseline of the mutation test: re-serialised, unmutated data is still valid.
    project = plan_projects[key]
    relative = plan_file(*key)
    original = project.path(relative).read_bytes()
    try:
        project.write(relative, dump(originals[key]))
        problems = project.validate()
    finally:
        project.write_bytes(relative, original)
    assert not has_errors(problems), [p.human() for p in problems]


Path_ = tuple[str | int, ...]


def leaves(value: object, path: Path_ = ()) -> list[Path_]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaves(v, (*path, i))]
    return [path]


def containers_in(value: object, path: Path_ = ()) -> list[tuple[Path_, object]]:
    found: list[tuple[Path_, object]] = []
    if isinstance(value, dict | list):
        found.append((path, value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            found.extend(containers_in(child, (*path, key)))
    return found


def get(value: object, path: Path_) -> object:
    for part in path:
        value = value[part]  # type: ignore[index]
    return value


def mutate(data: object, draw: Callable[..., object]) -> str:
    """Apply one random mutation in place; return what was done, for the failure report."""
    operation = draw(st.sampled_from(["drop", "change", "swap"]))
    if operation == "drop":
        keys = [(path, key) for path, c in containers_in(data) if isinstance(c, dict)
                for key in c]
        if keys:
            path, key = draw(st.sampled_from(keys))
            del get(data, path)[key]  # type: ignore[attr-defined]
            return f"drop {path}.{key}"
    if operation == "change":
        paths = [path for path in leaves(data) if path]
        if paths:
            path = draw(st.sampled_from(paths))
            value = draw(st.one_of(SCALARS, DOCUMENTS))
            get(data, path[:-1])[path[-1]] = value  # type: ignore[index]
            return f"change {path} to {value!r}"
    lists = [(path, c) for path, c in containers_in(data) if isinstance(c, list) and len(c) > 1]
    if lists:
        path, items = draw(st.sampled_from(lists))
        first, second = draw(st.lists(st.integers(0, len(items) - 1), min_size=2, max_size=2,
                                      unique=True))
        items[first], items[second] = items[second], items[first]  # type: ignore[index]
        return f"swap {path}[{first}] and [{second}]"
    return "nothing"


@PROPERTY
@given(key=st.sampled_from(PLANS), data=st.data())
def test_mutated_real_plans_never_crash(plan_projects: dict[tuple[str, str], Project],
                                        originals: dict[tuple[str, str], object],
                                        key: tuple[str, str], data: st.DataObject) -> None:
    document = copy.deepcopy(originals[key])
    steps = [mutate(document, data.draw) for _ in range(data.draw(st.integers(1, 3)))]
    project = plan_projects[key]
    relative = plan_file(*key)
    original = project.path(relative).read_bytes()
    try:
        project.write(relative, dump(document))
        problems = project.validate()
    finally:
        project.write_bytes(relative, original)
    check_problems(problems, {relative, f"regions/{key[0]}/region.yaml"})
    for problem in problems:
        assert problem.file == relative or problem.severity == "warning", (steps, problem)


# ---------------------------------------------------------------- labels


@settings(max_examples=300, deadline=None)
@given(label=st.one_of(
    TEXT,
    st.lists(st.sampled_from(list("一二三四五六七八九十零百")), min_size=1, max_size=5)
    .flatmap(lambda chars: st.sampled_from(["{}、", "（{}）", "({})"]).map(
        lambda form: form.format("".join(chars)))),
    st.integers(0, 10**30).map(lambda number: f"{number}."),
))
def test_any_label_parses_or_is_ignored(label: str) -> None:
    parsed = parse_label(label)
    if parsed is not None:
        style, number = parsed
        assert style in ("一、", "（一）", "1.", "（1）") and number >= 0
        assert isinstance(label_like(label, number + 1), str)


@given(number=st.integers(1, 99), form=st.sampled_from(["一、", "（一）", "1.", "（1）"]))
def test_label_numbers_round_trip(number: int, form: str) -> None:
    label = label_like(form, number)
    assert parse_label(label) == (form, number)
