"""The model → the export records (records.py), with everything derived the way the pages
derive it (generator.sitemodel): validity, headings, roles."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

import orjson

from generator import routes
from generator.clock import build_date
from generator.export.progress import report_record, state_record
from generator.export.records import (
    AS_ENTERED,
    DATASET_FORMAT,
    FORMAT_VERSION,
    NODE_AS_ENTERED,
    PLAN_FORMAT,
    ActionRecord,
    CitationRecord,
    CommitmentRecord,
    CorrectionRecord,
    DatasetRecord,
    DocumentRecord,
    ExcerptRecord,
    FlatCommitmentRecord,
    GlossaryRecord,
    NodeRecord,
    OrganisationRecord,
    ParagraphRecord,
    PeriodRecord,
    PlanRecord,
    RegionRecord,
    RegionWithRegistry,
    RegisteredOrganisation,
    ResponsibilityRecord,
    StatusRecord,
    TermRecord,
)
from generator.labels import PLAN_LEVEL, kind_label, role_label
from generator.load import Dataset, LoadedPlan
from generator.model import Commitment, Node, Organisation, Plan, Region, Responsibility, Vocabulary
from generator.numbering import action_id
from generator.render import Router
from generator.sitemodel import heading, organisations_by_name, role_of, valid_until
from generator.tree import Placed, responsibilities, walk


def plan_page(region_id: str, plan_id: str) -> str:
    """The plan page's URL relative to the site root, as hosted (directory URLs)."""
    return Router().output_url(routes.plan_source_of(region_id, plan_id))


def responsibility_record(responsibility: Responsibility, plan: Plan,
                          names: dict[str, Organisation]) -> ResponsibilityRecord:
    mode = responsibility.mode or plan.responsibility_mode
    organisations = []
    for index, name in enumerate(responsibility.organisations):
        found = names.get(name)
        role = role_of(mode, index)
        organisations.append(OrganisationRecord(
            printed_name=name,
            id=found.id if found else None,
            name=found.name if found else None,
            full_name=found.full_name if found else None,
            kind=found.kind if found else None,
            kind_label=kind_label(found.kind) if found else None,
            role=role,
            role_label=role_label(role),
        ))
    return ResponsibilityRecord(printed=responsibility.printed, mode=mode,
                                standing_instruction=responsibility.standing_instruction,
                                organisations=organisations)


def _commitment_fields(commitment: Commitment) -> dict:
    return {
        "quote": commitment.quote, "what": commitment.what, "comparator": commitment.comparator,
        "value": commitment.value, "unit": commitment.unit, "frequency": commitment.frequency,
        "deadline": commitment.deadline, "deadline_printed": commitment.deadline_printed,
        "binds": commitment.binds, "overall": commitment.overall,
        "progress": [report_record(report) for report in commitment.progress],
    }


def commitment_record(commitment: Commitment) -> CommitmentRecord:
    return CommitmentRecord(**_commitment_fields(commitment))


def _today(today: dt.date | None) -> dt.date:
    """The date progress states speak of: the build date unless given."""
    return today if today is not None else build_date()


def node_record(node: Node, plan: Plan, names: dict[str, Organisation]) -> NodeRecord:
    def resolved(responsibility: Responsibility | None) -> ResponsibilityRecord | None:
        return responsibility_record(responsibility, plan, names) if responsibility else None

    return NodeRecord(
        **{name: getattr(node, name) for name in NODE_AS_ENTERED},
        id=action_id(node) if node.kind == "action" else node.id,
        paragraphs=[ParagraphRecord(text=p.text, responsibility=resolved(p.responsibility))
                    for p in node.paragraphs],
        responsibility=resolved(node.responsibility),
        commitments=[commitment_record(c) for c in node.commitments],
        children=[node_record(child, plan, names) for child in node.children],
    )


@dataclass(frozen=True)
class Entry:
    """A node of a plan with what CSV rows and flat lists need to say where it is."""

    placed: Placed
    action: Node | None  # the action this node is, or belongs to
    location: str  # headings from the top of the plan down to this node

    @property
    def action_id(self) -> str | None:
        return action_id(self.action) if self.action else None

    @property
    def action_title(self) -> str | None:
        return self.action.title if self.action else None


def entries(plan: Plan) -> Iterator[Entry]:
    for placed in walk(plan):
        chain = (*placed.ancestors, placed.node)
        action = next((node for node in chain if node.kind == "action"), None)
        location = " > ".join(printed for node in chain if (printed := heading(node)))
        yield Entry(placed, action, location)


def action_record(plan: Plan, entry: Entry, all_entries: list[Entry],
                  names: dict[str, Organisation]) -> ActionRecord:
    node = entry.placed.node
    subtree = [item for item in all_entries if item.action is node]
    return ActionRecord(
        id=action_id(node), label=node.label, title=node.title, location=entry.location,
        summary=node.summary, summary_reviewed_by=node.summary_reviewed_by,
        summary_reviewed_on=node.summary_reviewed_on,
        themes=list(node.themes), audiences=list(node.audiences),
        responsibilities=[responsibility_record(r, plan, names)
                          for item in subtree for r, _ in responsibilities(item.placed)],
        commitment_count=sum(len(item.placed.node.commitments) for item in subtree),
    )


def _terms(vocabulary: Vocabulary | None, used: set[str] | None) -> list[TermRecord]:
    terms = vocabulary.terms if vocabulary else []
    return [TermRecord(id=t.id, name=t.name, description=t.description)
            for t in terms if used is None or t.id in used]


def region_fields(region: Region | None, region_id: str) -> dict:
    return {"id": region_id, "name": region.name if region else region_id,
            "level": region.level if region else None,
            "parent": region.parent if region else None,
            "code": region.code if region else None}


def _document_record(plan: Plan) -> DocumentRecord:
    document = plan.document
    return DocumentRecord(
        issuer_mark=document.issuer_mark, number=document.number,
        notice_title=document.notice_title, header_order=list(document.header),
        addressees=document.addressees, notice=list(document.notice),
        signatory=document.signatory, date_written=document.date_written, note=document.note,
        cc=list(document.cc), disclosure=document.disclosure, printer=document.printer,
        date_issued=document.date_issued, date_published=document.date_published,
    )


def _flat_commitments(plan: Plan, all_entries: list[Entry], today: dt.date
                      ) -> list[FlatCommitmentRecord]:
    """Every commitment of the plan, the plan-level ones first, each with where it is."""
    placed = [(c, PLAN_LEVEL, None) for c in plan.commitments]
    placed += [(c, e.location, e.action_id) for e in all_entries for c in e.placed.node.commitments]
    return [FlatCommitmentRecord(**_commitment_fields(c), location=location, action_id=action,
                                 state=state_record(c, today))
            for c, location, action in placed]


def _plan_header(plan: Plan, region: Region | None, region_id: str) -> dict:
    """A plan's facts about the document, before its text."""
    status = plan.status
    return {
        "format": PLAN_FORMAT, "format_version": FORMAT_VERSION,
        "page": plan_page(region_id, plan.id),
        "region": RegionRecord(**region_fields(region, region_id)),
        "period": PeriodRecord(start=plan.period.start, end=plan.period.end)
        if plan.period else None,
        "valid_until": valid_until(plan),
        "status": StatusRecord(superseded_by=status.superseded_by, repealed=status.repealed,
                               note=status.note) if status else None,
        "document": _document_record(plan),
        "excerpt": ExcerptRecord(holds=plan.excerpt.holds, missing=plan.excerpt.missing,
                                 reason=plan.excerpt.reason) if plan.excerpt else None,
        "citations": [CitationRecord(title=c.title, number=c.number, quote=c.quote)
                      for c in plan.citations],
        "corrections": [CorrectionRecord(find=c.find, replace=c.replace, count=c.count,
                                         where=c.where, reason=c.reason)
                        for c in plan.corrections],
    }


def plan_model(dataset: Dataset, loaded: LoadedPlan, today: dt.date | None = None) -> PlanRecord:
    """One plan as published in data/<region>/<plan>.json (format policysite-plan)."""
    plan = loaded.plan
    region = dataset.regions.get(loaded.region_id)
    names = organisations_by_name(region)
    all_entries = list(entries(plan))
    used_themes = {t for e in all_entries for t in e.placed.node.themes}
    used_audiences = {a for e in all_entries for a in e.placed.node.audiences}
    return PlanRecord(
        **{name: getattr(plan, name) for name in AS_ENTERED},
        **_plan_header(plan, region, loaded.region_id),
        body=[node_record(node, plan, names) for node in plan.body],
        actions=[action_record(plan, e, all_entries, names) for e in all_entries
                 if e.placed.node.kind == "action"],
        commitments=_flat_commitments(plan, all_entries, _today(today)),
        themes=_terms(dataset.themes, used_themes),
        audiences=_terms(dataset.audiences, used_audiences),
    )


def plan_record(dataset: Dataset, loaded: LoadedPlan, today: dt.date | None = None) -> dict:
    """plan_model in its published (JSON) form: what the CSV files and the feed are made from."""
    return plan_model(dataset, loaded, today).model_dump(mode="json")


def ordered_plans(dataset: Dataset) -> list[LoadedPlan]:
    return sorted(dataset.plans, key=lambda loaded: (loaded.region_id, loaded.plan.id))


def dataset_record(dataset: Dataset, today: dt.date | None = None, *, plans: bool = True
                   ) -> dict:
    """Everything in one file, data/all.json (format policysite-dataset), in published form;
    plans=False: with an empty list of plans (files.write_dataset_stream adds them one by one)."""
    regions = [RegionWithRegistry(**region_fields(region, region_id), organisations=[
        RegisteredOrganisation(id=o.id, name=o.name, full_name=o.full_name, kind=o.kind,
                               kind_label=kind_label(o.kind), aliases=list(o.aliases))
        for o in region.organisations
    ]) for region_id, region in sorted(dataset.regions.items())]
    glossary = dataset.glossary.entries if dataset.glossary else []
    return DatasetRecord(
        format=DATASET_FORMAT, format_version=FORMAT_VERSION, regions=regions,
        plans=[plan_model(dataset, loaded, today) for loaded in ordered_plans(dataset)]
        if plans else [],
        themes=_terms(dataset.themes, None), audiences=_terms(dataset.audiences, None),
        glossary=[GlossaryRecord(term=e.term, full_name=e.full_name, explanation=e.explanation)
                  for e in glossary],
    ).model_dump(mode="json")


def to_json(record: dict) -> bytes:
    # Every object is a record whose key order means nothing, so keys are sorted; lists keep
    # document order, which does mean something.
    try:
        return orjson.dumps(record, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                            | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits: the standard library, same form
        return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def from_json(text: bytes) -> dict:
    """A record to_json wrote, read back with the same values."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # an integer beyond 64 bits, as to_json writes it
        return json.loads(text)
