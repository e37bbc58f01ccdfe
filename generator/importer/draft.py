"""The draft plan.yaml as text: the model's field order, values from the document, and a
“# 请核对：” comment on every line the importer could not decide.

Scalars are written by the scaffold's writer (plain when safe, else JSON-quoted); corrections
are one flow mapping per line so that a long list stays readable.
"""

from __future__ import annotations

import json
import re

from generator.scaffold import _scalar

Path_ = tuple[str | int, ...]
REVIEW = "请核对："


_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def comment(text: str) -> str:
    """Text from the document made safe inside a YAML comment: no line breaks, no controls."""
    return _BREAKS.sub(" ", text)


class Writer:
    def __init__(self, review: dict[Path_, str], notes: dict[Path_, list[str]]) -> None:
        self.review = review  # path → trailing comment on that line
        self.notes = notes  # path → comment lines above that line
        self.lines: list[str] = []

    def _emit(self, pad: str, head: str, path: Path_) -> None:
        for note in self.notes.get(path, []):
            self.lines.append(f"{pad}# {comment(note)}")
        tail = f"  # {REVIEW}{comment(self.review[path])}" if path in self.review else ""
        self.lines.append(f"{pad}{head}{tail}")

    def mapping(self, values: dict, indent: int, path: Path_, first_prefix: str = "") -> None:
        pad = " " * indent
        for index, (key, value) in enumerate(values.items()):
            lead = first_prefix if index == 0 and first_prefix else pad
            here = (*path, key)
            if key == "corrections":
                self.corrections(value, here)
            elif isinstance(value, dict) and not value:
                self._emit(lead, f"{key}: {{}}", here)
            elif isinstance(value, dict):
                self._emit(lead, f"{key}:", here)
                self.mapping(value, indent + 2, here)
            elif isinstance(value, list):
                self.sequence(key, value, indent, here, lead)
            else:
                self._emit(lead, f"{key}: {_scalar(value)}", here)

    def sequence(self, key: str, items: list, indent: int, path: Path_, lead: str) -> None:
        if not items:
            self._emit(lead, f"{key}: []", path)
            return
        self._emit(lead, f"{key}:", path)
        pad = " " * (indent + 2)
        for index, item in enumerate(items):
            here = (*path, index)
            if isinstance(item, dict):
                for note in self.notes.get(here, []):
                    self.lines.append(f"{pad}# {comment(note)}")
                self.mapping(item, indent + 4, here, first_prefix=pad + "- ")
            else:
                self._emit(pad, f"- {_scalar(item)}", here)

    def corrections(self, items: list[dict], path: Path_) -> None:
        self._emit("", "corrections:" if items else "corrections: []", path)
        for index, item in enumerate(items):
            fields = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in item.items())
            self._emit("  ", f"- {{{fields}}}", (*path, index))


def render(header_lines: list[str], values: dict, review: dict[Path_, str],
           notes: dict[Path_, list[str]]) -> str:
    writer = Writer(review, notes)
    writer.lines += [f"# {comment(line)}" if line else "" for line in header_lines]
    writer.mapping(values, 0, ())
    return "\n".join(writer.lines) + "\n"
