"""Suggested discovery questions per BANT section, in German and English.

Kept as data (not ``tr()`` strings) because a rep may want the German questions in an
English UI for a German customer; :func:`questions_for` picks the UI language by default.
"""

from __future__ import annotations

QUESTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "budget": {
        "de": (
            "Welches Budget ist für das Vorhaben eingeplant?",
            "Ist das Budget bereits freigegeben – und von wem?",
            "Aus welchem Topf wird das finanziert (Investition, laufende Kosten)?",
        ),
        "en": (
            "What budget is planned for this project?",
            "Has the budget been approved yet — and by whom?",
            "Which budget does it come from (capital, operating costs)?",
        ),
    },
    "authority": {
        "de": (
            "Wer entscheidet außer Ihnen mit?",
            "Wie läuft bei Ihnen eine Kaufentscheidung ab?",
            "Wen sollten wir beim nächsten Gespräch dazuholen?",
        ),
        "en": (
            "Who else is involved in the decision?",
            "How does a purchase decision work in your company?",
            "Who should join our next conversation?",
        ),
    },
    "need": {
        "de": (
            "Welches Problem möchten Sie konkret lösen?",
            "Was kostet Sie das Problem heute (Zeit, Geld, Kunden)?",
            "Wie dringend ist das auf einer Skala von 1 bis 5?",
        ),
        "en": (
            "Which problem do you want to solve?",
            "What does the problem cost you today (time, money, customers)?",
            "How urgent is it on a scale from 1 to 5?",
        ),
    },
    "timing": {
        "de": (
            "Bis wann soll die Lösung im Einsatz sein?",
            "Was passiert, wenn sich bis dahin nichts ändert?",
            "Gibt es einen Anlass, der den Zeitplan bestimmt (Messe, Geschäftsjahr)?",
        ),
        "en": (
            "By when should the solution be in use?",
            "What happens if nothing changes by then?",
            "Is there an event that drives the schedule (trade fair, fiscal year)?",
        ),
    },
}


def questions_for(section: str, language: str) -> tuple[str, ...]:
    """The questions for ``section`` in ``language`` ("de"/"en"); English for any other language."""
    by_language = QUESTIONS[section]
    return by_language.get(language, by_language["en"])
