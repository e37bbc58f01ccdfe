"""The data model of a region's action plans: what staff write in YAML, declared once.

Pydantic validates the YAML with every error's path, and exports the JSON Schema that editors
use to complete and check fields while staff type. Descriptions are in Chinese because staff
read them in their editor and in the field reference of the staff guide.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.fieldtypes import Date, Sha256, ShortText, Slug, Strict, Text

# ---------------------------------------------------------------- shared vocabularies


class Term(Strict):
    id: Slug
    name: ShortText = Field(description="中文名称，例如“就业服务”。")
    description: Text = Field(description="一两句通俗的中文说明。")


class Vocabulary(Strict):
    """regions/themes.yaml and regions/audiences.yaml."""

    terms: list[Term] = Field(min_length=1, description="词表中的各项。")


class GlossaryEntry(Strict):
    term: ShortText = Field(description="文中出现的写法，例如“残保金”。")
    full_name: ShortText | None = Field(
        default=None, description="全称，例如“残疾人就业保障金”。没有全称时不填。"
    )
    explanation: Text = Field(description="用通俗中文解释这个词。")


class Glossary(Strict):
    """regions/glossary.yaml."""

    entries: list[GlossaryEntry] = Field(min_length=1, description="术语和缩略语。")


# ---------------------------------------------------------------- regions and organisations

# Labels and examples of each kind, for staff and readers: generator.labels.ORGANISATION_KINDS.
OrganisationKind = Literal[
    "government_department", "party_department", "mass_organisation", "central_unit", "company",
    "school", "lower_government", "development_zone", "coordinating_body", "other",
]
RegionLevel = Literal["province", "prefecture", "county"]  # labels: generator.labels.LEVEL_LABELS


class Organisation(Strict):
    id: Slug
    name: ShortText = Field(description="文件中印出的简称，原样照录，例如“市人社局”。")
    full_name: ShortText | None = Field(
        default=None, description="全称。只在确知时填写，不确定就不填，绝不臆造。"
    )
    kind: OrganisationKind = Field(description="单位类别。")
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="同一单位在文件中的其他印法，例如“市发展改革委”与“市发改委”。",
    )


class Region(Strict):
    """regions/<id>/region.yaml."""

    id: Slug
    name: ShortText = Field(description="地区名称，例如“金昌市”。")
    level: RegionLevel = Field(
        description="行政级别：province 省级，prefecture 地级，county 县级。"
    )
    parent: Slug | None = Field(default=None, description="上级地区的 id；省级地区不填。")
    code: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{5}$")] = Field(
        description="六位行政区划代码，例如 620300。"
    )
    organisations: list[Organisation] = Field(
        default_factory=list, description="本地区文件中列为责任单位的各单位（登记册）。"
    )


# ---------------------------------------------------------------- plans


class Correction(Strict):
    """A repair of a text-extraction artifact. Anything else is the document's own text."""

    find: Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)] = Field(
        description="原文（source.txt）中要改的文字，原样照录。"
    )
    replace: Annotated[str, StringConstraints(strip_whitespace=False)] = Field(
        description="改成的文字；删除时写空字符串 ''。"
    )
    count: int = Field(ge=1, description="这段文字在原文中出现的次数，全部都改。")
    where: ShortText = Field(description="在文件中的位置，例如“第三部分第（二）项”。")
    reason: ShortText = Field(description="为什么这是抽取错误而不是文件原文。")


class Period(Strict):
    start: int = Field(ge=1949, le=2100, description="起始年份。")
    end: int = Field(ge=1949, le=2100, description="结束年份。")


class Excerpt(Strict):
    """Only part of the document is available: what this plan holds and what is missing."""

    holds: ShortText = Field(
        description="收录了哪些部分，例如“通知和方案正文第一至三部分”。")
    missing: ShortText = Field(
        description="缺了哪些部分，例如“方案第四部分和附件《任务分工表》”。")
    reason: ShortText | None = Field(
        default=None, description="为什么只有这一部分，例如“政府网站只公开了正文”。")


class Status(Strict):
    superseded_by: ShortText | None = Field(
        default=None, description="被哪个方案取代，写“地区id/方案id”，例如 gansu/2025-2027。"
    )
    repealed: Date | None = Field(default=None, description="宣布废止的日期。")
    note: ShortText | None = Field(
        default=None, description="关于状态的说明，是本站的话，网站上标明“本站说明”。")


HeaderElement = Literal["issuer_mark", "number", "notice_title"]
# The order GB/T 9704 prescribes; web pages often print the title before the number.
STANDARD_HEADER_ORDER: tuple[HeaderElement, ...] = ("issuer_mark", "number", "notice_title")


# The cover notice's elements are required of a whole document (document_checks.py); only an
# excerpt whose part lacks the notice leaves them out.
NOTICE_ELEMENTS = ("notice_title", "addressees", "notice", "signatory", "date_written")
_NOTICE_PART = "完整的文件必填；只收录了一部分（excerpt）而这部分中没有印发通知时不填。"


class Document(Strict):
    """The elements of GB/T 9704-2012 that these notices carry, each as printed.

    Only what the document prints is entered: a notice published on a web page often has no
    number and no imprint (版记), and those fields are then left out, never made up."""

    issuer_mark: ShortText | None = Field(
        default=None, description="发文机关标志，例如“金昌市人民政府办公室文件”。"
    )
    number: ShortText | None = Field(
        default=None,
        description="发文字号，例如“金政办发〔2026〕15号”。原文没有印发文字号时不填，绝不臆造。",
    )
    notice_title: ShortText | None = Field(
        default=None, description="通知的标题（公文标题）。" + _NOTICE_PART)
    header_order: list[HeaderElement] | None = Field(
        default=None,
        description="版头各要素在原文中的先后顺序。不填时按公文格式：issuer_mark（发文机关标志）、"
        "number（发文字号）、notice_title（标题）。网页上的文件常常先印标题、后印字号，"
        "这时写 [notice_title, number]。只列原文有的要素，每个一次。",
    )
    addressees: ShortText | None = Field(
        default=None, description="主送机关，不含最后的冒号。" + _NOTICE_PART)
    notice: list[Text] = Field(
        default_factory=list, description="通知正文，一段一项。" + _NOTICE_PART)
    signatory: ShortText | None = Field(default=None, description="发文机关署名。" + _NOTICE_PART)
    date_written: Date | None = Field(
        default=None, description="成文日期，写成 2026-04-02。" + _NOTICE_PART)
    note: ShortText | None = Field(
        default=None, description="附注，不含括号，例如“此件公开发布”。"
    )
    cc: list[ShortText] = Field(default_factory=list, description="抄送机关，一个单位一项。")
    disclosure: ShortText | None = Field(
        default=None, description="公开属性，例如“主动公开”。"
    )
    printer: ShortText | None = Field(
        default=None, description="版记中的印发机关。原文没有版记（如网页发布的文件）时不填。"
    )
    date_issued: Date | None = Field(
        default=None,
        description="版记中的印发日期，写成 2026-04-02。原文没有版记（如网页发布的文件）时不填。",
    )
    date_published: Date | None = Field(
        default=None,
        description="网站上的发布日期，写成 2026-04-02。这是网页上标出的日期，不是文件的印发日期，"
        "也不是原文的一部分（不放进 source.txt）。不知道就不填。",
    )

    @property
    def header(self) -> tuple[HeaderElement, ...]:
        """The header elements the document prints, in the order it prints them."""
        if self.header_order:
            return tuple(self.header_order)
        return tuple(e for e in STANDARD_HEADER_ORDER if getattr(self, e) is not None)

    @property
    def date(self) -> dt.date | None:
        """The date a list of plans is ordered by: issued, else published, else written."""
        return self.date_issued or self.date_published or self.date_written


class Citation(Strict):
    title: ShortText = Field(description="被引用文件的标题，不含书名号。")
    number: ShortText | None = Field(default=None, description="发文字号，文中写了才填。")
    quote: Text = Field(description="文中引用它的原文片段，必须在方案正文中能找到。")


ResponsibilityMode = Literal["shared", "lead_first"]


class Responsibility(Strict):
    printed: Text = Field(description="责任单位括号或“责任单位：”一行，原样照录（含括号）。")
    organisations: list[ShortText] = Field(
        min_length=1,
        description="印出的各单位，按原顺序；每个都必须在本地区单位登记册中（名称或别名）。",
    )
    mode: ResponsibilityMode | None = Field(
        default=None,
        description="shared：按职责分工共同负责，不分牵头；lead_first：列第一位的为牵头单位。"
        "不填则用方案的 responsibility_mode。",
    )
    standing_instruction: Text | None = Field(
        default=None,
        description="括号中对下级政府的统一要求，例如“以下任务均需各县区政府落实，不再一一列出”。",
    )


Comparator = Literal[
    "不少于", "不低于", "至少", "以上", "达到", "力争达到", "不超过", "全部", "百分百"
]
Frequency = Literal["每年", "每半年", "每季度", "每月", "一次性", "实施期间"]


ProgressStatus = Literal["进行中", "部分完成", "已完成", "未完成"]


class ReportSource(Strict):
    """The public document a progress report is quoted from."""

    title: ShortText = Field(description="报告文件的标题，原样照录，例如“××市残联2026年工作总结”。")
    issuer: ShortText = Field(description="发布报告的机关，例如“××市残疾人联合会”。")
    number: ShortText | None = Field(default=None, description="发文字号，文件有才填。")
    url: ShortText | None = Field(
        default=None, description="报告公开发布的网址，以 http:// 或 https:// 开头。"
    )
    file: ShortText | None = Field(
        default=None,
        description="报告原文的纯文本（UTF-8，.txt），放在 plan.yaml 所在文件夹或其下级文件夹，"
        "只用英文字母、数字、“-”“_”“.”和“/”，例如 reports/2026-work-summary.txt。"
        "填写后，quote 必须能在其中找到。",
    )


class ProgressReport(Strict):
    """A dated public report on one commitment: only what the report itself says."""

    date: Date = Field(description="报告的日期（成文或发布日期），写成 2026-12-20；不能晚于网站生成日期。")
    status: ProgressStatus = Field(
        description="报告所说的落实状态：进行中、部分完成、已完成、未完成，只能按报告原话判断。"
    )
    quote: Text = Field(description="报告中说明落实情况的原话，逐字照录。")
    source: ReportSource = Field(description="报告出自哪份公开文件。")


class Commitment(Strict):
    quote: Text = Field(description="承诺所在的原文片段，必须在本节点正文中能找到。")
    what: ShortText = Field(description="承诺的内容，用一句话说清楚。")
    comparator: Comparator | None = Field(default=None, description="比较词。")
    value: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="数值，例如 15。")
    unit: ShortText | None = Field(default=None, description="单位，例如“%”“人次”“个”。")
    frequency: Frequency | None = Field(default=None, description="频次。")
    deadline: Date | None = Field(default=None, description="期限，例如 2027-12-31。")
    deadline_printed: ShortText | None = Field(
        default=None, description="原文中的期限写法，例如“2027年底前”，必须出现在 quote 中。"
    )
    binds: ShortText | None = Field(default=None, description="承诺约束谁，例如“市级机关”。")
    overall: bool = Field(default=False, description="是否为方案的总体目标。")
    progress: list[ProgressReport] = Field(
        default_factory=list,
        description="落实情况：公开报告中关于这项承诺的记载，每份报告一项。",
    )


class Paragraph(Strict):
    text: Text = Field(description="一段原文，原样照录。")
    responsibility: Responsibility | None = Field(
        default=None, description="本段末尾印出的责任单位（如金华方案每段各有责任单位时）。"
    )


NodeKind = Literal["part", "group", "action", "measure", "item"]


class Node(Strict):
    kind: NodeKind = Field(
        description="part：一、部分；group：任务分组；action：一项行动（网站上单独成页）；"
        "measure：行动中的措施；item：其他条目（如保障措施）。"
    )
    id: Slug | None = Field(
        default=None, description="行动的网址 id；不填时按序号自动生成，例如第三项为 3。"
    )
    label: ShortText | None = Field(default=None, description="印出的序号，例如“一、”“（三）”“7.”。")
    title: ShortText | None = Field(default=None, description="标题，不含序号和句末的句号。")
    run_in: bool = Field(
        default=False, description="标题后接句号、正文紧跟在同一段时为 true（如“（一）强化组织推动。各地……”）。"
    )
    paragraphs: list[Paragraph] = Field(default_factory=list, description="正文各段。")
    children: list[Node] = Field(default_factory=list, description="下一级条目。")
    responsibility: Responsibility | None = Field(
        default=None, description="印在本条（及其下级条目）之后的责任单位。"
    )
    summary: Text | None = Field(
        default=None,
        description="给读者的通俗说明（不是文件原文）：用几句短话说清谁能得到什么帮助、找谁，不比原文说得更肯定。"
        "写法标准见维护指南“通俗说明的写法”。",
    )
    # Provenance of the summary: who checked it against the text, and when (shown on the page).
    summary_reviewed_by: ShortText | None = Field(
        default=None,
        description="对照原文审核这条通俗说明的人的岗位（不写个人姓名），例如“本站内容编辑”。",
    )
    summary_reviewed_on: Date | None = Field(
        default=None, description="审核通俗说明的日期，写成 2026-11-29；改写说明后要更新。"
    )
    themes: list[Slug] = Field(default_factory=list, description="主题 id，见 regions/themes.yaml。")
    audiences: list[Slug] = Field(
        default_factory=list, description="面向人群 id，见 regions/audiences.yaml。"
    )
    commitments: list[Commitment] = Field(
        default_factory=list, description="本条中的量化或有期限的承诺。"
    )


class Plan(Strict):
    """regions/<region>/plans/<id>/plan.yaml."""

    id: Slug
    title: ShortText = Field(description="方案标题，不含书名号。")
    period: Period | None = Field(default=None, description="方案的实施年份，文件写了才填。")
    valid_until: Date | None = Field(
        default=None, description="有效期截止日；不填时取 period 结束年份的12月31日。"
    )
    status: Status | None = Field(default=None, description="被取代或废止时填写。")
    excerpt: Excerpt | None = Field(
        default=None,
        description="只收到文件的一部分时填写：说明收录了什么、缺了什么。完整的文件不填。",
    )
    document: Document = Field(
        default_factory=Document,
        description="发文信息：发文字号、通知标题、主送机关、通知正文、署名、日期等，"
        "各项含义见“发文信息”。节选中没有印发通知时可以不写。",
    )
    approval: ShortText | None = Field(
        default=None, description="通知中的审议情况，例如“已经市政府同意”，必须在通知正文中。"
    )
    citations: list[Citation] = Field(default_factory=list, description="文中引用的全部文件。")
    responsibility_mode: ResponsibilityMode = Field(
        default="shared", description="责任单位的默认读法，见 Responsibility.mode。"
    )
    preamble: list[Text] = Field(default_factory=list, description="方案标题后的引言段落。")
    body: list[Node] = Field(min_length=1, description="方案正文的层级结构。")
    closing: list[Text] = Field(default_factory=list, description="正文后不带序号的结束段落。")
    commitments: list[Commitment] = Field(
        default_factory=list, description="引言或结束段落中的承诺（正文各条中的承诺写在各条里）。"
    )
    source: ShortText = Field(
        default="source.txt", description="同一文件夹中原文文本文件的文件名。"
    )
    source_sha256: Sha256 = Field(
        description="原文文件的 SHA-256 校验值（64 位，数字和小写字母 a–f），用来发现原文被意外改动。"
        "换成核对过的新原文后，运行“policysite hash 原文文件路径”，把输出的值填在这里。"
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="对原文抽取错误的更正，每一处都要列出。"
    )
