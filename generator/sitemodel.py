"""The validated dataset, indexed the ways the site cuts across it.

Built once from the model; page functions only read it. Every list is in a fixed order (document
order, or sorted by id) so that two builds of the same data are byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Generator
from dataclasses import dataclass, field

from generator.labels import chinese_date
from generator.load import Dataset, LoadedPlan
from generator.model import Commitment, Node, Organisation, Plan, Region, Term
from generator.numbering import action_id
from generator.tree import Placed, descendants, responsibilities, walk

# ---------------------------------------------------------------- derivations shown everywhere


def valid_until(plan: Plan) -> dt.date | None:
    """The last day the plan is in force: its stated date, else the end of its period."""
    if plan.valid_until:
        return plan.valid_until
    return dt.date(plan.period.end, 12, 31) if plan.period else None


def heading(node: Node) -> str:
    """A node's heading as printed: its label and title run together ("" for neither)."""
    return (node.label or "") + (node.title or "")


def organisations_by_name(region: Region | None) -> dict[str, Organisation]:
    """Every printed form of every organisation (name and aliases) → the organisation."""
    found: dict[str, Organisation] = {}
    for organisation in region.organisations if region else []:
        for name in (organisation.name, *organisation.aliases):
            found.setdefault(name, organisation)
    return found


def role_of(mode: str, index: int) -> str:
    """lead_first: the first printed organisation leads and the others assist; else shared."""
    if mode == "lead_first":
        return "lead" if index == 0 else "partner"
    return "shared"


# ---------------------------------------------------------------- the site model


@dataclass(frozen=True)
class Role:
    organisation: Organisation
    role: str  # lead | partner | shared


@dataclass(repr=False, eq=False)  # entries link to each other: no recursive repr or deep compare
class ActionEntry:
    """An action (or another node with its own responsibility) with everything its page shows."""

    region: Region
    plan: PlanEntry
    node: Node
    placed: Placed
    slug: str | None  # page id for actions; None for items shown on the plan page
    roles: list[Role] = field(default_factory=list)
    standing_instructions: list[str] = field(default_factory=list)
    previous: ActionEntry | None = None
    next: ActionEntry | None = None

    def __repr__(self) -> str:
        return f"ActionEntry({self.region.id}/{self.plan.plan.id}/{self.slug or self.heading})"

    @property
    def heading(self) -> str:
        return heading(self.node)

    @property
    def is_action(self) -> bool:
        return self.node.kind == "action"


@dataclass(frozen=True)
class PlanStatus:
    """A plan's status on the build date."""

    words: str  # as pages say it; partials/status.html links the successor next to it
    current: bool  # whether the plan is in force


def plan_status(plan: Plan, today: dt.date) -> PlanStatus:
    status = plan.status
    if status and status.superseded_by:
        return PlanStatus("已被新方案取代", False)
    if status and status.repealed:
        return PlanStatus(f"已于{chinese_date(status.repealed)}废止", False)
    until = valid_until(plan)
    if until is None:
        return PlanStatus("现行（文件未写明有效期）", True)
    if today > until:
        return PlanStatus(f"已过期（有效期至{chinese_date(until)}）", False)
    return PlanStatus(f"现行有效（有效期至{chinese_date(until)}）", True)


@dataclass(repr=False, eq=False)
class PlanEntry:
    region: Region
    loaded: LoadedPlan
    status: PlanStatus  # on the build date (SiteModel.today)
    actions: list[ActionEntry] = field(default_factory=list)
    items: list[ActionEntry] = field(default_factory=list)  # non-action nodes with a responsibility
    successor: PlanEntry | None = None  # the plan on the site that supersedes this one
    predecessors: list[PlanEntry] = field(default_factory=list)  # plans this one supersedes
    cited: dict[int, PlanEntry] = field(default_factory=dict)  # citation index → plan on the site
    cited_by: list[PlanEntry] = field(default_factory=list)  # plans on the site citing this one
    commitments: list[CommitmentEntry] = field(default_factory=list)  # this plan's, in order

    def __repr__(self) -> str:
        return f"PlanEntry({self.key})"

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    @property
    def key(self) -> str:
        return f"{self.region.id}/{self.plan.id}"

    @property
    def absent(self) -> str:
        """What a page says for an element the source does not print: of an excerpt we
        only know that the part we hold lacks it."""
        return "本站收录的部分中没有" if self.plan.excerpt else "原文中没有"

    @property
    def valid_until(self) -> dt.date | None:
        return valid_until(self.plan)


@dataclass(frozen=True)
class CommitmentEntry:
    commitment: Commitment
    action: ActionEntry | None
    plan: PlanEntry
    node: Node | None  # None: from the preamble or closing paragraphs
    # The YAML path of the node (or its nearest ancestor) with a heading on the plan page,
    # whose anchor locates the commitment there; () when it has none.
    path: tuple = ()


@dataclass(repr=False, eq=False)
class SiteModel:
    dataset: Dataset
    today: dt.date
    regions: dict[str, Region] = field(default_factory=dict)
    children: dict[str | None, list[Region]] = field(default_factory=dict)
    plans: list[PlanEntry] = field(default_factory=list)
    plans_by_region: dict[str, list[PlanEntry]] = field(default_factory=dict)
    plans_by_number: dict[str, PlanEntry] = field(default_factory=dict)
    by_organisation: dict[tuple[str, str], list[tuple[ActionEntry, str]]] = field(
        default_factory=dict)
    by_theme: dict[str, list[ActionEntry]] = field(default_factory=dict)
    by_audience: dict[str, list[ActionEntry]] = field(default_factory=dict)
    commitments: list[CommitmentEntry] = field(default_factory=list)
    themes: list[Term] = field(default_factory=list)
    audiences: list[Term] = field(default_factory=list)

    def ancestors(self, region: Region) -> list[Region]:
        chain: list[Region] = []
        current = self.regions.get(region.parent) if region.parent else None
        while current is not None and current not in chain:
            chain.insert(0, current)
            current = self.regions.get(current.parent) if current.parent else None
        return chain

    def organisation(self, region: Region, name: str) -> Organisation | None:
        return organisations_by_name(region).get(name)


def _roles(entry: ActionEntry, plan: Plan, names: dict[str, Organisation]) -> None:
    seen: set[str] = set()
    for responsibility, _ in responsibilities(entry.placed):
        mode = responsibility.mode or plan.responsibility_mode
        for index, name in enumerate(responsibility.organisations):
            organisation = names.get(name)
            if organisation is None or organisation.id in seen:
                continue
            seen.add(organisation.id)
            entry.roles.append(Role(organisation, role_of(mode, index)))
        if responsibility.standing_instruction:
            entry.standing_instructions.append(responsibility.standing_instruction)


def build_site_model(dataset: Dataset, today: dt.date) -> SiteModel:
    steps = site_model_steps(dataset, today)
    try:
        while True:
            next(steps)
    except StopIteration as done:
        return done.value


def site_model_steps(dataset: Dataset, today: dt.date) -> Generator[None, None, SiteModel]:
    """build_site_model a plan at a time: it yields after each plan and returns the model.
    The preview builds the whole site's model between looks for new saves (seconds at
    3,000 regions), so a save never waits for all of it."""
    model = SiteModel(dataset=dataset, today=today)
    model.regions = dict(sorted(dataset.regions.items(), key=lambda kv: (kv[1].code, kv[0])))
    for region in model.regions.values():
        model.children.setdefault(region.parent, []).append(region)
    model.themes = list(dataset.themes.terms) if dataset.themes else []
    model.audiences = list(dataset.audiences.terms) if dataset.audiences else []
    by_org: dict[tuple[str, str], list[tuple[ActionEntry, str]]] = defaultdict(list)
    by_theme: dict[str, list[ActionEntry]] = defaultdict(list)
    by_audience: dict[str, list[ActionEntry]] = defaultdict(list)

    ordered = sorted(dataset.plans, key=lambda p: (model.regions[p.region_id].code, p.plan.id))
    for loaded in ordered:
        region = model.regions[loaded.region_id]
        entry = PlanEntry(region, loaded, plan_status(loaded.plan, today))
        names = organisations_by_name(region)
        for placed in walk(loaded.plan):
            node = placed.node
            owns = any(True for _ in responsibilities(placed))
            if node.kind != "action" and not owns:
                continue
            if node.kind != "action" and any(a.kind == "action" for a in placed.ancestors):
                continue  # a measure's bracket belongs to its action's page
            action = ActionEntry(region, entry, node, placed,
                                 action_id(node) if node.kind == "action" else None)
            _roles(action, loaded.plan, names)
            for child in descendants(placed):
                _roles_from_child(action, child, loaded.plan, names)
            (entry.actions if node.kind == "action" else entry.items).append(action)
        for previous, following in zip(entry.actions, entry.actions[1:], strict=False):
            previous.next, following.previous = following, previous
        for action in entry.actions + entry.items:
            for role in action.roles:
                by_org[(region.id, role.organisation.id)].append((action, role.role))
            for theme in action.node.themes:
                by_theme[theme].append(action)
            for audience in action.node.audiences:
                by_audience[audience].append(action)
        _collect_commitments(model, entry)
        model.plans.append(entry)
        model.plans_by_region.setdefault(region.id, []).append(entry)
        if loaded.plan.document.number:
            model.plans_by_number[loaded.plan.document.number] = entry
        yield
    _link_plans(model)
    model.by_organisation = dict(by_org)
    model.by_theme = dict(by_theme)
    model.by_audience = dict(by_audience)
    return model


def _roles_from_child(action: ActionEntry, child: Placed, plan: Plan,
                      names: dict[str, Organisation]) -> None:
    if any(True for _ in responsibilities(child)):
        proxy = ActionEntry(action.region, action.plan, child.node, child, None)
        _roles(proxy, plan, names)
        known = {role.organisation.id for role in action.roles}
        action.roles.extend(r for r in proxy.roles if r.organisation.id not in known)
        action.standing_instructions.extend(proxy.standing_instructions)


def _collect_commitments(model: SiteModel, entry: PlanEntry) -> None:
    page_of: dict[tuple, ActionEntry] = {}  # YAML path of a node → the action page showing it
    for action in entry.actions:
        page_of[action.placed.path] = action
        for child in descendants(action.placed):
            page_of[child.path] = action
    for placed in walk(entry.plan):
        for commitment in placed.node.commitments:
            entry.commitments.append(
                CommitmentEntry(commitment, page_of.get(placed.path), entry, placed.node,
                                _headed_path(placed)))
    for commitment in entry.plan.commitments:
        entry.commitments.append(CommitmentEntry(commitment, None, entry, None))
    model.commitments.extend(entry.commitments)


def _link_plans(model: SiteModel) -> None:
    """Succession and citations between plans on the site, both ways, in site order."""
    by_key = {entry.key: entry for entry in model.plans}
    by_title: dict[str, list[PlanEntry]] = defaultdict(list)
    for entry in model.plans:
        by_title[entry.plan.title].append(entry)
    for entry in model.plans:
        status = entry.plan.status
        successor = by_key.get(status.superseded_by or "") if status else None
        if successor is not None and successor is not entry:
            entry.successor = successor
            successor.predecessors.append(entry)
        for index, citation in enumerate(entry.plan.citations):
            cited = cited_plan(model, by_title, citation.title, citation.number)
            if cited is not None and cited is not entry:
                entry.cited[index] = cited
                if entry not in cited.cited_by:
                    cited.cited_by.append(entry)


def cited_plan(model: SiteModel, by_title: dict[str, list[PlanEntry]], title: str,
               number: str | None) -> PlanEntry | None:
    """The plan on the site a citation names: by its number when it gives one, else by its
    title when exactly one plan on the site has that title."""
    if number:
        return model.plans_by_number.get(number)
    same_title = by_title.get(title, [])
    return same_title[0] if len(same_title) == 1 else None


def _headed_path(placed: Placed) -> tuple:
    """The path of the nearest node, this one or an ancestor, printed with a heading."""
    chain = (*placed.ancestors, placed.node)
    for depth in range(len(chain) - 1, -1, -1):
        if chain[depth].label or chain[depth].title:
            return placed.path[: 2 + 2 * depth]  # ("body", i) then ("children", j) per level
    return ()
