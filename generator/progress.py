"""Implementation tracking (落实情况): each commitment's state at the build date.

The site only repeats what a dated, sourced public report says. Without a report it says no
more than the calendar can: the deadline has not come yet, or it has passed and no public
report was found. It never says 未完成 or 已完成 on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Commitment, ProgressReport

# "Due soon": the window of the upcoming list and of the overview's last column.
UPCOMING_DAYS = 90

# The site's own words for a commitment without a report (the report's status otherwise).
NOT_DUE = "未到期"
OVERDUE = "已到期，未见公开报告"
NO_DEADLINE = "未写明期限，未见公开报告"

DONE, PARTLY, ONGOING, NOT_DONE = "已完成", "部分完成", "进行中", "未完成"


@dataclass(frozen=True)
class State:
    """What the site says about one commitment on `today`."""

    kind: str  # reported | overdue | not_due | no_deadline
    label: str  # the words shown: a report's status, or one of the site's phrases above
    report: ProgressReport | None  # the latest report, when there is one
    past_deadline: bool  # the deadline has passed (whatever the reports say)

    @property
    def status(self) -> str | None:
        """The latest report's status, or None when nothing has been reported."""
        return self.report.status if self.report else None


def latest_report(commitment: Commitment) -> ProgressReport | None:
    """The report with the latest date; of two on the same day, the one listed last."""
    if not commitment.progress:
        return None
    return max(enumerate(commitment.progress), key=lambda pair: (pair[1].date, pair[0]))[1]


def is_past(commitment: Commitment, today: dt.date) -> bool:
    """A deadline is the last day allowed: "2027年底前" (2027-12-31) is overdue from 2028-01-01."""
    return commitment.deadline is not None and commitment.deadline < today


def is_upcoming(commitment: Commitment, today: dt.date) -> bool:
    deadline = commitment.deadline
    return deadline is not None and today <= deadline <= today + dt.timedelta(UPCOMING_DAYS)


def state_of(commitment: Commitment, today: dt.date) -> State:
    report = latest_report(commitment)
    past = is_past(commitment, today)
    if report is not None:
        return State("reported", report.status, report, past)
    if commitment.deadline is None:
        return State("no_deadline", NO_DEADLINE, None, False)
    if past:
        return State("overdue", OVERDUE, None, True)
    return State("not_due", NOT_DUE, None, False)


@dataclass(frozen=True)
class Tally:
    """A plan's (or any list's) counts for the overview table."""

    total: int = 0
    due: int = 0  # the deadline has passed
    done: int = 0  # the latest report says 已完成
    partly: int = 0  # the latest report says 部分完成
    overdue: int = 0  # the deadline has passed and there is no public report
    upcoming: int = 0  # due in the next UPCOMING_DAYS days


def tally(commitments: list[Commitment], today: dt.date) -> Tally:
    states = [state_of(c, today) for c in commitments]
    return Tally(
        total=len(commitments),
        due=sum(1 for c in commitments if is_past(c, today)),
        done=sum(1 for s in states if s.status == DONE),
        partly=sum(1 for s in states if s.status == PARTLY),
        overdue=sum(1 for s in states if s.kind == "overdue"),
        upcoming=sum(1 for c in commitments if is_upcoming(c, today)),
    )


# Each count's label, in the order the overview shows them: one wording for tables and sentences.
TALLY_LABELS = (
    ("total", "承诺总数"),
    ("due", "已到期"),
    ("done", "报告已完成"),
    ("partly", "报告部分完成"),
    ("overdue", "已到期、未见公开报告"),
    ("upcoming", f"今后{UPCOMING_DAYS}天内到期"),
)


def tally_sentence(counts: Tally) -> str:
    """The counts in one sentence, for readers who do not read tables."""
    parts = [f"{label}{getattr(counts, name)}项" for name, label in TALLY_LABELS]
    return "，".join(parts) + "。"
