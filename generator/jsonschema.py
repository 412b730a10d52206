"""JSON Schemas (draft 2020-12) for editors' tools, made from the definitions `validate` uses.

Editors' YAML tools read records as YAML 1.2, where `2025` is a number and `2025-12-01` a
string; the schemas accept both for dates. The languages and affiliations come from
site_config.yml, so the schemas are written per site (`python -m generator schema`).
"""

from __future__ import annotations

import json
from typing import Any

from generator import schema
from generator.model import Settings

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DAY = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
ID = schema.ID_PATTERN.pattern


def _type(kind: schema.Type, settings: Settings) -> dict[str, Any]:  # noqa: C901 (one branch per value type)
    if isinstance(kind, schema.Text):
        return {"type": "string", "minLength": 1}
    if isinstance(kind, schema.Markdown):
        return {"type": "string", "minLength": 1, "description": "Markdown; raw HTML is not rendered"}
    if isinstance(kind, schema.Date):
        # One schema, not anyOf: a bad date is then reported against the date pattern, with what a
        # date looks like, rather than as 'Expected "integer"'.
        if kind.day:
            return {"type": "string", "pattern": DAY, "description": "a day: YYYY-MM-DD", "examples": ["2025-12-02"],
                    "patternErrorMessage": "write a day as YYYY-MM-DD, like 2025-12-02"}
        return {"type": ["string", "integer"], "pattern": DATE, "minimum": 1000, "maximum": 9999,
                "description": "a date: a year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD)",
                "examples": ["2025-12-02", "2025-08", 2025],
                "patternErrorMessage": "write a date as YYYY, YYYY-MM or YYYY-MM-DD, like 2025-12-02"}
    if isinstance(kind, schema.Url):
        return {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+"}
    if isinstance(kind, schema.Lang):
        return {"enum": list(settings.languages)}
    if isinstance(kind, schema.Bool):
        return {"type": "boolean"}
    if isinstance(kind, schema.Number):
        return {"type": "number", "minimum": kind.minimum, "maximum": kind.maximum}
    if isinstance(kind, schema.Enum):
        return {"enum": list(kind.values)}
    if isinstance(kind, schema.Ref) and kind.kind == "affiliation":
        return {"enum": list(settings.affiliations)}
    if isinstance(kind, (schema.Ref, schema.Slug)):
        return {"type": "string", "pattern": ID}
    if isinstance(kind, schema.Localized):
        inner = _type(kind.inner, settings)
        mapping: dict[str, Any] = {
            "type": "object",
            "propertyNames": {"enum": list(settings.languages)},
            "additionalProperties": inner,
        }
        if kind.default_required:
            mapping["required"] = [settings.default_language]
        else:
            mapping["minProperties"] = 1
        return {"anyOf": [inner, mapping]}
    if isinstance(kind, schema.List):
        result: dict[str, Any] = {"type": "array", "items": _type(kind.item, settings)}
        if kind.min_items:
            result["minItems"] = kind.min_items
        return result
    if isinstance(kind, schema.Record):
        return _record(kind, settings)
    raise TypeError(f"no JSON Schema for {kind!r}")


def _record(record: schema.Record, settings: Settings) -> dict[str, Any]:
    properties = {}
    for field in record.fields:
        described = _type(field.type, settings)
        about = described.get("description")  # what the value type says (a date's shape) after the field's doc
        properties[field.name] = {**described, "description": f"{field.doc}; {about}" if about else field.doc}
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.name for f in record.fields if f.required]
    if required:
        result["required"] = required
    if record is schema.STATEMENT:
        result["oneOf"] = [{"required": ["quote"]}, {"required": ["said"]}]
    return result


def schemas(settings: Settings) -> dict[str, str]:
    """File name to JSON text, one schema per record kind."""
    out = {}
    for record in schema.RECORDS.values():
        name = f"{record.name}.schema.json"
        document = {
            # No $id: the editors' schemas are files of the repository, named by relative path
            # (`# yaml-language-server: $schema=../../schema/...`), not published anywhere.
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"{settings.site_name}: {record.name}",
            **_record(record, settings),
        }
        out[name] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return out


def export_schemas(settings: Settings) -> dict[str, str]:
    """The JSON Schema of /data/explainers.json: every record as in its file, plus its id."""

    def with_id(record: schema.Record) -> dict[str, Any]:
        document = _record(record, settings)
        document["properties"] = {"id": {"type": "string", "pattern": ID, "description": "the record's id"},
                                  **document["properties"]}
        document["required"] = ["id", *document.get("required", [])]
        return document

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{settings.site_url}data/explainers.schema.json",  # where the site publishes it
        "title": f"{settings.site_name}: published data",
        "type": "object",
        "properties": {
            "site": {"type": "string", "format": "uri", "description": "the site's address"},
            "explainers": {"type": "array", "items": with_id(schema.EXPLAINER)},
            "actors": {"type": "array", "items": with_id(schema.ACTOR)},
            "sources": {"type": "array", "items": with_id(schema.SOURCE)},
        },
        "required": ["site", "explainers", "actors", "sources"],
        "additionalProperties": False,
    }
    return {"explainers.schema.json": json.dumps(document, ensure_ascii=False, indent=2) + "\n"}
