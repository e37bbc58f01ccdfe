"""The date a build speaks of: plan status (现行有效 / 已过期), commitment states, test dates.

The documents' dates are Beijing dates, so "today" is the date in China (UTC+8, no daylight
saving): the daily scheduled build just after midnight China time flips states on the right
day. SOURCE_DATE_EPOCH (reproducible-builds.org) fixes it for byte-identical rebuilds and tests.
"""

from __future__ import annotations

import datetime as dt
import os

CHINA_TIME = dt.timezone(dt.timedelta(hours=8), "CST")


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), tz=CHINA_TIME) if epoch
              else dt.datetime.now(tz=CHINA_TIME))
    return moment.date()
