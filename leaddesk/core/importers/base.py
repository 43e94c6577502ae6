"""What every parser returns: records with line numbers, and problems named by line and field.

Parsers are pure (bytes in, records out, no database) so they can be tested alone and fed
arbitrary bytes by property-based tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from leaddesk.core.errors import LeadDeskError
from leaddesk.core.text import Text

FILE_EMPTY = Text("the file is empty")


class ImportFormatError(LeadDeskError):
    """The whole file cannot be read (not a vCard/CSV, empty, no header); nothing is imported."""

    def __init__(self, file_name: str, message: str, line: int | None = None) -> None:
        self.file_name = file_name
        self.line = line
        if line:
            super().__init__(
                Text("{file}, line {line}: {message}", file=file_name, line=line, message=message)
            )
        else:
            super().__init__(Text("{file}: {message}", file=file_name, message=message))


@dataclass(frozen=True)
class Issue:
    """A problem with one record: ``severity`` "error" (record not imported) or "warning" (kept)."""

    line: int
    field: str
    message: str
    severity: str = "error"

    def describe(self, file_name: str = "") -> str:
        where = f"{file_name}, line {self.line}" if file_name else f"line {self.line}"
        what = f", field {self.field}" if self.field else ""
        return f"{where}{what}: {self.message}"


@dataclass(slots=True)
class Record:
    """One contact as text fields named like ``Lead`` fields, before validation.

    ``uid`` is kept from vCards so exports re-imported match by uid; ``photo`` holds decoded
    image bytes (attached to the lead); ``extra`` are labelled values with no lead field,
    folded into the notes so nothing the file held is silently dropped.
    """

    line: int
    values: dict[str, str] = field(default_factory=dict)
    uid: str = ""
    photo: bytes | None = None
    photo_mime: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def put(self, key: str, value: str) -> None:
        """Set a field if still empty; a second value for it goes to ``extra`` (never lost)."""
        value = (value or "").strip()
        if not value:
            return
        if not self.values.get(key):
            self.values[key] = value
        elif self.values[key] != value and key not in ("notes",):
            self.extra.append((key, value))

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)


@dataclass
class ParseResult:
    """All records of one file plus how it was read (shown in the dry-run report)."""

    file_name: str
    file_format: str
    encoding: str
    records: list[Record]
    issues: list[Issue] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    preset: str = ""
    delimiter: str = ""
