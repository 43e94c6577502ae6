"""Pure parsers for address-book files: bytes in, records with line numbers and problems out.

:func:`parse_file` picks the reader from the content (a ``BEGIN:VCARD`` line) or the name.
"""

from __future__ import annotations

from collections.abc import Mapping

from leaddesk.core.importers.base import FILE_EMPTY, ImportFormatError, Issue, ParseResult, Record
from leaddesk.core.importers.csvfile import parse_csv
from leaddesk.core.importers.encoding import detect_encoding
from leaddesk.core.importers.vcard import parse_vcard

__all__ = ["ImportFormatError", "Issue", "ParseResult", "Record", "parse_csv", "parse_file", "parse_vcard"]


def looks_like_vcard(data: bytes, file_name: str) -> bool:
    if file_name.lower().endswith((".vcf", ".vcard")):
        return True
    head, _ = detect_encoding(data[:4096])
    return "BEGIN:VCARD" in head.upper()


def parse_file(data: bytes, file_name: str, *, mapping: Mapping[str, str] | None = None) -> ParseResult:
    """Records of a vCard or CSV file; ImportFormatError when the file as a whole is unreadable."""
    if not data.strip():
        raise ImportFormatError(file_name, FILE_EMPTY)
    if looks_like_vcard(data, file_name):
        return parse_vcard(data, file_name)
    return parse_csv(data, file_name, mapping=mapping)
