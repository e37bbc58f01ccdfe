"""Open data beside the website: JSON and CSV for every plan, the whole dataset, the JSON
Schemas and an Atom feed.

records.py declares the JSON records and schema.py generates their schema from them; data.py
builds the records from the model; tables.py, feed.py and progress.py turn them into CSV and
Atom; files.py writes everything and describes it for the download page.
"""

from generator.export.data import plan_model, plan_record, to_json
from generator.export.feed import atom_feed
from generator.export.files import ExportFile, write_exports
from generator.export.schema import export_schema, schema_files, write_schemas
from generator.export.settings import site_url_from_mkdocs
from generator.export.tables import (
    ACTION_HEADER,
    COMMITMENT_HEADER,
    RESPONSIBILITY_HEADER,
    spreadsheet_safe,
)

__all__ = [
    "ACTION_HEADER", "COMMITMENT_HEADER", "RESPONSIBILITY_HEADER", "ExportFile", "atom_feed",
    "export_schema", "plan_model", "plan_record", "schema_files", "site_url_from_mkdocs",
    "spreadsheet_safe", "to_json", "write_exports", "write_schemas",
]
