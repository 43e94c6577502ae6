"""Fill leaddesk_de.ts / leaddesk_en.ts with the texts below (``make translations`` runs it after lupdate).

English needs a catalogue only for plural forms ("%n lead(s)" → "1 lead" / "2 leads"), as Qt
recommends; German gets every string.

Keeping the German words in one reviewed table means a fresh ``lupdate`` never loses them, and a
new English string shows up as "unfinished" until someone adds its translation here.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DE: dict[str, str] = {
    "LeadDesk is already open with this database (%1). Switch to that window.": "LeadDesk ist mit dieser Datenbank (%1) schon geöffnet. Bitte wechseln Sie zu diesem Fenster.",
    "LeadDesk cannot open its database.": "LeadDesk kann seine Datenbank nicht öffnen.",
    "Unexpected error while opening the database:": "Unerwarteter Fehler beim Öffnen der Datenbank:",
    "Reorder %1": "%1 umsortieren",
    "Move %1 to %2": "%1 nach %2 verschieben",
    "Edit %1": "%1 bearbeiten",
    "Follow-up %1": "Wiedervorlage %1",
    "ready for %1": "bereit für %1",
    "BANT %1/4": "BANT %1/4",
    "Search name, company, email, city, notes (Ctrl+F)": "Name, Firma, E-Mail, Ort, Notizen suchen (Strg+F)",
    "All sources": "Alle Quellen",
    "All tags": "Alle Schlagwörter",
    "All owners": "Alle Betreuer",
    "Score": "Punkte",
    "Lowest score shown": "Niedrigste angezeigte Punktzahl",
    "Highest score shown": "Höchste angezeigte Punktzahl",
    "Follow-up due": "Wiedervorlage fällig",
    "Only leads whose next follow-up is today or overdue": "Nur Leads, deren Wiedervorlage heute fällig oder überfällig ist",
    "Clear": "Zurücksetzen",
    "Clear search and filters": "Suche und Filter zurücksetzen",
    "Welcome to LeadDesk": "Willkommen bei LeadDesk",
    "Your board is empty. Leads move from left to right: Lead, MQL, SQL, Won.\nAdd your first lead, import your contacts, or try LeadDesk with demo data.": "Ihr Board ist leer. Leads wandern von links nach rechts: Lead, MQL, SQL, Gewonnen.\nLegen Sie Ihren ersten Lead an, importieren Sie Ihre Kontakte oder probieren Sie LeadDesk mit Demodaten aus.",
    "Load demo data": "Demodaten laden",
    "Import contacts…": "Kontakte importieren …",
    "New lead": "Neuer Lead",
    "Edit lead – %1": "Lead bearbeiten – %1",
    "Stage: %1 · Score: %2": "Phase: %1 · Punkte: %2",
    "Contact": "Kontakt",
    "First name": "Vorname",
    "Last name": "Nachname",
    "Company": "Firma",
    "Job title": "Position",
    "Email": "E-Mail",
    "Phone": "Telefon",
    "Mobile": "Mobil",
    "Website": "Website",
    "Company && address": "Firma && Anschrift",
    "Street": "Straße",
    "Postal code": "PLZ",
    "City": "Ort",
    "Country": "Land",
    "Industry": "Branche",
    "unknown": "unbekannt",
    "Employees": "Mitarbeiter",
    "Sales": "Vertrieb",
    "Source": "Quelle",
    "Tags": "Schlagwörter",
    "comma-separated, e.g. Messe, Premium": "durch Komma getrennt, z. B. Messe, Premium",
    "Owner": "Betreuer",
    "Expected value": "Erwarteter Wert",
    "on": "am",
    "Next follow-up": "Nächste Wiedervorlage",
    "Notes": "Notizen",
    "Consent": "Einwilligung",
    "given on": "erteilt am",
    "Consent source": "Herkunft der Einwilligung",
    "e.g. trade-fair form, website": "z. B. Messeformular, Website",
    "Purpose": "Zweck",
    "e.g. newsletter, offers": "z. B. Newsletter, Angebote",
    "Save (Ctrl+S)": "Speichern (Strg+S)",
    "Accept: move to %1": "Übernehmen: nach %1 verschieben",
    "Note: %1": "Hinweis: %1",
    "Lead changed elsewhere": "Lead wurde anderswo geändert",
    "This lead was changed elsewhere while you edited it. Your changes are not saved yet.": "Dieser Lead wurde anderswo geändert, während Sie ihn bearbeitet haben. Ihre Änderungen sind noch nicht gespeichert.",
    "Save mine over it": "Meine Änderungen trotzdem speichern",
    "Discard mine, show theirs": "Meine verwerfen, neuen Stand zeigen",
    "Keep editing": "Weiter bearbeiten",
    "Not saved": "Nicht gespeichert",
    "Unsaved changes": "Ungespeicherte Änderungen",
    "Save your changes to this lead?": "Ihre Änderungen an diesem Lead speichern?",
    "No budget": "Kein Budget",
    "No need": "Kein Bedarf",
    "Chose a competitor": "Wettbewerber gewählt",
    "No response": "Keine Rückmeldung",
    "Not reachable": "Nicht erreichbar",
    "Other": "Sonstiges",
    "&New lead…": "&Neuer Lead …",
    "&Import contacts…": "Kontakte &importieren …",
    "Load &demo data": "&Demodaten laden",
    "&Quit": "&Beenden",
    "&Undo": "&Rückgängig",
    "Undo": "Rückgängig",
    "Redo": "Wiederholen",
    "&Redo": "&Wiederholen",
    "&Search": "&Suchen",
    "&Clear filters": "Filter &zurücksetzen",
    "Show &Lost column": "Spalte &Verloren zeigen",
    "&Board": "&Board",
    "&Open lead": "Lead ö&ffnen",
    "Move to &next stage": "In &nächste Phase",
    "Move &back a stage…": "Eine Phase &zurück …",
    "Mark as &lost…": "Als &verloren markieren …",
    "&Accept score suggestion": "Punkte-Vorschlag ü&bernehmen",
    "&About LeadDesk": "Ü&ber LeadDesk",
    "&File": "&Datei",
    "&Edit": "&Bearbeiten",
    "&View": "&Ansicht",
    "&Lead": "&Lead",
    "&Tools": "&Extras",
    "&Help": "&Hilfe",
    "Main toolbar": "Hauptwerkzeugleiste",
    "%1 leads": "%1 Leads",
    "%1 of %2 leads shown": "%1 von %2 Leads angezeigt",
    "Adding demo leads…": "Demo-Leads werden angelegt …",
    "Adding demo leads… %p%": "Demo-Leads werden angelegt … %p %",
    "Cancel": "Abbrechen",
    "Demo data added": "Demodaten angelegt",
    "Demo data cancelled; nothing was added": "Demodaten abgebrochen; nichts wurde angelegt",
    "Unexpected error:": "Unerwarteter Fehler:",
    "Import contacts": "Kontakte importieren",
    "Contacts (*.csv *.vcf);;All files (*)": "Kontakte (*.csv *.vcf);;Alle Dateien (*)",
    "Importing CSV files (Outlook, Google, HubSpot …) and vCards is coming in the next version of LeadDesk. Nothing was imported.": "Der Import von CSV-Dateien (Outlook, Google, HubSpot …) und vCards kommt mit der nächsten Version von LeadDesk. Es wurde nichts importiert.",
    "About LeadDesk": "Über LeadDesk",
    "LeadDesk %1 — the offline lead desk.": "LeadDesk %1 – Ihr Lead-Schreibtisch, offline.",
    "LeadDesk is still writing. Wait for it to finish and quit?": "LeadDesk schreibt noch. Abwarten und dann beenden?",
    "Why?": "Warum?",
    "Lost leads: drop a card here, click to show the column (Ctrl+Shift+L)": "Verlorene Leads: Karte hier ablegen; ein Klick zeigt die Spalte (Strg+Umschalt+L)",
    "Why is %1 lost?": "Warum ist %1 verloren?",
    "Why does %1 go back from %2 to %3?": "Warum geht %1 von %2 zurück nach %3?",
    "Details (optional)": "Details (optional)",
    "Reason (required)": "Grund (Pflichtfeld)",
    "Lead": "Lead",
    "MQL": "MQL",
    "SQL": "SQL",
    "Won": "Gewonnen",
    "Lost": "Verloren",
}
#: Plural forms (German and English both have two: one, other).
DE_PLURAL: dict[str, tuple[str, str]] = {"%n lead(s)": ("%n Lead", "%n Leads")}
EN_PLURAL: dict[str, tuple[str, str]] = {"%n lead(s)": ("%n lead", "%n leads")}


def fill(ts_file: Path) -> list[str]:
    """Write the translations into ``ts_file``; returns source texts still missing."""
    tree = ET.parse(ts_file)
    german = (tree.getroot().get("language") or "").startswith("de")
    texts, plurals = (DE, DE_PLURAL) if german else ({}, EN_PLURAL)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes" and source in plurals:
            for child in list(translation):
                translation.remove(child)
            for form in plurals[source]:
                ET.SubElement(translation, "numerusform").text = form
            translation.attrib.pop("type", None)
        elif source in texts:
            translation.text = texts[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    # Untranslated strings are reported, not fatal: Qt shows them in English until added above.
    left = fill(Path(sys.argv[1]))
    for text in left:
        print(f"untranslated: {text!r}", file=sys.stderr)
    if left:
        print(f"{sys.argv[1]}: {len(left)} string(s) still in English", file=sys.stderr)
