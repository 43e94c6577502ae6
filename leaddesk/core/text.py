"""User-facing core messages that the UI can translate later: ``Text("{n} is not a number", n=x)``.

The core must not import Qt, yet a German user should not read English reasons. A ``Text`` *is*
the formatted English string (logs, the CLI, ``str(exc)`` and tests keep working unchanged) and
also remembers its ``template`` and ``values``, so ``leaddesk.ui.i18n.tr_core`` can look the
template up in the "core" translation context and format the translation with the same values.

Converting a message takes one import and wrapping the literal::

    from leaddesk.core.text import Text
    errors["points"] = Text("{points!r} is not a whole number", points=points)

Rules: the template is a plain string literal (``tools/core_strings.py`` extracts it for
translation, an f-string cannot be translated); only named ``str.format`` fields; literal braces
doubled (``{{``). A value may itself be a ``Text``; it is then translated as well.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from typing import Any


class Text(str):
    """An English message that keeps its template and values for translation."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Text:
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.values = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # str's own pickling would rebuild from the formatted text and lose the template.
        return (_rebuild, (self.template, self.values))

    def __repr__(self) -> str:
        return f"Text({str.__repr__(self)})"


def _rebuild(template: str, values: dict[str, Any]) -> Text:
    return Text(template, **values)


#: Short alias for call sites where ``Text`` reads awkwardly; the extractor knows both names.
msg = Text


def noop(template: str) -> str:
    """Mark a template for translation without formatting it (Qt's QT_TRANSLATE_NOOP).

    For messages stored as text, built with ``template.format(...)`` where they are written
    and read back with :func:`read_back`; ``tools/core_strings.py`` extracts the literal.
    """
    return template


def read_back(stored: str, templates: Mapping[str, str]) -> Text | None:
    """A stored message as the ``Text`` it was written from, so the UI can show it translated.

    ``templates`` maps the form a message was stored in to the template it is shown with
    (usually the same; an older stored wording can map to the current template). Fields match
    any text, so the templates need literal text between their fields. None if none fits.
    """
    for stored_form, shown in templates.items():
        match = _pattern(stored_form).fullmatch(stored)
        if match is not None:
            return Text(shown, **match.groupdict())
    return None


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.*?)")
    return re.compile("".join(parts), re.DOTALL)
