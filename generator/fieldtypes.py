"""The scalar types of the data model (ids, text, dates, checksums) and its strict base class."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Ids appear in URLs and file paths: lower-case ASCII letters, digits and single hyphens only,
# so they can never climb out of a folder or collide on a case-insensitive file system.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64),
    Field(description="只用小写英文字母、数字和连字符“-”，例如 jinchang、2026-2027。用于网址。"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20000)]


def _iso_date_only(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would also read a bare number as a Unix timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise PydanticCustomError("date_parsing", "not a YYYY-MM-DD date")
    if isinstance(value, int | float):
        raise PydanticCustomError("date_parsing", "not a YYYY-MM-DD date")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date_only)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]

SHA256_PATTERN = r"^[0-9a-f]{64}$"


def _sha256_only(value: object) -> object:
    """Its own error type, so the message speaks of a checksum and not of an id pattern."""
    if not (isinstance(value, str) and re.fullmatch(SHA256_PATTERN, value.strip())):
        raise PydanticCustomError("sha256_format", "not a lower-case hexadecimal SHA-256")
    return value


Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN), BeforeValidator(_sha256_only)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelled key must not silently drop data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
