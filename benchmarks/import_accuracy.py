"""Import each plan's source.txt into a scratch project and compare the draft with the
hand-entered plan.yaml. Prints, per document:

- nodes identical in kind, label, title and paragraph text (of the hand-entered nodes);
- responsibilities with the same organisations (matched by their printed text);
- the hand-entered corrections the importer found (same text found, same replacement);
- the notice's and imprint's fields, the title, preamble and closing that are identical;
- whether the scratch project passes `policysite validate` (errors in the draft's files).

    .venv/bin/python benchmarks/import_accuracy.py

Texts are compared without whitespace and after Unicode NFKC (which folds full-width and
half-width punctuation): fidelity ignores whitespace, and the importer repairs half-width
brackets as corrections where a person may have kept them.
tests/test_import_accuracy.py holds each figure at or above the level reached.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT)]

from generator.fidelity import without_whitespace  # noqa: E402
from generator.importer.run import import_document  # noqa: E402
from generator.validate import validate_project  # noqa: E402


def norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", without_whitespace(text or ""))


@dataclass(frozen=True)
class Figures:
    nodes: tuple[int, int]
    responsibilities: tuple[int, int]
    corrections: tuple[int, int]
    header: tuple[int, int]
    errors: int  # validate errors in the imported files

    @staticmethod
    def ratio(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def _nodes(nodes: list[dict]) -> list[tuple]:
    found = []
    for node in nodes:
        found.append((node["kind"], norm(node.get("label")), norm(node.get("title")),
                      tuple(norm(p["text"]) for p in node.get("paragraphs", []))))
        found += _nodes(node.get("children", []))
    return found


def _responsibilities(nodes: list[dict]) -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for node in nodes:
        for holder in [*node.get("paragraphs", []), node]:
            if holder.get("responsibility"):
                r = holder["responsibility"]
                found.append((norm(r["printed"]), tuple(norm(o) for o in r["organisations"])))
        found += _responsibilities(node.get("children", []))
    return found


def _matched[T](expected: list[T], actual: list[T]) -> int:
    return sum((Counter(expected) & Counter(actual)).values())


def _header(plan: dict) -> dict[str, str]:
    fields = {f"document.{k}": norm(str(v)) for k, v in plan["document"].items()}
    fields.update({key: norm(str(plan.get(key))) for key in ("title", "preamble", "closing")})
    return fields


def compare(hand: dict, draft: dict, errors: int) -> Figures:
    corrections = {(norm(c["find"]), norm(c["replace"])) for c in draft.get("corrections", [])}
    hand_corrections = [(norm(c["find"]), norm(c["replace"])) for c in hand.get("corrections", [])]
    hand_nodes = _nodes(hand["body"])
    hand_resp = _responsibilities(hand["body"])
    return Figures(
        nodes=(_matched(hand_nodes, _nodes(draft["body"])), len(hand_nodes)),
        responsibilities=(_matched(hand_resp, _responsibilities(draft["body"])), len(hand_resp)),
        corrections=(sum(c in corrections for c in hand_corrections), len(hand_corrections)),
        header=(sum(value == _header(draft).get(key) for key, value in _header(hand).items()),
                len(_header(hand))),
        errors=errors,
    )


def _scratch(root: Path, source_root: Path) -> None:
    """The shared vocabularies and every region.yaml, without any plan."""
    regions = source_root / "regions"
    for path in regions.glob("*.yaml"):
        shutil.copy(path, root / "regions" / path.name)
    for path in regions.glob("*/region.yaml"):
        (root / "regions" / path.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, root / "regions" / path.parent.name / "region.yaml")


def measure(source_root: Path = REPO_ROOT) -> dict[str, Figures]:
    results = {}
    for plan_file in sorted((source_root / "regions").glob("*/plans/*/plan.yaml")):
        region, plan = plan_file.parents[2].name, plan_file.parent.name
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            (root / "regions").mkdir()
            _scratch(root, source_root)
            with contextlib.redirect_stdout(io.StringIO()):
                code = import_document(root, plan_file.parent / "source.txt", region, plan,
                                       force=False)
            assert code == 0, f"{region}/{plan}: import failed ({code})"
            draft_file = root / "regions" / region / "plans" / plan / "plan.yaml"
            _, problems = validate_project(root)
            errors = sum(p.severity == "error" for p in problems)
            draft = yaml.safe_load(draft_file.read_text(encoding="utf-8"))
        hand = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
        results[f"{region}/{plan}"] = compare(hand, draft, errors)
    return results


def main() -> int:
    print(f"{'document':<22} {'nodes':>14} {'responsibilities':>18} {'header':>14} "
          f"{'corrections':>12} errors")
    for name, f in measure().items():
        def cell(pair: tuple[int, int]) -> str:
            return f"{pair[0]}/{pair[1]} {Figures.ratio(pair):6.1%}"
        print(f"{name:<22} {cell(f.nodes):>14} {cell(f.responsibilities):>18} "
              f"{cell(f.header):>14} {f.corrections[0]:>7}/{f.corrections[1]:<4} {f.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
