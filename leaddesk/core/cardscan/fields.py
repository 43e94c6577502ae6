"""The result of reading a business card: lead fields plus what a person should know about them."""

from __future__ import annotations

from dataclasses import dataclass, field

from leaddesk.core.models import EDITABLE_FIELDS

#: Lead fields a card can fill, in the order quick entry shows them: the editable ones up to the
#: address, plus notes (for what has no field of its own: department, fax, academic title).
CARD_FIELDS: tuple[str, ...] = (*EDITABLE_FIELDS[: EDITABLE_FIELDS.index("country") + 1], "notes")


@dataclass
class CardResult:
    """What a card yielded. ``method`` is "qr" (fields taken exactly) or "ocr" (guessed, to be confirmed).

    ``lines`` keeps the recognised text so a person can copy what the heuristics missed.
    """

    method: str
    fields: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


def join_notes(*parts: str) -> str:
    return "\n".join(p for p in (s.strip() for s in parts) if p)
