"""The records of the open data, declared once: data/all.json and data/<region>/<plan>.json are
these models dumped as JSON, and export.schema.json is generated from them (see schema.py).

Every key is always present (null when empty) and no other key is allowed, so a consumer can
rely on the shape. A model's docstring is its description in the schema, hence Chinese.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from generator.fieldtypes import SLUG_PATTERN
from generator.labels import ROLE_LABELS
from generator.model import (
    HeaderElement,
    Node,
    OrganisationKind,
    Plan,
    ProgressStatus,
    RegionLevel,
    ResponsibilityMode,
)

FORMAT_VERSION = 1
PLAN_FORMAT = "policysite-plan"
DATASET_FORMAT = "policysite-dataset"
STATE_KINDS = ("reported", "overdue", "not_due", "no_deadline")

Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Role = Literal[tuple(ROLE_LABELS)]  # type: ignore[valid-type]
RoleLabel = Literal[tuple(ROLE_LABELS.values())]  # type: ignore[valid-type]
StateKind = Literal[STATE_KINDS]  # type: ignore[valid-type]


class Record(BaseModel):
    # No whitespace stripping: the export keeps every character of the text as entered.
    model_config = ConfigDict(extra="forbid", frozen=True)


def as_entered(model: type[BaseModel], base: type[Record], skip: frozenset[str] = frozenset()
               ) -> tuple[str, ...]:
    """The fields of model a record publishes as the YAML holds them: all but those the
    record's base derives or reshapes and those skipped."""
    return tuple(name for name in model.model_fields
                 if name not in base.model_fields and name not in skip)


def with_fields_as_entered(name: str, doc: str, model: type[BaseModel], base: type[Record],
                           fields: tuple[str, ...]) -> type[Record]:
    """base plus the given fields of model, each with its type and constraints but no default:
    every key of a record is present. A field added to the model reaches the export itself."""
    declared: dict[str, tuple[object, object]] = {}
    for field_name in fields:
        field = model.model_fields[field_name]
        kind = (Annotated[(field.annotation, *field.metadata)] if field.metadata
                else field.annotation)
        declared[field_name] = (kind, ...)
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__, **declared)


class RegionRecord(Record):
    """地区。"""

    id: Slug
    name: str
    level: RegionLevel | None
    parent: str | None
    code: str | None


class RegisteredOrganisation(Record):
    """登记册中的单位。"""

    id: Slug
    name: str
    full_name: str | None
    kind: OrganisationKind
    kind_label: str
    aliases: list[str]


class RegionWithRegistry(RegionRecord):
    """地区及其单位登记册。"""

    organisations: list[RegisteredOrganisation]


class OrganisationRecord(Record):
    """责任单位：印出的名称，以及在本地区单位登记册中对应的单位（找不到时为 null）。"""

    printed_name: str
    id: str | None
    name: str | None
    full_name: str | None
    kind: OrganisationKind | None
    kind_label: str | None
    role: Role
    role_label: RoleLabel


class ResponsibilityRecord(Record):
    """印出的责任单位。mode 已按方案的默认读法补齐：lead_first 时第一个单位牵头、其余配合。"""

    printed: str
    mode: ResponsibilityMode
    standing_instruction: str | None
    organisations: list[OrganisationRecord]


class ReportSourceRecord(Record):
    """报告出处。"""

    title: str
    issuer: str
    number: str | None
    url: str | None
    file: str | None


class ProgressReportRecord(Record):
    """一份公开报告中关于这项承诺落实情况的记载，照录入的原样发布。"""

    date: dt.date
    status: ProgressStatus
    quote: str
    source: ReportSourceRecord


class ProgressStateRecord(Record):
    """as_of 这一天的落实情况：reported 有公开报告（label 为最近一份报告的状态）；overdue 期限已过、
    未见公开报告；not_due 未到期；no_deadline 未写明期限、未见公开报告。"""

    as_of: dt.date
    kind: StateKind
    label: str
    past_deadline: bool
    latest_report_date: dt.date | None


class CommitmentRecord(Record):
    """承诺。"""

    quote: str
    what: str
    comparator: str | None
    value: float | None
    unit: str | None
    frequency: str | None
    deadline: dt.date | None
    deadline_printed: str | None
    binds: str | None
    overall: bool
    progress: list[ProgressReportRecord]


class FlatCommitmentRecord(CommitmentRecord):
    """承诺，附所在条目和所属行动，以及生成数据之日的落实情况。"""

    location: str
    action_id: str | None
    state: ProgressStateRecord


class ParagraphRecord(Record):
    """正文中的一段。"""

    text: str
    responsibility: ResponsibilityRecord | None


class NodeRecordBase(Record):
    """What a node's record derives or reshapes; its other fields are published as entered."""

    id: str | None  # an action's id is derived from its label when the YAML gives none
    paragraphs: list[ParagraphRecord]
    responsibility: ResponsibilityRecord | None
    commitments: list[CommitmentRecord]
    children: list[NodeRecord]


NODE_AS_ENTERED = as_entered(Node, NodeRecordBase)
NodeRecord = with_fields_as_entered("NodeRecord", "正文条目，按原文层级嵌套。", Node,
                                    NodeRecordBase, NODE_AS_ENTERED)
NodeRecordBase.model_rebuild()
NodeRecord.model_rebuild()


class ActionRecord(Record):
    """行动一览：每项行动及其下各条目的全部责任单位。"""

    id: str
    label: str | None
    title: str | None
    location: str
    summary: str | None
    summary_reviewed_by: str | None
    summary_reviewed_on: dt.date | None
    themes: list[Slug]
    audiences: list[Slug]
    responsibilities: list[ResponsibilityRecord]
    commitment_count: Annotated[int, Field(ge=0)]


class TermRecord(Record):
    """主题或人群。"""

    id: Slug
    name: str
    description: str


class PeriodRecord(Record):
    """实施期。"""

    start: int
    end: int


class StatusRecord(Record):
    """状态。"""

    superseded_by: str | None
    repealed: dt.date | None
    note: str | None


class DocumentRecord(Record):
    """发文信息。原文没有的要素为 null（例如网页发布的文件没有发文字号或版记）。"""

    issuer_mark: str | None
    number: str | None
    notice_title: str | None
    header_order: list[HeaderElement]
    addressees: str | None
    notice: list[str]
    signatory: str | None
    date_written: dt.date | None
    note: str | None
    cc: list[str]
    disclosure: str | None
    printer: str | None
    date_issued: dt.date | None
    date_published: dt.date | None


class ExcerptRecord(Record):
    """只收录了文件的一部分时：收录了什么、缺少什么。"""

    holds: str
    missing: str
    reason: str | None


class CitationRecord(Record):
    """引用的文件。"""

    title: str
    number: str | None
    quote: str


class CorrectionRecord(Record):
    """对原文抽取错误的更正。"""

    find: str
    replace: str
    count: Annotated[int, Field(ge=1)]
    where: str
    reason: str


class PlanRecordBase(Record):
    """What a plan's record derives or reshapes; every other field of the model is published
    as plan.yaml holds it (PlanRecord below), so a new field reaches the export by itself."""

    format: Literal["policysite-plan"]
    format_version: Literal[1]
    page: str
    region: RegionRecord
    period: PeriodRecord | None
    valid_until: dt.date | None
    status: StatusRecord | None
    document: DocumentRecord
    excerpt: ExcerptRecord | None
    citations: list[CitationRecord]
    body: list[NodeRecord]
    actions: list[ActionRecord]
    commitments: list[FlatCommitmentRecord]
    themes: list[TermRecord]
    audiences: list[TermRecord]
    corrections: list[CorrectionRecord]


# Not published: the source file's local name and its checksum.
UNPUBLISHED = frozenset({"source", "source_sha256"})
# Fields of the model published as they are (id, title, approval, preamble, closing, …).
AS_ENTERED = as_entered(Plan, PlanRecordBase, UNPUBLISHED)
PlanRecord = with_fields_as_entered("PlanRecord", "一个方案（data/<地区>/<方案>.json）。", Plan,
                                    PlanRecordBase, AS_ENTERED)


class GlossaryRecord(Record):
    """术语。"""

    term: str
    full_name: str | None
    explanation: str


class DatasetRecord(Record):
    """全部数据（data/all.json）。"""

    format: Literal["policysite-dataset"]
    format_version: Literal[1]
    regions: list[RegionWithRegistry]
    plans: list[PlanRecord]
    themes: list[TermRecord]
    audiences: list[TermRecord]
    glossary: list[GlossaryRecord]
