"""Every user-facing label and formatter, defined once: pages, exports, the feed and the schemas
import them from here, so two places can never word one thing differently."""

from __future__ import annotations

import datetime as dt

# A responsible organisation's role (sitemodel.role_of): the label names the role in a list or a
# spreadsheet cell; the note says what a shared role means wherever the role stands alone.
ROLE_LABELS: dict[str, str] = {"lead": "牵头单位", "partner": "配合单位", "shared": "共同负责"}
ROLE_NOTES: dict[str, str] = {"shared": "按职责分工，不分牵头"}

# Organisation.kind → (label, examples). The model keeps the meanings as code comments; staff
# see label and examples in the editor and the field reference, readers see the label.
ORGANISATION_KINDS: dict[str, tuple[str, str]] = {
    "government_department": ("政府工作部门", "如市人社局、市财政局"),
    "party_department": ("党委工作机关", "如市委组织部、市委编办"),
    "mass_organisation": ("群团组织", "如残联、妇联、工商联、总工会、团市委"),
    "central_unit": ("中央和省属驻地单位", "如人行分行、金融监管分局、税务局、烟草专卖局"),
    "company": ("企业", "如农行分行、铁路车站"),
    "school": ("学校", "如职业技术学院、各高校"),
    "lower_government": ("下级政府", "如县政府、各县区政府"),
    "development_zone": ("开发区、园区管委会", ""),
    "coordinating_body": ("议事协调机构", "如残工委及其成员单位"),
    "other": ("其他", ""),
}

# Region.level → its label.
LEVEL_LABELS: dict[str, str] = {"province": "省级", "prefecture": "地级", "county": "县级"}

# Where plan-level commitments (Plan.commitments) are printed, said where a node's location is.
PLAN_LEVEL = "引言和结束段落"


def role_label(role: str) -> str:
    """The role in a list or a cell: 牵头单位, 配合单位, 共同负责."""
    return ROLE_LABELS[role]


def role_heading(role: str) -> str:
    """The role where it stands alone on a page: the label with its note, if it has one."""
    note = ROLE_NOTES.get(role)
    return f"{ROLE_LABELS[role]}（{note}）" if note else ROLE_LABELS[role]


def kind_label(kind: str) -> str:
    """An organisation kind's label; an unknown kind is shown as written."""
    return ORGANISATION_KINDS[kind][0] if kind in ORGANISATION_KINDS else kind


def level_label(level: str) -> str:
    return LEVEL_LABELS[level]


def chinese_date(day: dt.date | None) -> str:
    """The printed form of a date in these documents: 2026年4月2日 ("" for no date)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def format_number(value: float | None) -> str:
    """A number as a person would type it, never rounded: 15.0 → "15", 100000.5 → "100000.5"
    ("" for no number)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


_SIZE_UNITS = ("KB", "MB", "GB")


def file_size(size: int) -> str:
    """A download's size as a reader weighs it, to two significant figures: "约 350 KB",
    "约 1.2 MB" ("不到 1 KB" below that). Precision a reader has no use for would change the
    page that shows it with almost every edit of any plan, and with it what is rebuilt and
    re-checked."""
    if size < 1024:
        return "不到 1 KB"
    value, unit = size / 1024, 0
    while float(f"{value:.2g}") >= 1000 and unit < len(_SIZE_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    rounded = float(f"{value:.2g}")  # two significant figures
    shown = f"{rounded:.1f}" if rounded < 10 else str(int(rounded))
    return f"约 {shown} {_SIZE_UNITS[unit]}"
