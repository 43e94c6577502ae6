"""Carry translations over to strings that moved to another class (a window split in parts).

Qt translates by context (the class calling ``self.tr``): when a string moves to a new class,
``make translations`` lists it there as unfinished and drops the old entry. This fills each
unfinished message of NEW with the translation the same source text (and disambiguation)
had in OLD, in whatever context, and writes NEW in place; run ``make translations`` again
afterwards (it also restores lupdate's own layout of the file). Typical use::

    git show HEAD:resources/translations/leaddesk_de.ts > /tmp/old.ts
    make translations
    python tools/carry_translations.py /tmp/old.ts resources/translations/leaddesk_de.ts
    make translations

Messages with no earlier translation stay unfinished and are listed, for linguist.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

Key = tuple[str, str]


def _key(message: ET.Element) -> Key:
    return message.findtext("source") or "", message.findtext("comment") or ""


def finished(ts: Path) -> dict[Key, ET.Element]:
    """Source text (and disambiguation) -> its finished translation element, first one found."""
    out: dict[Key, ET.Element] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            continue
        if translation.text or len(translation):
            out.setdefault(_key(message), translation)
    return out


def carry(old: Path, new: Path) -> tuple[int, list[Key]]:
    """Fill ``new``'s unfinished messages from ``old``; (how many filled, those left unfinished)."""
    known = finished(old)
    tree = ET.parse(new)
    filled, left = 0, []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        source = known.get(_key(message))
        if source is None:
            left.append(_key(message))
            continue
        del translation.attrib["type"]
        translation.text = source.text
        for child in list(translation):
            translation.remove(child)
        translation.extend(list(source))  # plural forms (<numerusform>) as they were
        filled += 1
    tree.write(new, encoding="utf-8", xml_declaration=True)
    return filled, left


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    filled, left = carry(Path(argv[0]), Path(argv[1]))
    print(f"{filled} translation(s) carried over; {len(left)} still unfinished")
    for source, comment in left:
        print(f"  {source!r}" + (f" ({comment})" if comment else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
