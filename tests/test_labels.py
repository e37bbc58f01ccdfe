"""Labels and formatters: one definition each, and numbers shown as written."""

from __future__ import annotations

import datetime as dt

from generator.labels import (
    ORGANISATION_KINDS,
    ROLE_LABELS,
    chinese_date,
    file_size,
    format_number,
    kind_label,
    role_heading,
)
from generator.model import Commitment
from generator.render import requirement


def test_numbers_are_never_rounded() -> None:
    assert format_number(100000.5) == "100000.5"
    assert format_number(15.0) == "15"
    assert format_number(0.125) == "0.125"
    assert format_number(None) == ""


def test_a_page_shows_a_commitment_value_as_the_spreadsheet_does() -> None:
    commitment = Commitment.model_validate({"quote": "新增100000.5人", "what": "新增就业",
                                            "value": 100000.5, "unit": "人"})
    assert requirement(commitment) == "100000.5人"


def test_a_download_size_is_rounded_the_way_a_reader_weighs_it() -> None:
    assert file_size(800) == "不到 1 KB"
    assert file_size(3481) == "约 3.4 KB"
    assert file_size(358_800) == "约 350 KB"
    assert file_size(1_250_000) == "约 1.2 MB"
    assert file_size(1024 * 1024 - 100) == "约 1.0 MB"  # not "约 1000 KB"
    # A small edit of a large file seldom changes what the data page shows.
    assert file_size(358_800) == file_size(358_800 + 200)


def test_dates_are_written_as_the_documents_print_them() -> None:
    assert chinese_date(dt.date(2026, 4, 2)) == "2026年4月2日"
    assert chinese_date(None) == ""


def test_a_role_standing_alone_carries_its_note() -> None:
    assert role_heading("shared").startswith(ROLE_LABELS["shared"] + "（")
    assert role_heading("lead") == ROLE_LABELS["lead"]


def test_every_organisation_kind_of_the_model_has_a_label() -> None:
    from typing import get_args

    from generator.model import OrganisationKind

    assert set(get_args(OrganisationKind)) == set(ORGANISATION_KINDS)
    assert kind_label("unknown") == "unknown"


def test_every_region_level_of_the_model_has_a_label() -> None:
    from typing import get_args

    from generator.labels import LEVEL_LABELS
    from generator.model import RegionLevel

    assert set(get_args(RegionLevel)) == set(LEVEL_LABELS)
