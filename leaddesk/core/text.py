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
