"""Plain result values: what one page's checks found. Sorted and JSON-ready, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

from .options import Mode


@dataclass(frozen=True, order=True)
class Failure:
    """A check outside axe that failed, e.g. check="tree:heading-one" at width 1280."""

    check: str
    message: str
    width: int = 0
    mode: str = ""
    target: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "check": self.check,
            "message": self.message,
            "width": self.width,
            "mode": self.mode,
            "target": self.target,
        }

    @classmethod
    def from_json(cls, data: dict) -> Failure:
        return cls(data["check"], data["message"], data["width"], data["mode"], data["target"])


@dataclass(frozen=True, order=True)
class AxeNode:
    target: str
    html: str
    summary: str

    def to_json(self) -> dict[str, object]:
        return {"target": self.target, "html": self.html, "summary": self.summary}

    @classmethod
    def from_json(cls, data: dict) -> AxeNode:
        return cls(data["target"], data["html"], data["summary"])


@dataclass(frozen=True, order=True)
class AxeFinding:
    """One axe rule's violation or incomplete result on one run, with the nodes concerned."""

    rule: str
    impact: str
    help: str
    help_url: str
    nodes: tuple[AxeNode, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "impact": self.impact,
            "help": self.help,
            "help_url": self.help_url,
            "nodes": [node.to_json() for node in self.nodes],
        }

    @classmethod
    def from_json(cls, data: dict) -> AxeFinding:
        nodes = tuple(AxeNode.from_json(node) for node in data["nodes"])
        return cls(data["rule"], data["impact"], data["help"], data["help_url"], nodes)


@dataclass(frozen=True)
class AxeRun:
    """axe on one page at one width in one mode."""

    width: int
    mode: Mode
    violations: tuple[AxeFinding, ...]
    incomplete: tuple[AxeFinding, ...]
    # For each explicitly enabled rule: "violations", "incomplete", "passes" or "inapplicable".
    explicit_rules: dict[str, str]
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {
            "width": self.width,
            "mode": self.mode.key,
            "violations": [finding.to_json() for finding in self.violations],
            "incomplete": [finding.to_json() for finding in self.incomplete],
            "explicit_rules": dict(sorted(self.explicit_rules.items())),
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_json(cls, data: dict) -> AxeRun:
        return cls(
            width=data["width"],
            mode=Mode.from_key(data["mode"]),
            violations=tuple(AxeFinding.from_json(f) for f in data["violations"]),
            incomplete=tuple(AxeFinding.from_json(f) for f in data["incomplete"]),
            explicit_rules=dict(data["explicit_rules"]),
            seconds=data["seconds"],
        )


@dataclass
class PageResult:
    path: str  # site-relative file, e.g. "jinchang/2026-2027/3/index.html"
    url: str  # as served, e.g. "/policysite/jinchang/2026-2027/3/"
    template: str | None = None
    runs: list[AxeRun] = field(default_factory=list)
    outline: list[tuple[int, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    interaction_checked: bool = False
    seconds: float = 0.0
    # Findings a person decides on (IBM "potential" violations); they never fail the gate.
    reviews: list[Failure] = field(default_factory=list)
    ibm_runs: int = 0
    reused: bool = False  # taken from the result cache, not checked in this run

    @property
    def display_path(self) -> str:
        return self.path.removesuffix("index.html") or "./"

    @property
    def violations(self) -> list[AxeFinding]:
        return [finding for run in self.runs for finding in run.violations]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.violations

    def ok_at(self, width: int) -> bool:
        return not any(f.width == width for f in self.failures) and not any(
            run.violations for run in self.runs if run.width == width
        )

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "url": self.url,
            "template": self.template,
            "ok": self.ok,
            "runs": [run.to_json() for run in self.runs],
            "outline": [[level, name] for level, name in self.outline],
            "failures": [failure.to_json() for failure in sorted(self.failures)],
            "interaction_checked": self.interaction_checked,
            "seconds": round(self.seconds, 3),
            "reviews": [review.to_json() for review in sorted(self.reviews)],
            "ibm_runs": self.ibm_runs,
            "reused": self.reused,
        }

    @classmethod
    def from_json(cls, data: dict) -> PageResult:
        return cls(
            path=data["path"],
            url=data["url"],
            template=data["template"],
            runs=[AxeRun.from_json(run) for run in data["runs"]],
            outline=[(level, name) for level, name in data["outline"]],
            failures=[Failure.from_json(f) for f in data["failures"]],
            interaction_checked=data["interaction_checked"],
            seconds=data["seconds"],
            reviews=[Failure.from_json(f) for f in data.get("reviews", [])],
            ibm_runs=data.get("ibm_runs", 0),
            reused=data.get("reused", False),
        )


def merge_parts(parts: list[PageResult]) -> PageResult:
    """One page's result from the results of its parts (pages.parts), widest width first."""
    first = parts[0]
    runs = sorted((run for part in parts for run in part.runs), key=lambda run: -run.width)
    return PageResult(
        path=first.path,
        url=first.url,
        template=first.template,
        runs=runs,
        outline=next((part.outline for part in parts if part.outline), []),
        failures=[failure for part in parts for failure in part.failures],
        interaction_checked=first.interaction_checked,
        seconds=sum(part.seconds for part in parts),
        reviews=[review for part in parts for review in part.reviews],
        ibm_runs=sum(part.ibm_runs for part in parts),
    )
