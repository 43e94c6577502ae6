<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivityEditDialog</name>
    <message>
        <source>Edit activity</source>
        <translation>Aktivität bearbeiten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Wann</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>&amp;Dauer</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Ergebnis</translation>
    </message>
</context>
<context>
    <name>ActivityTimeline</name>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Kind of activity (Ctrl+L; type its first letter)</source>
        <translation>Art der Aktivität (Strg+L; Anfangsbuchstabe wählt)</translation>
    </message>
    <message>
        <source>What happened? Enter adds it</source>
        <translation>Was ist passiert? Eingabe fügt es hinzu</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>Wann es passiert ist</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;When</source>
        <translation>&amp;Wann</translation>
    </message>
    <message>
        <source>Activities are saved as soon as you add them.</source>
        <translation>Aktivitäten werden gespeichert, sobald Sie sie hinzufügen.</translation>
    </message>
    <message>
        <source>Activity not saved</source>
        <translation>Aktivität nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong in LeadDesk. Your leads are safe: every change is saved completely or not at all.

The details are in the log file:
%1</source>
        <translation>In LeadDesk ist etwas schiefgegangen. Ihre Leads sind sicher: Jede Änderung wird ganz oder gar nicht gespeichert.

Einzelheiten stehen in der Protokolldatei:
%1</translation>
    </message>
    <message>
        <source>LeadDesk is already open with this database (%1). Switch to that window.</source>
        <translation>LeadDesk ist mit dieser Datenbank (%1) schon geöffnet. Bitte wechseln Sie zu diesem Fenster.</translation>
    </message>
    <message>
        <source>Use this computer&apos;s file</source>
        <translation>Die Datei dieses Computers verwenden</translation>
    </message>
    <message>
        <source>This computer is set to use an office server. You can work in this computer&apos;s own database file instead and choose the server again in Settings → Database.</source>
        <translation>Dieser Computer ist auf einen Büro-Server eingestellt. Sie können stattdessen mit der eigenen Datenbankdatei dieses Computers arbeiten und den Server später unter Einstellungen → Datenbank wieder wählen.</translation>
    </message>
    <message>
        <source>LeadDesk cannot open its database.</source>
        <translation>LeadDesk kann seine Datenbank nicht öffnen.</translation>
    </message>
    <message>
        <source>Unexpected error while opening the database:</source>
        <translation>Unerwarteter Fehler beim Öffnen der Datenbank:</translation>
    </message>
    <message>
        <source>The backup was not restored; your database is as it was.</source>
        <translation>Die Sicherung wurde nicht wiederhergestellt; Ihre Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was half-written. The details are in LeadDesk&apos;s log file.</source>
        <translation>Etwas ist schiefgegangen; nichts wurde halb geschrieben. Einzelheiten stehen in der Protokolldatei von LeadDesk.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Data protection log</source>
        <translation>Datenschutzprotokoll</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>Noch keine Einträge.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export log</source>
        <translation>Protokoll exportieren</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>LeadDesk backs up your database once a day and before every upgrade, merge and restore, and keeps 7 daily, 4 weekly and 12 monthly copies in %1.</source>
        <translation>LeadDesk sichert Ihre Datenbank einmal am Tag sowie vor jedem Update, Zusammenführen und Wiederherstellen und bewahrt 7 tägliche, 4 wöchentliche und 12 monatliche Kopien in %1 auf.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen …</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>vor einem Update</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>vor dem Zusammenführen</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>vor dem Wiederherstellen</translation>
    </message>
    <message>
        <source>replaced by a restore</source>
        <translation>beim Wiederherstellen ersetzt</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Noch keine Sicherung.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sichere …</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Gesichert in %1</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace your database with the backup of %1? Changes made since then are no longer shown; your current database is kept beside it. LeadDesk closes and starts again.</source>
        <translation>Ihre Datenbank durch die Sicherung vom %1 ersetzen? Änderungen seitdem werden nicht mehr angezeigt; Ihre jetzige Datenbank wird daneben aufbewahrt. LeadDesk schließt und startet neu.</translation>
    </message>
    <message>
        <source>Restore and restart</source>
        <translation>Wiederherstellen und neu starten</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>LeadDesk backs up the database once a day when it starts and keeps %1 daily, %2 weekly and %3 monthly copies.</source>
        <translation>LeadDesk sichert die Datenbank einmal am Tag beim Start und behält %1 tägliche, %2 wöchentliche und %3 monatliche Kopien.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Back up or restore…</source>
        <translation>Sichern oder wiederherstellen…</translation>
    </message>
</context>
<context>
    <name>BantForm</name>
    <message>
        <source>&amp;Budget</source>
        <translation>&amp;Budget</translation>
    </message>
    <message>
        <source>&amp;Authority</source>
        <translation>&amp;Entscheider</translation>
    </message>
    <message>
        <source>&amp;Need</source>
        <translation>Be&amp;darf</translation>
    </message>
    <message>
        <source>&amp;Timing</source>
        <translation>&amp;Zeitrahmen</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>e.g. 25.000</source>
        <translation>z. B. 25.000</translation>
    </message>
    <message>
        <source>e.g. 25,000</source>
        <translation>z. B. 25.000</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>Be&amp;trag</translation>
    </message>
    <message>
        <source>Appro&amp;ved</source>
        <translation>Gene&amp;hmigt</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Contact &amp;decides</source>
        <translation>&amp;Kontakt entscheidet</translation>
    </message>
    <message>
        <source>Who else decides, and their role</source>
        <translation>Wer entscheidet noch mit, in welcher Rolle?</translation>
    </message>
    <message>
        <source>&amp;People involved</source>
        <translation>Beteiligte &amp;Personen</translation>
    </message>
    <message>
        <source>Pain points in the customer&apos;s words</source>
        <translation>Probleme in den Worten des Kunden</translation>
    </message>
    <message>
        <source>Pain po&amp;ints</source>
        <translation>Pr&amp;obleme</translation>
    </message>
    <message>
        <source>1 – low</source>
        <translation>1 – niedrig</translation>
    </message>
    <message>
        <source>5 – urgent</source>
        <translation>5 – dringend</translation>
    </message>
    <message>
        <source>P&amp;riority</source>
        <translation>Pr&amp;iorität</translation>
    </message>
    <message>
        <source>e.g. %1 or 2027-Q1</source>
        <translation>z. B. %1 oder 2027-Q1</translation>
    </message>
    <message>
        <source>Tar&amp;get</source>
        <translation>Zielter&amp;min</translation>
    </message>
    <message>
        <source>What drives the date</source>
        <translation>Was bestimmt den Termin?</translation>
    </message>
    <message>
        <source>Dri&amp;ver</source>
        <translation>&amp;Auslöser</translation>
    </message>
</context>
<context>
    <name>BantHistoryView</name>
    <message>
        <source>Edited %1</source>
        <translation>Bearbeitet %1</translation>
    </message>
    <message>
        <source>Call %1 · %2 min · %3</source>
        <translation>Anruf %1 · %2 Min. · %3</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <source>Order of the cards: %1</source>
        <translation>Reihenfolge der Karten: %1</translation>
    </message>
</context>
<context>
    <name>BoardMoves</name>
    <message>
        <source>Delete lead</source>
        <translation>Lead löschen</translation>
    </message>
    <message>
        <source>Move %1 to the trash? You can restore it from File → Trash for %2 days, or undo with Ctrl+Z.</source>
        <translation>%1 in den Papierkorb verschieben? Sie können den Lead %2 Tage lang über Datei → Papierkorb wiederherstellen oder mit Strg+Z rückgängig machen.</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>In den Papierkorb</translation>
    </message>
</context>
<context>
    <name>BoardSort</name>
    <message>
        <source>Manual order</source>
        <translation>Manuelle Reihenfolge</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Wiedervorlagedatum</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>Fit</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>faded from %1</source>
        <translation>verfallen von %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Manual · %1, %2</source>
        <translation>Manuell · %1, %2</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Counts until</source>
        <translation>Zählt bis</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>Bulk</name>
    <message>
        <source>Set follow-up</source>
        <translation>Wiedervorlage setzen</translation>
    </message>
    <message>
        <source>Next follow-up on:</source>
        <translation>Nächste Wiedervorlage am:</translation>
    </message>
    <message>
        <source>No follow-up</source>
        <translation>Keine Wiedervorlage</translation>
    </message>
    <message>
        <source>Move to stage</source>
        <translation>In Phase verschieben</translation>
    </message>
    <message>
        <source>Set owner…</source>
        <translation>Betreuer setzen …</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>Schlagwort hinzufügen…</translation>
    </message>
    <message>
        <source>Remove tag…</source>
        <translation>Schlagwort entfernen …</translation>
    </message>
    <message>
        <source>Set follow-up…</source>
        <translation>Wiedervorlage setzen …</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Auswahl exportieren …</translation>
    </message>
    <message>
        <source>Delete selection…</source>
        <translation>Auswahl löschen …</translation>
    </message>
    <message>
        <source>Nothing to change: the selected leads have that already.</source>
        <translation>Nichts zu ändern: Die ausgewählten Leads haben das schon.</translation>
    </message>
    <message>
        <source>Change stage</source>
        <translation>Phase ändern</translation>
    </message>
    <message>
        <source>Set owner</source>
        <translation>Betreuer setzen</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Schlagwort hinzufügen</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Schlagwort entfernen</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>Schlagwort:</translation>
    </message>
    <message>
        <source>Clear follow-up</source>
        <translation>Wiedervorlage entfernen</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Schlagwort umbenennen</translation>
    </message>
    <message>
        <source>Delete leads</source>
        <translation>Leads löschen</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Lead</numerusform>
            <numerusform>%n Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to %1?</source>
        <translation>
            <numerusform>%n Lead nach %1 verschieben?</numerusform>
            <numerusform>%n Leads nach %1 verschieben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s)</source>
        <translation>
            <numerusform>%n Lead verschieben</numerusform>
            <numerusform>%n Leads verschieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to %1</source>
        <translation>
            <numerusform>%n Lead nach %1 verschoben</numerusform>
            <numerusform>%n Leads nach %1 verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Owner of %n lead(s):</source>
        <translation>
            <numerusform>Betreuer von %n Lead:</numerusform>
            <numerusform>Betreuer von %n Leads:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give %n lead(s) to %1?</source>
        <translation>
            <numerusform>%n Lead an %1 übergeben?</numerusform>
            <numerusform>%n Leads an %1 übergeben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set owner of %n lead(s)</source>
        <translation>
            <numerusform>Betreuer von %n Lead setzen</numerusform>
            <numerusform>Betreuer von %n Leads setzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Owner of %n lead(s): %1</source>
        <translation>
            <numerusform>Betreuer von %n Lead: %1</numerusform>
            <numerusform>Betreuer von %n Leads: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add the tag %1 to %n lead(s)?</source>
        <translation>
            <numerusform>Schlagwort %1 zu %n Lead hinzufügen?</numerusform>
            <numerusform>Schlagwort %1 zu %n Leads hinzufügen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the tag %1 from %n lead(s)?</source>
        <translation>
            <numerusform>Schlagwort %1 von %n Lead entfernen?</numerusform>
            <numerusform>Schlagwort %1 von %n Leads entfernen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 added to %n lead(s)</source>
        <translation>
            <numerusform>Schlagwort %1 zu %n Lead hinzugefügt</numerusform>
            <numerusform>Schlagwort %1 zu %n Leads hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 removed from %n lead(s)</source>
        <translation>
            <numerusform>Schlagwort %1 von %n Lead entfernt</numerusform>
            <numerusform>Schlagwort %1 von %n Leads entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the next follow-up of %n lead(s)? Each one&apos;s next open task is marked done.</source>
        <translation>
            <numerusform>Nächste Wiedervorlage von %n Lead entfernen? Die nächste offene Aufgabe wird als erledigt markiert.</numerusform>
            <numerusform>Nächste Wiedervorlage von %n Leads entfernen? Bei jedem wird die nächste offene Aufgabe als erledigt markiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-up of %n lead(s) cleared</source>
        <translation>
            <numerusform>Wiedervorlage von %n Lead entfernt</numerusform>
            <numerusform>Wiedervorlage von %n Leads entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set the next follow-up of %n lead(s) to %1?</source>
        <translation>
            <numerusform>Nächste Wiedervorlage von %n Lead auf %1 setzen?</numerusform>
            <numerusform>Nächste Wiedervorlage von %n Leads auf %1 setzen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-up of %n lead(s) on %1</source>
        <translation>
            <numerusform>Wiedervorlage von %n Lead am %1</numerusform>
            <numerusform>Wiedervorlage von %n Leads am %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rename the tag %1 to %2 on %n lead(s)?</source>
        <translation>
            <numerusform>Schlagwort %1 bei %n Lead in %2 umbenennen?</numerusform>
            <numerusform>Schlagwort %1 bei %n Leads in %2 umbenennen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 renamed to %2 on %n lead(s)</source>
        <translation>
            <numerusform>Schlagwort %1 bei %n Lead in %2 umbenannt</numerusform>
            <numerusform>Schlagwort %1 bei %n Leads in %2 umbenannt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to the trash? You can restore them from File → Trash for %1 days, or undo with Ctrl+Z.</source>
        <translation>
            <numerusform>%n Lead in den Papierkorb verschieben? Sie können ihn %1 Tage lang unter Datei → Papierkorb wiederherstellen oder mit Strg+Z rückgängig machen.</numerusform>
            <numerusform>%n Leads in den Papierkorb verschieben? Sie können sie %1 Tage lang unter Datei → Papierkorb wiederherstellen oder mit Strg+Z rückgängig machen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to trash</source>
        <translation>
            <numerusform>%n Lead in den Papierkorb</numerusform>
            <numerusform>%n Leads in den Papierkorb</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallResultDialog</name>
    <message>
        <source>Call logged</source>
        <translation>Anruf erfasst</translation>
    </message>
    <message>
        <source>Call logged: %1, %2.</source>
        <translation>Anruf erfasst: %1, %2.</translation>
    </message>
    <message>
        <source>BANT: %1 of 4 confirmed; fields changed in this call: %2.</source>
        <translation>BANT: %1 von 4 bestätigt; in diesem Gespräch geänderte Felder: %2.</translation>
    </message>
    <message>
        <source>Follow-up “%1” due %2.</source>
        <translation>Wiedervorlage „%1“ fällig %2.</translation>
    </message>
    <message>
        <source>The qualification rule is met: move this lead to &lt;b&gt;SQL&lt;/b&gt;?</source>
        <translation>Die Qualifizierungsregel ist erfüllt: Diesen Lead nach &lt;b&gt;SQL&lt;/b&gt; verschieben?</translation>
    </message>
    <message>
        <source>Move to &amp;SQL</source>
        <translation>Nach &amp;SQL verschieben</translation>
    </message>
    <message>
        <source>A section does not fit: mark this lead as &lt;b&gt;Lost&lt;/b&gt;?</source>
        <translation>Ein Abschnitt passt nicht: Diesen Lead als &lt;b&gt;Verloren&lt;/b&gt; markieren?</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <source>Mark as &amp;Lost</source>
        <translation>Als &amp;verloren markieren</translation>
    </message>
    <message>
        <source>&amp;Keep stage</source>
        <translation>Phase &amp;behalten</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <source>Discovery call — %1</source>
        <translation>Erstgespräch – %1</translation>
    </message>
    <message>
        <source>Anything else said in the call</source>
        <translation>Was sonst noch im Gespräch gesagt wurde</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>Gesprächsdauer</translation>
    </message>
    <message>
        <source>&amp;End call…</source>
        <translation>&amp;Gespräch beenden …</translation>
    </message>
    <message>
        <source>End the call (Ctrl+Enter)</source>
        <translation>Gespräch beenden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Ctrl+1…4: sections · Tab: next field · first letter picks a status · Ctrl+Enter: end call</source>
        <translation>Strg+1…4: Abschnitte · Tab: nächstes Feld · Anfangsbuchstabe wählt den Status · Strg+Eingabe: Gespräch beenden</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>Letzte Aktivitäten</translation>
    </message>
    <message>
        <source>Ca&amp;ll notes (Ctrl+5)</source>
        <translation>Gesprächs&amp;notizen (Strg+5)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — meets the qualification rule: suggests &lt;b&gt;SQL&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1/4 bestätigt&lt;/b&gt; – erfüllt die Qualifizierungsregel: Vorschlag &lt;b&gt;SQL&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — does not fit: %2 (suggests Lost)</source>
        <translation>&lt;b&gt;%1/4 bestätigt&lt;/b&gt; – passt nicht: %2 (Vorschlag: Verloren)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — does not fit: %2</source>
        <translation>&lt;b&gt;%1/4 bestätigt&lt;/b&gt; – passt nicht: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — still open: %2</source>
        <translation>&lt;b&gt;%1/4 bestätigt&lt;/b&gt; – noch offen: %2</translation>
    </message>
    <message>
        <source>Draft not saved: %1</source>
        <translation>Entwurf nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>Entwurf gespeichert %1</translation>
    </message>
    <message>
        <source>Please fix: %1</source>
        <translation>Bitte korrigieren: %1</translation>
    </message>
    <message>
        <source>Discovery call — BANT %1/4</source>
        <translation>Erstgespräch – BANT %1/4</translation>
    </message>
    <message>
        <source>Call not saved</source>
        <translation>Gespräch nicht gespeichert</translation>
    </message>
    <message>
        <source>Stage not changed</source>
        <translation>Phase nicht geändert</translation>
    </message>
    <message>
        <source>Start &amp;discovery call</source>
        <translation>&amp;Erstgespräch beginnen</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>Follow-up %1</source>
        <translation>Wiedervorlage %1</translation>
    </message>
    <message>
        <source>ready for %1</source>
        <translation>bereit für %1</translation>
    </message>
    <message>
        <source>do not contact</source>
        <translation>nicht kontaktieren</translation>
    </message>
    <message>
        <source>BANT %1/4</source>
        <translation>BANT %1/4</translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Firma:</translation>
    </message>
    <message>
        <source>&amp;Job title:</source>
        <translation>&amp;Position:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Te&amp;lefon:</translation>
    </message>
    <message>
        <source>Mo&amp;bile:</source>
        <translation>Mo&amp;bil:</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>&amp;Straße:</translation>
    </message>
    <message>
        <source>Postal co&amp;de:</source>
        <translation>PL&amp;Z:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>Or&amp;t:</translation>
    </message>
    <message>
        <source>Co&amp;untry:</source>
        <translation>L&amp;and:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>Not&amp;izen:</translation>
    </message>
    <message>
        <source>interested in …, call back after the fair</source>
        <translation>interessiert an …, nach der Messe zurückrufen</translation>
    </message>
    <message>
        <source>Save &amp;&amp; next (Enter)</source>
        <translation>Speichern &amp;&amp; weiter (Eingabe)</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>Leeren (Esc)</translation>
    </message>
    <message>
        <source>Restore cleared card (Alt+R)</source>
        <translation>Geleerte Karte zurückholen (Alt+R)</translation>
    </message>
    <message>
        <source>This is not a valid email address.</source>
        <translation>Das ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The email address looks wrong; please check it.</source>
        <translation>Die E-Mail-Adresse sieht falsch aus; bitte prüfen.</translation>
    </message>
    <message>
        <source>Cannot read this as a phone number; it is saved as typed.</source>
        <translation>Keine lesbare Telefonnummer; sie wird wie eingegeben gespeichert.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a phone number; it will be saved as typed.</source>
        <translation>%1 ist keine lesbare Telefonnummer; sie wird wie eingegeben gespeichert.</translation>
    </message>
    <message>
        <source>A card needs a name or a company.</source>
        <translation>Eine Karte braucht einen Namen oder eine Firma.</translation>
    </message>
    <message>
        <source>Someone changed this lead meanwhile; nothing was saved. Press Esc and open it again.</source>
        <translation>Jemand hat diesen Lead inzwischen geändert; nichts wurde gespeichert. Drücken Sie Esc und öffnen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>city</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>CardPicture</name>
    <message>
        <source>Card picture</source>
        <translation>Kartenbild</translation>
    </message>
    <message>
        <source>Read card picture… (Ctrl+O)</source>
        <translation>Kartenbild lesen … (Strg+O)</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>Bild entfernen</translation>
    </message>
    <message>
        <source>Drop a photo or scan of the card here
or press Ctrl+O</source>
        <translation>Foto oder Scan der Karte hier ablegen
oder Strg+O drücken</translation>
    </message>
    <message>
        <source>Reading the card …</source>
        <translation>Karte wird gelesen …</translation>
    </message>
    <message>
        <source>No text found on the picture; please type the card. It is kept with the lead.</source>
        <translation>Kein Text auf dem Bild gefunden; bitte tippen Sie die Karte ab. Das Bild bleibt beim Lead.</translation>
    </message>
    <message>
        <source>Read from the QR code — fields taken exactly. Check and press Enter.</source>
        <translation>Aus dem QR-Code gelesen – Felder exakt übernommen. Prüfen und Eingabe drücken.</translation>
    </message>
    <message>
        <source>Read by text recognition — please check every field, then press Enter.</source>
        <translation>Per Texterkennung gelesen – bitte jedes Feld prüfen, dann Eingabe drücken.</translation>
    </message>
    <message>
        <source>Kept what you typed in: %1.</source>
        <translation>Ihre Eingaben behalten: %1.</translation>
    </message>
    <message>
        <source>Text recognition is not installed, so only QR codes can be read. Install the packages: %1 (e.g. sudo apt install %1). The picture is kept with the lead — type the card from it.</source>
        <translation>Die Texterkennung ist nicht installiert, daher können nur QR-Codes gelesen werden. Installieren Sie die Pakete: %1 (z. B. sudo apt install %1). Das Bild bleibt beim Lead – tippen Sie die Karte davon ab.</translation>
    </message>
    <message>
        <source>The picture could not be read: %1</source>
        <translation>Das Bild konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>… and more problems: %1 (use --dry-run to review the file)</source>
        <translation>… und weitere Probleme: %1 (mit --dry-run die Datei prüfen)</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>, field %1</source>
        <translation>, Feld %1</translation>
    </message>
    <message>
        <source>same %1 as lead %2</source>
        <translation>%1 wie bei Lead %2</translation>
    </message>
    <message>
        <source>repeats %1, line %2</source>
        <translation>wiederholt %1, Zeile %2</translation>
    </message>
    <message>
        <source>%1, line %2: duplicate (%3) %4</source>
        <translation>%1, Zeile %2: Dublette (%3) %4</translation>
    </message>
    <message>
        <source>new: %1, duplicates: %2, errors: %3</source>
        <translation>neu: %1, Dubletten: %2, Fehler: %3</translation>
    </message>
    <message>
        <source>dry run: %1; nothing was changed</source>
        <translation>Prüfung: %1; nichts wurde geändert</translation>
    </message>
    <message>
        <source>records with errors: %1; nothing was imported (fix them, or import the others with --skip-errors)</source>
        <translation>Datensätze mit Fehlern: %1; nichts wurde importiert (korrigieren Sie sie oder importieren Sie die übrigen mit --skip-errors)</translation>
    </message>
    <message>
        <source>kept existing value: %1</source>
        <translation>vorhandener Wert behalten: %1</translation>
    </message>
    <message>
        <source>import %1: %2 new, %3 updated, %4 unchanged (already up to date), %5 skipped, %6 with errors (undo: leaddesk undo-import %1)</source>
        <translation>Import %1: neu: %2, aktualisiert: %3, unverändert (schon aktuell): %4, übersprungen: %5, mit Fehlern: %6 (rückgängig: leaddesk undo-import %1)</translation>
    </message>
    <message>
        <source>import %1: %2 new, %3 updated, %5 skipped, %6 with errors (undo: leaddesk undo-import %1)</source>
        <translation>Import %1: neu: %2, aktualisiert: %3, übersprungen: %5, mit Fehlern: %6 (rückgängig: leaddesk undo-import %1)</translation>
    </message>
    <message>
        <source>leads changed after the dry run; rows checked again and imported otherwise: %1</source>
        <translation>seit der Prüfung haben sich Leads geändert; erneut geprüft und anders importiert: %1</translation>
    </message>
    <message>
        <source>%1 (%2): new: %3, duplicates: %4, refused: %5</source>
        <translation>%1 (%2): neu: %3, Dubletten: %4, abgelehnt: %5</translation>
    </message>
    <message>
        <source>columns mapped: %1</source>
        <translation>zugeordnete Spalten: %1</translation>
    </message>
    <message>
        <source>columns kept in the notes: %1</source>
        <translation>in den Notizen behaltene Spalten: %1</translation>
    </message>
    <message>
        <source>columns not imported: %1</source>
        <translation>nicht importierte Spalten: %1</translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message>
        <source>Order of the cards</source>
        <translation>Reihenfolge der Karten</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Lead</numerusform>
            <numerusform>%n Leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Reorder %1</source>
        <translation>%1 umsortieren</translation>
    </message>
    <message>
        <source>Move %1 to %2</source>
        <translation>%1 nach %2 verschieben</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
</context>
<context>
    <name>ConsentTab</name>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>The exact wording the person agreed to</source>
        <translation>Der genaue Wortlaut, dem die Person zugestimmt hat</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>Zweck:</translation>
    </message>
    <message>
        <source>Wording:</source>
        <translation>Wortlaut:</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Withdrawn on %1</source>
        <translation>Widerrufen am %1</translation>
    </message>
    <message>
        <source>Given on %1</source>
        <translation>Erteilt am %1</translation>
    </message>
    <message>
        <source>No consent</source>
        <translation>Keine Einwilligung</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
</context>
<context>
    <name>DamageBanner</name>
    <message>
        <source>This database is damaged, so LeadDesk opened it read-only: you can look and export, but not change anything. Restore a backup to work on.</source>
        <translation>Diese Datenbank ist beschädigt, deshalb hat LeadDesk sie schreibgeschützt geöffnet: Sie können ansehen und exportieren, aber nichts ändern. Stellen Sie eine Sicherung wieder her, um weiterzuarbeiten.</translation>
    </message>
    <message>
        <source>Restore the newest good backup…</source>
        <translation>Neueste intakte Sicherung wiederherstellen …</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>All your leads are in one database file in this folder. Copy the whole folder to move LeadDesk to another computer.</source>
        <translation>Alle Ihre Leads liegen in einer Datenbankdatei in diesem Ordner. Kopieren Sie den ganzen Ordner, um LeadDesk auf einen anderen Computer umzuziehen.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Verwendete Datenbank</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Office server (PostgreSQL)</source>
        <translation>Büro-Server (PostgreSQL)</translation>
    </message>
    <message>
        <source>Colleagues share one database on a PostgreSQL server; the README&apos;s section “An office server in ten minutes” sets one up. The password is kept in the system&apos;s keyring, never in LeadDesk&apos;s files.</source>
        <translation>Kolleginnen und Kollegen teilen eine Datenbank auf einem PostgreSQL-Server; der Abschnitt „An office server in ten minutes“ der README richtet ihn ein. Das Passwort liegt im Schlüsselbund des Systems, nie in den Dateien von LeadDesk.</translation>
    </message>
    <message>
        <source>e.g. server.office.local</source>
        <translation>z. B. server.buero.local</translation>
    </message>
    <message>
        <source>stored in the keyring</source>
        <translation>wird im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Encrypted connection (required)</source>
        <translation>Verschlüsselte Verbindung (erforderlich)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>Datenbankname</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Use this server</source>
        <translation>Diesen Server &amp;verwenden</translation>
    </message>
    <message>
        <source>Use this computer&apos;s &amp;file</source>
        <translation>&amp;Datei dieses Computers verwenden</translation>
    </message>
    <message>
        <source>LEADDESK_DATABASE_URL decides which database LeadDesk opens here.</source>
        <translation>LEADDESK_DATABASE_URL bestimmt, welche Datenbank LeadDesk hier öffnet.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Not usable yet: %1</source>
        <translation>Noch nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>LeadDesk opens %1 when it starts next. The leads in this computer&apos;s file stay there (leaddesk migrate-to copies them to an empty server).</source>
        <translation>LeadDesk öffnet beim nächsten Start %1. Die Leads in der Datei dieses Computers bleiben dort (leaddesk migrate-to kopiert sie auf einen leeren Server).</translation>
    </message>
    <message>
        <source>LeadDesk opens this computer&apos;s file when it starts next: %1</source>
        <translation>LeadDesk öffnet beim nächsten Start die Datei dieses Computers: %1</translation>
    </message>
</context>
<context>
    <name>DefaultRule</name>
    <message>
        <source>Decision maker (Geschäftsführer, Inhaber, Leiter …)</source>
        <translation>Entscheider (Geschäftsführer, Inhaber, Leiter …)</translation>
    </message>
    <message>
        <source>Company size 10–249 (Mittelstand)</source>
        <translation>Firmengröße 10–249 (Mittelstand)</translation>
    </message>
    <message>
        <source>Target industry</source>
        <translation>Zielbranche</translation>
    </message>
    <message>
        <source>German-speaking country</source>
        <translation>Deutschsprachiges Land</translation>
    </message>
    <message>
        <source>Free-mail address</source>
        <translation>Freemail-Adresse</translation>
    </message>
    <message>
        <source>Student or intern</source>
        <translation>Student oder Praktikant</translation>
    </message>
    <message>
        <source>Whitepaper / content download</source>
        <translation>Whitepaper / Download von Inhalten</translation>
    </message>
    <message>
        <source>Webinar attended</source>
        <translation>Webinar besucht</translation>
    </message>
    <message>
        <source>Visited our trade-fair booth</source>
        <translation>Messestand besucht</translation>
    </message>
    <message>
        <source>Asked for a quote</source>
        <translation>Angebot angefragt</translation>
    </message>
    <message>
        <source>Three or more contacts in 30 days</source>
        <translation>Drei oder mehr Kontakte in 30 Tagen</translation>
    </message>
</context>
<context>
    <name>DemoLoader</name>
    <message>
        <source>Load demo data</source>
        <translation>Demodaten laden</translation>
    </message>
    <message>
        <source>Add %1 made-up demo leads to your %2 leads? They are one import: File → Past imports can take them all back.</source>
        <translation>%1 erfundene Demo-Leads zu Ihren %2 Leads hinzufügen? Sie sind ein Import: Datei → Frühere Importe kann sie alle zurücknehmen.</translation>
    </message>
    <message>
        <source>Add demo leads</source>
        <translation>Demo-Leads hinzufügen</translation>
    </message>
    <message>
        <source>Adding demo leads… %p%</source>
        <translation>Demo-Leads werden angelegt … %p %</translation>
    </message>
    <message>
        <source>Demo data added</source>
        <translation>Demodaten angelegt</translation>
    </message>
    <message>
        <source>Demo data cancelled; nothing was added</source>
        <translation>Demodaten abgebrochen; nichts wurde angelegt</translation>
    </message>
    <message>
        <source>Unexpected error:</source>
        <translation>Unerwarteter Fehler:</translation>
    </message>
</context>
<context>
    <name>DraftRecoveryDialog</name>
    <message>
        <source>Unfinished calls</source>
        <translation>Nicht beendete Gespräche</translation>
    </message>
    <message>
        <source>These discovery calls were not ended — LeadDesk kept everything you typed.</source>
        <translation>Diese Erstgespräche wurden nicht beendet – LeadDesk hat alles aufbewahrt, was Sie eingegeben haben.</translation>
    </message>
    <message>
        <source>%1 — last saved %2, %3 min</source>
        <translation>%1 – zuletzt gespeichert %2, %3 Min.</translation>
    </message>
    <message>
        <source>&amp;Resume call</source>
        <translation>Gespräch &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen …</translation>
    </message>
    <message>
        <source>Discard call notes</source>
        <translation>Gesprächsnotizen verwerfen</translation>
    </message>
    <message>
        <source>Throw away the unsaved notes and BANT answers of the call with %1? This cannot be undone.</source>
        <translation>Die nicht gespeicherten Notizen und BANT-Antworten des Gesprächs mit %1 verwerfen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Discard notes</source>
        <translation>Notizen verwerfen</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Später</translation>
    </message>
</context>
<context>
    <name>DuplicateFinder</name>
    <message>
        <source>Find duplicates</source>
        <translation>Dubletten finden</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Suche nach Dubletten …</translation>
    </message>
    <message>
        <source>Also show &amp;possible duplicates</source>
        <translation>Auch &amp;mögliche Dubletten zeigen</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen …</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message numerus="yes">
        <source>%n likely duplicate pair(s)</source>
        <translation>
            <numerusform>%n wahrscheinliches Dublettenpaar</numerusform>
            <numerusform>%n wahrscheinliche Dublettenpaare</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged #%1 into #%2.</source>
        <translation>#%1 mit #%2 zusammengeführt.</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>Open existing (Alt+O)</source>
        <translation>Vorhandenen öffnen (Alt+O)</translation>
    </message>
    <message>
        <source>Merge into existing (Alt+M)</source>
        <translation>In vorhandenen übernehmen (Alt+M)</translation>
    </message>
    <message>
        <source>Keep both (Alt+K)</source>
        <translation>Beide behalten (Alt+K)</translation>
    </message>
    <message>
        <source>same email address</source>
        <translation>gleiche E-Mail-Adresse</translation>
    </message>
    <message>
        <source>same phone number</source>
        <translation>gleiche Telefonnummer</translation>
    </message>
    <message>
        <source>similar name and company</source>
        <translation>ähnlicher Name und Firma</translation>
    </message>
    <message>
        <source>&lt;b&gt;Possible duplicate&lt;/b&gt; — this card may already be a lead:</source>
        <translation>&lt;b&gt;Mögliche Dublette&lt;/b&gt; – diese Karte ist vielleicht schon ein Lead:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Similar lead&lt;/b&gt; — check before saving:</source>
        <translation>&lt;b&gt;Ähnlicher Lead&lt;/b&gt; – vor dem Speichern prüfen:</translation>
    </message>
    <message>
        <source>Merge card</source>
        <translation>Karte übernehmen</translation>
    </message>
    <message>
        <source>%1 already has other values:</source>
        <translation>%1 hat schon andere Werte:</translation>
    </message>
    <message>
        <source>Keep the lead&apos;s values</source>
        <translation>Werte des Leads behalten</translation>
    </message>
    <message>
        <source>Use the card&apos;s values</source>
        <translation>Werte der Karte übernehmen</translation>
    </message>
</context>
<context>
    <name>EndCallDialog</name>
    <message>
        <source>End call</source>
        <translation>Gespräch beenden</translation>
    </message>
    <message>
        <source>Call duration: %1</source>
        <translation>Gesprächsdauer: %1</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Qualified</source>
        <translation>&amp;Qualifiziert</translation>
    </message>
    <message>
        <source>Needs &amp;follow-up</source>
        <translation>&amp;Wiedervorlage nötig</translation>
    </message>
    <message>
        <source>&amp;Disqualified</source>
        <translation>&amp;Disqualifiziert</translation>
    </message>
    <message>
        <source>Not &amp;reached</source>
        <translation>&amp;Nicht erreicht</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otizen</translation>
    </message>
    <message>
        <source>&amp;Next step: follow-up</source>
        <translation>Nächster &amp;Schritt: Wiedervorlage</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>W&amp;as</translation>
    </message>
    <message>
        <source>&amp;at</source>
        <translation>&amp;um</translation>
    </message>
    <message>
        <source>D&amp;ue</source>
        <translation>&amp;Fällig</translation>
    </message>
    <message>
        <source>&amp;End call</source>
        <translation>Gespräch &amp;beenden</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export leads</source>
        <translation>Leads exportieren</translation>
    </message>
    <message>
        <source>CSV for Excel (German columns, semicolons)</source>
        <translation>CSV für Excel (deutsche Spalten, Semikolon)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (UTF-8, comma, LeadDesk columns)</source>
        <translation>CSV (UTF-8, Komma, LeadDesk-Spalten)</translation>
    </message>
    <message>
        <source>vCard 4.0</source>
        <translation>vCard 4.0</translation>
    </message>
    <message>
        <source>vCard 3.0 (older address books)</source>
        <translation>vCard 3.0 (ältere Adressbücher)</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;All leads</source>
        <translation>&amp;Alle Leads</translation>
    </message>
    <message>
        <source>Leads of the current &amp;filter</source>
        <translation>Leads des aktuellen Fi&amp;lters</translation>
    </message>
    <message>
        <source>Leads:</source>
        <translation>Leads:</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>Aus&amp;wählen …</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>Wählen Sie die Zieldatei.</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>Abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) exported to %1.</source>
        <translation>
            <numerusform>%n Lead nach %1 exportiert.</numerusform>
            <numerusform>%n Leads nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>FairDayBox</name>
    <message>
        <source>Fair day (kept for every card)</source>
        <translation>Messetag (gilt für jede Karte)</translation>
    </message>
    <message>
        <source>e.g. Messe Stuttgart 2026</source>
        <translation>z. B. Messe Stuttgart 2026</translation>
    </message>
    <message>
        <source>comma-separated, e.g. Halle 4, Maschinenbau</source>
        <translation>durch Komma getrennt, z. B. Halle 4, Maschinenbau</translation>
    </message>
    <message>
        <source>E&amp;vent / source:</source>
        <translation>Veranstaltung / &amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>Schla&amp;gwörter:</translation>
    </message>
    <message>
        <source>Today at this event: %1 · this session: %2</source>
        <translation>Heute auf dieser Veranstaltung: %1 · in dieser Sitzung: %2</translation>
    </message>
    <message>
        <source>This session: %2</source>
        <translation>In dieser Sitzung: %2</translation>
    </message>
</context>
<context>
    <name>Features</name>
    <message>
        <source>&amp;Quick entry (trade fair)…</source>
        <translation>&amp;Schnellerfassung (Messe) …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Past &amp;imports…</source>
        <translation>&amp;Frühere Importe …</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Sicherungen …</translation>
    </message>
    <message>
        <source>&amp;Merge another LeadDesk database…</source>
        <translation>Andere LeadDesk-Datenbank &amp;zusammenführen …</translation>
    </message>
    <message>
        <source>&amp;Follow-ups due…</source>
        <translation>&amp;Wiedervorlagen fällig …</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>&amp;Duplikate finden …</translation>
    </message>
    <message>
        <source>&amp;Scoring rules…</source>
        <translation>&amp;Punkteregeln …</translation>
    </message>
    <message>
        <source>&amp;Qualification rule…</source>
        <translation>&amp;Qualifizierungsregel …</translation>
    </message>
    <message>
        <source>Start &amp;discovery call</source>
        <translation>&amp;Erstgespräch beginnen</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Fällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
    <message>
        <source>BANT</source>
        <translation>BANT</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>FieldLabel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Within days</source>
        <translation>Innerhalb von Tagen</translation>
    </message>
    <message>
        <source>Fading</source>
        <translation>Verfall</translation>
    </message>
    <message>
        <source>Fading days</source>
        <translation>Verfall in Tagen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>MQL threshold</source>
        <translation>MQL-Schwelle</translation>
    </message>
    <message>
        <source>SQL threshold</source>
        <translation>SQL-Schwelle</translation>
    </message>
    <message>
        <source>Fit cap</source>
        <translation>Profil-Obergrenze</translation>
    </message>
    <message>
        <source>Engagement cap</source>
        <translation>Engagement-Obergrenze</translation>
    </message>
    <message>
        <source>Lowest total</source>
        <translation>Niedrigste Summe</translation>
    </message>
    <message>
        <source>Highest total</source>
        <translation>Höchste Summe</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Score suggestion</source>
        <translation>Punktevorschlag</translation>
    </message>
    <message>
        <source>Required sections</source>
        <translation>Pflichtabschnitte</translation>
    </message>
    <message>
        <source>Other sections</source>
        <translation>Weitere Abschnitte</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search name, company, email, city, notes (Ctrl+F)</source>
        <translation>Name, Firma, E-Mail, Ort, Notizen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle Betreuer</translation>
    </message>
    <message>
        <source>&amp;My leads</source>
        <translation>&amp;Meine Leads</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Lowest score shown</source>
        <translation>Niedrigste angezeigte Punktzahl</translation>
    </message>
    <message>
        <source>Highest score shown</source>
        <translation>Höchste angezeigte Punktzahl</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Wiedervorlage fällig</translation>
    </message>
    <message>
        <source>Any follow-up</source>
        <translation>Jede Wiedervorlage</translation>
    </message>
    <message>
        <source>No follow-up</source>
        <translation>Ohne Wiedervorlage</translation>
    </message>
    <message>
        <source>Only leads whose next follow-up is today or overdue</source>
        <translation>Nur Leads, deren Wiedervorlage heute fällig oder überfällig ist</translation>
    </message>
    <message>
        <source>Only leads without an open follow-up</source>
        <translation>Nur Leads ohne offene Wiedervorlage</translation>
    </message>
    <message>
        <source>The board shows only the leads chosen in a report. Click to show all.</source>
        <translation>Die Tafel zeigt nur die in einem Bericht gewählten Leads. Klicken, um alle zu zeigen.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message numerus="yes">
        <source>Report: %1 (%Ln lead(s)) ✕</source>
        <translation>
            <numerusform>Bericht: %1 (%Ln Lead) ✕</numerusform>
            <numerusform>Bericht: %1 (%Ln Leads) ✕</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the leads owned by %1 (%2)</source>
        <translation>Nur die Leads von %1 (%2)</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to LeadDesk</source>
        <translation>Willkommen bei LeadDesk</translation>
    </message>
    <message>
        <source>Your board is empty. Leads move from left to right: Lead, MQL, SQL, Won.
Add your first lead, import your contacts, or try LeadDesk with demo data.</source>
        <translation>Ihr Board ist leer. Leads wandern von links nach rechts: Lead, MQL, SQL, Gewonnen.
Legen Sie Ihren ersten Lead an, importieren Sie Ihre Kontakte oder probieren Sie LeadDesk mit Demodaten aus.</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>Demodaten laden</translation>
    </message>
    <message>
        <source>Import contacts…</source>
        <translation>Kontakte importieren …</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>Neuer Lead</translation>
    </message>
</context>
<context>
    <name>FollowUpList</name>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>&amp;Done (Ctrl+D)</source>
        <translation>&amp;Erledigt (Strg+D)</translation>
    </message>
    <message>
        <source>Next &amp;working day (Ctrl+T)</source>
        <translation>Nächster &amp;Werktag (Strg+T)</translation>
    </message>
    <message>
        <source>&amp;Reschedule… (Ctrl+R)</source>
        <translation>&amp;Verschieben … (Strg+R)</translation>
    </message>
    <message>
        <source>&amp;Open lead (Enter)</source>
        <translation>Lead ö&amp;ffnen (Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Close (Esc)</source>
        <translation>&amp;Schließen (Esc)</translation>
    </message>
    <message>
        <source>Due today / overdue: %1 (%2 overdue)</source>
        <translation>Heute fällig / überfällig: %1 (%2 überfällig)</translation>
    </message>
    <message>
        <source>No follow-ups due. Well done.</source>
        <translation>Keine Wiedervorlagen fällig. Gut gemacht!</translation>
    </message>
    <message>
        <source>Follow-ups due today: %1 · overdue: %2</source>
        <translation>Heute fällige Wiedervorlagen: %1 · überfällig: %2</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;Show list</source>
        <translation>Liste &amp;anzeigen</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Default follow-up</source>
        <translation>Standard-Wiedervorlage</translation>
    </message>
    <message>
        <source>How far ahead a new follow-up is proposed.</source>
        <translation>Wie weit im Voraus eine neue Wiedervorlage vorgeschlagen wird.</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Arbeitstage</translation>
    </message>
    <message>
        <source>Follow-ups moved to “the next working day” skip the other days.</source>
        <translation>Wiedervorlagen, die auf „den nächsten Arbeitstag“ verschoben werden, überspringen die anderen Tage.</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> Arbeitstage</translation>
    </message>
    <message>
        <source>Handover threshold</source>
        <translation>Übergabefrist</translation>
    </message>
    <message>
        <source>Reports flag an MQL that waits longer for its first sales activity.</source>
        <translation>Berichte markieren einen MQL, der länger auf die erste Vertriebsaktivität wartet.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Home currency</source>
        <translation>Hauswährung</translation>
    </message>
    <message>
        <source>The currency of new leads.</source>
        <translation>Die Währung neuer Leads.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Where your day begins: what is due today, and every date shown.</source>
        <translation>Wo Ihr Tag beginnt: was heute fällig ist, und jedes angezeigte Datum.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language takes effect when LeadDesk starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von LeadDesk.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Open the selected lead</source>
        <translation>Den ausgewählten Lead öffnen</translation>
    </message>
    <message>
        <source>Move between cards and columns</source>
        <translation>Zwischen Karten und Spalten wechseln</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel zeigen</translation>
    </message>
    <message>
        <source>Your data is in %1</source>
        <translation>Ihre Daten liegen in %1</translation>
    </message>
    <message>
        <source>LeadDesk %1 — the offline lead desk.</source>
        <translation>LeadDesk %1 – Ihr Lead-Schreibtisch, offline.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>Created with LeadDesk %1</source>
        <translation>Angelegt mit LeadDesk %1</translation>
    </message>
    <message>
        <source>About LeadDesk</source>
        <translation>Über LeadDesk</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Where is my data?</source>
        <translation>&amp;Wo sind meine Daten?</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>Past imports</source>
        <translation>Frühere Importe</translation>
    </message>
    <message>
        <source>&amp;Undo import…</source>
        <translation>Import &amp;rückgängig machen …</translation>
    </message>
    <message>
        <source>Undo, &amp;keep edited leads</source>
        <translation>Rückgängig, bearbeitete Leads &amp;behalten</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Import %1 undone: leads removed: %2, restored: %3.</source>
        <translation>Import %1 rückgängig gemacht: Leads entfernt: %2, wiederhergestellt: %3.</translation>
    </message>
</context>
<context>
    <name>ImportLabels</name>
    <message>
        <source>Salutation</source>
        <translation>Anrede</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>Akademischer Titel</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Consent given at</source>
        <translation>Einwilligung erteilt am</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Herkunft der Einwilligung</translation>
    </message>
    <message>
        <source>Consent purpose</source>
        <translation>Zweck der Einwilligung</translation>
    </message>
    <message>
        <source>— do not import —</source>
        <translation>– nicht importieren –</translation>
    </message>
    <message>
        <source>Full name (split)</source>
        <translation>Vollständiger Name (wird aufgeteilt)</translation>
    </message>
    <message>
        <source>Salutation and title (split)</source>
        <translation>Anrede und Titel (getrennt)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Street, 2nd line</source>
        <translation>Straße, 2. Zeile</translation>
    </message>
    <message>
        <source>LeadDesk ID (uid)</source>
        <translation>LeadDesk-ID (uid)</translation>
    </message>
    <message>
        <source>Keep in notes</source>
        <translation>In Notizen übernehmen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dublette</translation>
    </message>
    <message>
        <source>Repeated in file</source>
        <translation>Mehrfach in der Datei</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>same ID</source>
        <translation>gleiche ID</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>gleiche E-Mail</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>gleiche Telefonnummer</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>ähnlicher Name</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>gleicher Name</translation>
    </message>
    <message>
        <source>same company</source>
        <translation>gleiche Firma</translation>
    </message>
    <message>
        <source>similar company</source>
        <translation>ähnliche Firma</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>vCard files (.vcf) and CSV exports of Outlook, Google, HubSpot, Pipedrive, Salesforce, Odoo, LinkedIn or any other address book:</source>
        <translation>vCard-Dateien (.vcf) und CSV-Exporte aus Outlook, Google, HubSpot, Pipedrive, Salesforce, Odoo, LinkedIn oder jedem anderen Adressbuch:</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>e.g. Messe Stuttgart 2026 (default: the file name)</source>
        <translation>z. B. Messe Stuttgart 2026 (Standard: der Dateiname)</translation>
    </message>
    <message>
        <source>&amp;Source of these leads:</source>
        <translation>&amp;Quelle dieser Leads:</translation>
    </message>
    <message>
        <source>&amp;Check files</source>
        <translation>Dateien &amp;prüfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Merge: fill empty fields, keep differing values in the notes</source>
        <translation>Zusammenführen: leere Felder füllen, abweichende Werte in die Notizen</translation>
    </message>
    <message>
        <source>Update: overwrite with the values from the file</source>
        <translation>Aktualisieren: mit den Werten aus der Datei überschreiben</translation>
    </message>
    <message>
        <source>Skip: leave existing leads unchanged</source>
        <translation>Überspringen: vorhandene Leads nicht ändern</translation>
    </message>
    <message>
        <source>&amp;Duplicates:</source>
        <translation>&amp;Dubletten:</translation>
    </message>
    <message>
        <source>Import the valid records and leave out those with errors</source>
        <translation>Gültige Datensätze importieren, fehlerhafte auslassen</translation>
    </message>
    <message>
        <source>C&amp;olumns…</source>
        <translation>&amp;Spalten …</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>Diesen Import &amp;rückgängig machen …</translation>
    </message>
    <message>
        <source>Undo anyway, &amp;keep edited leads</source>
        <translation>Trotzdem rückgängig, bearbeitete Leads &amp;behalten</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Choose files to import</source>
        <translation>Dateien zum Importieren wählen</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv *.txt);;All files (*)</source>
        <translation>Kontakte (*.vcf *.vcard *.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n record(s)…</source>
        <translation>
            <numerusform>%n Datensatz wird geprüft …</numerusform>
            <numerusform>%n Datensätze werden geprüft …</numerusform>
        </translation>
    </message>
    <message>
        <source>Column “%1” is read as “%2” in %3 but as “%4” in %5. One import reads a column name the same way in all its files: choose the same in both, or import the files one at a time.</source>
        <translation>Die Spalte „%1“ wird in %3 als „%2“, in %5 aber als „%4“ gelesen. Ein Import liest einen Spaltennamen in allen seinen Dateien gleich: Wählen Sie in beiden dasselbe, oder importieren Sie die Dateien einzeln.</translation>
    </message>
    <message>
        <source>&lt;b&gt;New: %1&lt;/b&gt; · duplicates: %2 · errors: %3 · warnings: %4&lt;br&gt;&lt;small&gt;%5&lt;/small&gt;</source>
        <translation>&lt;b&gt;Neu: %1&lt;/b&gt; · Dubletten: %2 · Fehler: %3 · Warnungen: %4&lt;br&gt;&lt;small&gt;%5&lt;/small&gt;</translation>
    </message>
    <message>
        <source>%1 (%2, %3): new: %4, duplicates: %5, refused: %6</source>
        <translation>%1 (%2, %3): neu: %4, Dubletten: %5, abgelehnt: %6</translation>
    </message>
    <message>
        <source>columns mapped: %1; kept in the notes: %2</source>
        <translation>Spalten zugeordnet: %1; in den Notizen behalten: %2</translation>
    </message>
    <message>
        <source>Import %1 done: new leads: %2, updated: %3, skipped: %4, left out with errors: %5.</source>
        <translation>Import %1 fertig: neue Leads: %2, aktualisiert: %3, übersprungen: %4, wegen Fehlern ausgelassen: %5.</translation>
    </message>
    <message>
        <source>Import %1 undone: leads removed: %2, restored: %3.</source>
        <translation>Import %1 rückgängig gemacht: Leads entfernt: %2, wiederhergestellt: %3.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importiere …</translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s) already up to date.</source>
        <translation>
            <numerusform>%n Dublette war bereits aktuell.</numerusform>
            <numerusform>%n Dubletten waren bereits aktuell.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leads changed after the check, so the rows were checked again: %n row(s) went otherwise than the report said.</source>
        <translation>
            <numerusform>Nach der Prüfung haben sich Leads geändert, daher wurden die Zeilen erneut geprüft: %n Zeile wurde anders importiert als im Bericht angegeben.</numerusform>
            <numerusform>Nach der Prüfung haben sich Leads geändert, daher wurden die Zeilen erneut geprüft: %n Zeilen wurden anders importiert als im Bericht angegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n differing value(s) were kept in the leads&apos; notes.</source>
        <translation>
            <numerusform>%n abweichender Wert wurde in den Notizen der Leads aufbewahrt.</numerusform>
            <numerusform>%n abweichende Werte wurden in den Notizen der Leads aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>Import wird rückgängig gemacht …</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) edited since were kept.</source>
        <translation>
            <numerusform>%n seither bearbeiteter Lead wurde behalten.</numerusform>
            <numerusform>%n seither bearbeitete Leads wurden behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Download (content)</source>
        <translation>Download (Inhalte)</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinar</translation>
    </message>
    <message>
        <source>Booth visit</source>
        <translation>Besuch am Messestand</translation>
    </message>
    <message>
        <source>Form fill</source>
        <translation>Formular ausgefüllt</translation>
    </message>
    <message>
        <source>Quote request</source>
        <translation>Angebotsanfrage</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifiziert</translation>
    </message>
    <message>
        <source>Needs follow-up</source>
        <translation>Wiedervorlage nötig</translation>
    </message>
    <message>
        <source>Disqualified</source>
        <translation>Disqualifiziert</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Entscheider</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeitrahmen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Partly known</source>
        <translation>Teilweise bekannt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>Passt nicht</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <source>No access to a decision maker</source>
        <translation>Kein Zugang zum Entscheider</translation>
    </message>
    <message>
        <source>No need</source>
        <translation>Kein Bedarf</translation>
    </message>
    <message>
        <source>Timing does not fit</source>
        <translation>Zeitrahmen passt nicht</translation>
    </message>
    <message>
        <source>Budget: status</source>
        <translation>Budget: Status</translation>
    </message>
    <message>
        <source>Budget: amount</source>
        <translation>Budget: Betrag</translation>
    </message>
    <message>
        <source>Budget: currency</source>
        <translation>Budget: Währung</translation>
    </message>
    <message>
        <source>Budget: approved</source>
        <translation>Budget: genehmigt</translation>
    </message>
    <message>
        <source>Budget: notes</source>
        <translation>Budget: Notizen</translation>
    </message>
    <message>
        <source>Authority: status</source>
        <translation>Entscheider: Status</translation>
    </message>
    <message>
        <source>Authority: decision maker</source>
        <translation>Entscheider: Kontakt entscheidet</translation>
    </message>
    <message>
        <source>Authority: people involved</source>
        <translation>Entscheider: beteiligte Personen</translation>
    </message>
    <message>
        <source>Authority: notes</source>
        <translation>Entscheider: Notizen</translation>
    </message>
    <message>
        <source>Need: status</source>
        <translation>Bedarf: Status</translation>
    </message>
    <message>
        <source>Need: pain points</source>
        <translation>Bedarf: Probleme</translation>
    </message>
    <message>
        <source>Need: priority</source>
        <translation>Bedarf: Priorität</translation>
    </message>
    <message>
        <source>Need: notes</source>
        <translation>Bedarf: Notizen</translation>
    </message>
    <message>
        <source>Timing: status</source>
        <translation>Zeitrahmen: Status</translation>
    </message>
    <message>
        <source>Timing: target</source>
        <translation>Zeitrahmen: Zieltermin</translation>
    </message>
    <message>
        <source>Timing: driver</source>
        <translation>Zeitrahmen: Auslöser</translation>
    </message>
    <message>
        <source>Timing: notes</source>
        <translation>Zeitrahmen: Notizen</translation>
    </message>
</context>
<context>
    <name>LeadEditor</name>
    <message>
        <source>Edit lead – %1</source>
        <translation>Lead bearbeiten – %1</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>Neuer Lead</translation>
    </message>
    <message>
        <source>Stage: %1 · Score: %2</source>
        <translation>Phase: %1 · Punkte: %2</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>Akademischer Titel</translation>
    </message>
    <message>
        <source>e.g. Dr., Prof. Dr.</source>
        <translation>z. B. Dr., Prof. Dr.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Company &amp;&amp; address</source>
        <translation>Firma &amp;&amp; Anschrift</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Vertrieb</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>comma-separated, e.g. Messe, Premium</source>
        <translation>durch Komma getrennt, z. B. Messe, Premium</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Expected value</source>
        <translation>Erwarteter Wert</translation>
    </message>
    <message>
        <source>on</source>
        <translation>am</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>given on</source>
        <translation>erteilt am</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Herkunft der Einwilligung</translation>
    </message>
    <message>
        <source>e.g. trade-fair form, website</source>
        <translation>z. B. Messeformular, Website</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>e.g. newsletter, offers</source>
        <translation>z. B. Newsletter, Angebote</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Accept: move to %1</source>
        <translation>Übernehmen: nach %1 verschieben</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Ms (Frau)</source>
        <translation>Frau</translation>
    </message>
    <message>
        <source>Mr (Herr)</source>
        <translation>Herr</translation>
    </message>
    <message>
        <source>Diverse (divers)</source>
        <translation>divers</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Anrede</translation>
    </message>
    <message>
        <source>This lead was removed elsewhere; it can no longer be saved.</source>
        <translation>Dieser Lead wurde anderswo entfernt; er kann nicht mehr gespeichert werden.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>%1
What you typed is still in the form.</source>
        <translation>%1
Ihre Eingaben stehen noch im Formular.</translation>
    </message>
    <message>
        <source>Lead changed elsewhere</source>
        <translation>Lead wurde anderswo geändert</translation>
    </message>
    <message>
        <source>This lead was changed elsewhere while you edited it. Your changes are not saved yet.</source>
        <translation>Dieser Lead wurde anderswo geändert, während Sie ihn bearbeitet haben. Ihre Änderungen sind noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Save mine over it</source>
        <translation>Meine Änderungen trotzdem speichern</translation>
    </message>
    <message>
        <source>Discard mine, show theirs</source>
        <translation>Meine verwerfen, neuen Stand zeigen</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to this lead?</source>
        <translation>Ihre Änderungen an diesem Lead speichern?</translation>
    </message>
</context>
<context>
    <name>LeadList</name>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Fit points</source>
        <translation>Fit-Punkte</translation>
    </message>
    <message>
        <source>Engagement points</source>
        <translation>Engagement-Punkte</translation>
    </message>
    <message>
        <source>Manual points</source>
        <translation>Manuelle Punkte</translation>
    </message>
    <message>
        <source>BANT confirmed</source>
        <translation>BANT bestätigt</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>Tage in Phase</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
</context>
<context>
    <name>LeadListView</name>
    <message>
        <source>Lead list</source>
        <translation>Lead-Liste</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>Standardspalten</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Board</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Alle auswählen</translation>
    </message>
    <message>
        <source>Selected leads (%1)</source>
        <translation>Ausgewählte Leads (%1)</translation>
    </message>
</context>
<context>
    <name>LostReason</name>
    <message>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <source>No need</source>
        <translation>Kein Bedarf</translation>
    </message>
    <message>
        <source>Chose a competitor</source>
        <translation>Wettbewerber gewählt</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Keine Rückmeldung</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
</context>
<context>
    <name>LostStrip</name>
    <message>
        <source>Lost leads: drop a card here, click to show the column (Ctrl+Shift+L)</source>
        <translation>Verlorene Leads: Karte hier ablegen; ein Klick zeigt die Spalte (Strg+Umschalt+L)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New lead…</source>
        <translation>&amp;Neuer Lead …</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>Kontakte &amp;importieren …</translation>
    </message>
    <message>
        <source>Load &amp;demo data</source>
        <translation>&amp;Demodaten laden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Show L&amp;ost column</source>
        <translation>Spalte &amp;Verloren zeigen</translation>
    </message>
    <message>
        <source>&amp;Open lead</source>
        <translation>Lead ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Move to &amp;next stage</source>
        <translation>In &amp;nächste Phase</translation>
    </message>
    <message>
        <source>Move &amp;back a stage…</source>
        <translation>Eine Phase &amp;zurück …</translation>
    </message>
    <message>
        <source>Mark as &amp;lost…</source>
        <translation>Als &amp;verloren markieren …</translation>
    </message>
    <message>
        <source>&amp;Accept score suggestion</source>
        <translation>Punkte-Vorschlag ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>&amp;Delete lead…</source>
        <translation>Lead &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>&amp;Papierkorb …</translation>
    </message>
    <message>
        <source>&amp;About LeadDesk</source>
        <translation>Ü&amp;ber LeadDesk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Go to the leads</source>
        <translation>&amp;Zu den Leads</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln Lead</numerusform>
            <numerusform>%Ln Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln lead(s) shown</source>
        <translation>
            <numerusform>%1 von %Ln Lead angezeigt</numerusform>
            <numerusform>%1 von %Ln Leads angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Another LeadDesk process is writing; your change is saved as soon as it is done …</source>
        <translation>Ein anderer LeadDesk-Prozess schreibt gerade; Ihre Änderung wird gespeichert, sobald er fertig ist …</translation>
    </message>
    <message>
        <source>LeadDesk is still writing. Wait for it to finish and quit?</source>
        <translation>LeadDesk schreibt noch. Abwarten und dann beenden?</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Preview of the first rows:</source>
        <translation>Vorschau der ersten Zeilen:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Choose what each column of %1 holds (read as %2, separated by “%3”).</source>
        <translation>Wählen Sie, was jede Spalte von %1 enthält (gelesen als %2, getrennt durch „%3“).</translation>
    </message>
</context>
<context>
    <name>MergeDatabase</name>
    <message>
        <source>Choose the LeadDesk database to merge</source>
        <translation>LeadDesk-Datenbank zum Zusammenführen wählen</translation>
    </message>
    <message>
        <source>LeadDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>LeadDesk-Datenbanken (*.sqlite3 *.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>MergeDatabaseDialog</name>
    <message>
        <source>Merge another LeadDesk database</source>
        <translation>Andere LeadDesk-Datenbank zusammenführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>C&amp;hoose another file…</source>
        <translation>Andere &amp;Datei wählen …</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Reading %1 and comparing it with your leads…</source>
        <translation>%1 wird gelesen und mit Ihren Leads verglichen …</translation>
    </message>
    <message>
        <source>What merging &lt;b&gt;%1&lt;/b&gt; would do:</source>
        <translation>Was das Zusammenführen von &lt;b&gt;%1&lt;/b&gt; bewirken würde:</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; has been merged:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; wurde zusammengeführt:</translation>
    </message>
    <message>
        <source>New: &lt;b&gt;%1&lt;/b&gt; · Merged: &lt;b&gt;%2&lt;/b&gt; · Unchanged: &lt;b&gt;%3&lt;/b&gt; · Left out: &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>Neu: &lt;b&gt;%1&lt;/b&gt; · Zusammengeführt: &lt;b&gt;%2&lt;/b&gt; · Unverändert: &lt;b&gt;%3&lt;/b&gt; · Ausgelassen: &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Brings over: %1.</source>
        <translation>Bringt mit: %1.</translation>
    </message>
    <message>
        <source>Brought over: %1.</source>
        <translation>Übernommen: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n differing value(s) kept in the leads&apos; notes</source>
        <translation>
            <numerusform>%n abweichender Wert in den Notizen der Leads</numerusform>
            <numerusform>%n abweichende Werte in den Notizen der Leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) already here, not copied twice</source>
        <translation>
            <numerusform>%n Eintrag schon vorhanden, nicht doppelt übernommen</numerusform>
            <numerusform>%n Einträge schon vorhanden, nicht doppelt übernommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new user(s) in Settings → People: %1</source>
        <translation>
            <numerusform>%n neuer Benutzer in Einstellungen → Personen: %1</numerusform>
            <numerusform>%n neue Benutzer in Einstellungen → Personen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Your database as it was before: %1</source>
        <translation>Ihre Datenbank vor dem Zusammenführen: %1</translation>
    </message>
    <message>
        <source>There is nothing to merge: this file brings nothing new.</source>
        <translation>Nichts zusammenzuführen: Diese Datei bringt nichts Neues.</translation>
    </message>
    <message>
        <source>All leads (%1)</source>
        <translation>Alle Leads (%1)</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>%1 wird zusammengeführt …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The file does not exist (any more).</source>
        <translation>Die Datei gibt es nicht (mehr).</translation>
    </message>
    <message>
        <source>LeadDesk may not read this file. Copy it to this computer or check its permissions.</source>
        <translation>LeadDesk darf diese Datei nicht lesen. Kopieren Sie sie auf diesen Rechner oder prüfen Sie die Zugriffsrechte.</translation>
    </message>
    <message>
        <source>This is the database LeadDesk has open right now. Choose the file from the other computer.</source>
        <translation>Das ist die Datenbank, die LeadDesk gerade geöffnet hat. Wählen Sie die Datei vom anderen Rechner.</translation>
    </message>
    <message>
        <source>This file is not a LeadDesk database.</source>
        <translation>Diese Datei ist keine LeadDesk-Datenbank.</translation>
    </message>
    <message>
        <source>This database was written by a newer LeadDesk. Update LeadDesk here, then merge again.</source>
        <translation>Diese Datenbank stammt von einer neueren LeadDesk-Version. Aktualisieren Sie LeadDesk auf diesem Rechner und führen Sie dann erneut zusammen.</translation>
    </message>
    <message>
        <source>Unexpected error:</source>
        <translation>Unerwarteter Fehler:</translation>
    </message>
    <message>
        <source>Cannot merge %1</source>
        <translation>%1 kann nicht zusammengeführt werden</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge duplicates</source>
        <translation>Dubletten zusammenführen</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Behalten:</translation>
    </message>
    <message>
        <source>Lead &amp;A (#%1, %2)</source>
        <translation>Lead &amp;A (#%1, %2)</translation>
    </message>
    <message>
        <source>Lead &amp;B (#%1, %2)</source>
        <translation>Lead &amp;B (#%1, %2)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Lead A</source>
        <translation>Lead A</translation>
    </message>
    <message>
        <source>Lead B</source>
        <translation>Lead B</translation>
    </message>
    <message>
        <source>Notes and tags of both are combined. Values not chosen are kept in the notes. Activities, tasks and BANT answers of both stay with the kept lead; the other lead&apos;s stage history stays with its archived record.</source>
        <translation>Notizen und Schlagwörter beider Leads werden zusammengefasst. Nicht gewählte Werte bleiben in den Notizen erhalten. Aktivitäten, Aufgaben und BANT-Antworten beider bleiben beim behaltenen Lead; der Phasenverlauf des anderen bleibt bei seinem archivierten Datensatz.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message numerus="yes">
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n Aktivität</numerusform>
            <numerusform>%n Aktivitäten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n Phasenwechsel</numerusform>
            <numerusform>%n Phasenwechsel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n Aufgabe</numerusform>
            <numerusform>%n Aufgaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n set(s) of BANT answers</source>
        <translation>
            <numerusform>%n Satz BANT-Antworten</numerusform>
            <numerusform>%n Sätze BANT-Antworten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BANT change(s)</source>
        <translation>
            <numerusform>%n BANT-Änderung</numerusform>
            <numerusform>%n BANT-Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n score adjustment(s)</source>
        <translation>
            <numerusform>%n Punktekorrektur</numerusform>
            <numerusform>%n Punktekorrekturen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n Anhang</numerusform>
            <numerusform>%n Anhänge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished call note(s)</source>
        <translation>
            <numerusform>%n unfertige Gesprächsnotiz</numerusform>
            <numerusform>%n unfertige Gesprächsnotizen</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Zusammengeführt</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <source>Deleted or merged on this computer; not brought back</source>
        <translation>Auf diesem Rechner gelöscht oder zusammengeführt; wird nicht zurückgeholt</translation>
    </message>
    <message>
        <source>Deleted or merged on the other computer; not brought over</source>
        <translation>Auf dem anderen Rechner gelöscht oder zusammengeführt; wird nicht übernommen</translation>
    </message>
    <message>
        <source>Fills in: %1</source>
        <translation>Ergänzt: %1</translation>
    </message>
    <message>
        <source>Updates: %1 (the old value is kept in the notes)</source>
        <translation>Aktualisiert: %1 (der alte Wert bleibt in den Notizen)</translation>
    </message>
    <message>
        <source>Keeps: %1 (the other value goes to the notes)</source>
        <translation>Behält: %1 (der andere Wert kommt in die Notizen)</translation>
    </message>
    <message>
        <source>Adds to the notes</source>
        <translation>Ergänzt die Notizen</translation>
    </message>
    <message>
        <source>Adds BANT answers</source>
        <translation>Ergänzt BANT-Antworten</translation>
    </message>
    <message>
        <source>Differing BANT answers go to the BANT notes</source>
        <translation>Abweichende BANT-Antworten kommen in die BANT-Notizen</translation>
    </message>
    <message>
        <source>Stage %1 → %2</source>
        <translation>Phase %1 → %2</translation>
    </message>
    <message>
        <source>Brings %1</source>
        <translation>Bringt %1 mit</translation>
    </message>
    <message>
        <source>Nothing new: the same as here</source>
        <translation>Nichts Neues: wie hier</translation>
    </message>
    <message>
        <source>new lead</source>
        <translation>neuer Lead</translation>
    </message>
    <message>
        <source>into #%1</source>
        <translation>in #%1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Goes</source>
        <translation>Wohin</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Was sich ändert</translation>
    </message>
</context>
<context>
    <name>PairModel</name>
    <message>
        <source>Possible duplicate: check before merging</source>
        <translation>Mögliche Dublette: vor dem Zusammenführen prüfen</translation>
    </message>
    <message>
        <source>Lead A</source>
        <translation>Lead A</translation>
    </message>
    <message>
        <source>Lead B</source>
        <translation>Lead B</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>Everyone working with this database. A user&apos;s name is the owner on their leads: renaming a user renames it there too. Deactivate someone who left; their leads and history keep the name.</source>
        <translation>Alle, die mit dieser Datenbank arbeiten. Der Name eines Benutzers steht als Betreuer an seinen Leads: Wer einen Benutzer umbenennt, benennt ihn auch dort um. Deaktivieren Sie, wer nicht mehr da ist; Leads und Verlauf behalten den Namen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Show deactivated users</source>
        <translation>Deaktivierte Benutzer zeigen</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deaktivieren…</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>&amp;Reaktivieren</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>&amp;Who is working?</source>
        <translation>&amp;Wer arbeitet hier?</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Not chosen (your login name: %1)</source>
        <translation>Nicht gewählt (Ihr Anmeldename: %1)</translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Rename user</source>
        <translation>Benutzer umbenennen</translation>
    </message>
    <message>
        <source>New name (their leads follow):</source>
        <translation>Neuer Name (die Leads folgen):</translation>
    </message>
    <message>
        <source>%1 is now %2, on their leads too.</source>
        <translation>%1 heißt jetzt %2, auch an den Leads.</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Benutzer deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate %1? They are no longer offered as a new owner or as who is working. Their leads and history keep the name; you can reactivate them later.</source>
        <translation>%1 deaktivieren? Der Name wird nicht mehr als Betreuer neuer Leads oder bei „Wer arbeitet hier?“ angeboten. Leads und Verlauf behalten ihn; Sie können den Benutzer später reaktivieren.</translation>
    </message>
    <message>
        <source>Deactivate %1</source>
        <translation>%1 deaktivieren</translation>
    </message>
    <message>
        <source>%1 deactivated.</source>
        <translation>%1 deaktiviert.</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>%1 ist wieder aktiv.</translation>
    </message>
    <message>
        <source>On this computer, %1 is working.</source>
        <translation>An diesem Computer arbeitet %1.</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>&amp;Erase person…</source>
        <translation>Person &amp;löschen…</translation>
    </message>
    <message>
        <source>Subject &amp;access export…</source>
        <translation>&amp;Auskunft exportieren (Art. 15)…</translation>
    </message>
    <message>
        <source>Data protection &amp;log…</source>
        <translation>Datenschutz&amp;protokoll…</translation>
    </message>
    <message>
        <source>Leads due for &amp;erasure…</source>
        <translation>Zur &amp;Löschung fällige Leads…</translation>
    </message>
    <message>
        <source>Subject access export…</source>
        <translation>Auskunft exportieren (Art. 15)…</translation>
    </message>
    <message>
        <source>Erase person…</source>
        <translation>Person löschen…</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Erase person</source>
        <translation>Person löschen</translation>
    </message>
    <message>
        <source>Erase %1 for good?

Every personal detail, note, activity text, call note, BANT answer, task, card image and import record of this person is removed and cannot be restored, not even from a backup. Their email, phone and name are kept only as unreadable fingerprints so they are not imported again.

What stays, anonymously: the funnel history (now in %3; stage changes: %2), the activity dates (%4) and the value, so your figures stay right.</source>
        <translation>%1 endgültig löschen?

Alle Angaben zur Person, Notizen, Aktivitätstexte, Gesprächsnotizen, BANT-Antworten, Aufgaben, Visitenkartenbilder und Importdaten dieser Person werden entfernt und können nicht wiederhergestellt werden, auch nicht aus einer Sicherung. E-Mail, Telefon und Name bleiben nur als unlesbare Fingerabdrücke erhalten, damit die Person nicht erneut importiert wird.

Was anonym bleibt: der Verlauf im Trichter (jetzt in %3; Stufenwechsel: %2), die Zeitpunkte der Aktivitäten (%4) und der Wert, damit Ihre Zahlen stimmen.</translation>
    </message>
    <message>
        <source>Records merged into this lead earlier are erased too: %1.</source>
        <translation>Früher mit diesem Lead zusammengeführte Datensätze werden ebenfalls gelöscht: %1.</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message>
        <source>The person was erased; the anonymous figures stay.</source>
        <translation>Die Person wurde gelöscht; die anonymen Zahlen bleiben.</translation>
    </message>
    <message>
        <source>Subject access export</source>
        <translation>Auskunft exportieren (Art. 15)</translation>
    </message>
    <message>
        <source>PDF and JSON (*.pdf)</source>
        <translation>PDF und JSON (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>Import as new</source>
        <translation>Als neu importieren</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dublette</translation>
    </message>
    <message>
        <source>Keys: S skip, U update, M merge, N import as new, Backspace: as chosen below</source>
        <translation>Tasten: S überspringen, U aktualisieren, M zusammenführen, N als neu importieren, Rücktaste: wie unten gewählt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Auswahl</translation>
    </message>
</context>
<context>
    <name>QualificationPanel</name>
    <message>
        <source>&amp;Save qualification</source>
        <translation>Qualifizierung &amp;speichern</translation>
    </message>
    <message>
        <source>Please fix: %1</source>
        <translation>Bitte korrigieren: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved</source>
        <translation>
            <numerusform>%n Änderung gespeichert</numerusform>
            <numerusform>%n Änderungen gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>BANT was saved elsewhere meanwhile (e.g. in a call) and these fields were changed there too: %1. The form shows the saved values with your other changes — please check them and save again.</source>
        <translation>BANT wurde inzwischen an anderer Stelle gespeichert (z. B. in einem Anruf), und diese Felder wurden dort ebenfalls geändert: %1. Das Formular zeigt die gespeicherten Werte mit Ihren übrigen Änderungen – bitte prüfen Sie diese und speichern Sie erneut.</translation>
    </message>
</context>
<context>
    <name>QualificationRuleDialog</name>
    <message>
        <source>Qualification rule</source>
        <translation>Qualifizierungsregel</translation>
    </message>
    <message>
        <source>A call suggests moving the lead to SQL when these sections are confirmed:</source>
        <translation>Ein Gespräch schlägt vor, den Lead nach SQL zu verschieben, wenn diese Abschnitte bestätigt sind:</translation>
    </message>
    <message>
        <source>…and at least this many &amp;of the other sections</source>
        <translation>… und mindestens so viele der &amp;übrigen Abschnitte</translation>
    </message>
    <message>
        <source>A section that does &amp;not fit suggests Lost</source>
        <translation>Ein Abschnitt, der &amp;nicht passt, schlägt Verloren vor</translation>
    </message>
</context>
<context>
    <name>QuickEntryWindow</name>
    <message>
        <source>Quick entry — LeadDesk</source>
        <translation>Schnellerfassung – LeadDesk</translation>
    </message>
    <message>
        <source>nothing new</source>
        <translation>nichts Neues</translation>
    </message>
    <message>
        <source>Merged into %1 (filled: %2).</source>
        <translation>In %1 übernommen (ergänzt: %2).</translation>
    </message>
    <message>
        <source>The card picture is still being prepared; press Enter again in a moment.</source>
        <translation>Das Kartenbild wird noch vorbereitet; drücken Sie gleich noch einmal die Eingabetaste.</translation>
    </message>
    <message>
        <source>This card may already be a lead. Choose Merge (Alt+M), Keep both (Alt+K) or Open (Alt+O).</source>
        <translation>Diese Karte ist vielleicht schon ein Lead. Wählen Sie Übernehmen (Alt+M), Beide behalten (Alt+K) oder Öffnen (Alt+O).</translation>
    </message>
    <message>
        <source>Saved %1 — %2 could not be read as a phone number and was kept as typed.</source>
        <translation>%1 gespeichert – %2 ist keine lesbare Telefonnummer und wurde wie eingegeben übernommen.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Corrected %1.</source>
        <translation>%1 korrigiert.</translation>
    </message>
    <message>
        <source>Card cleared. Alt+R restores it.</source>
        <translation>Karte geleert. Alt+R holt sie zurück.</translation>
    </message>
    <message>
        <source>Correcting %1 — Enter saves the change, Esc cancels.</source>
        <translation>%1 wird korrigiert – Eingabe speichert, Esc bricht ab.</translation>
    </message>
    <message>
        <source>Read business card</source>
        <translation>Visitenkarte lesen</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a picture LeadDesk can read.</source>
        <translation>%1 ist kein Bild, das LeadDesk lesen kann.</translation>
    </message>
    <message>
        <source>Save your correction to %1?</source>
        <translation>Ihre Korrektur an %1 speichern?</translation>
    </message>
    <message>
        <source>Save the card you typed?</source>
        <translation>Die eingegebene Karte speichern?</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
    <message numerus="yes">
        <source>Why are %n lead(s) lost?</source>
        <translation>
            <numerusform>Warum ist %n Lead verloren?</numerusform>
            <numerusform>Warum sind %n Leads verloren?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why do %n lead(s) go back to %1?</source>
        <translation>
            <numerusform>Warum geht %n Lead zurück nach %1?</numerusform>
            <numerusform>Warum gehen %n Leads zurück nach %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why do %n lead(s) go back from %1 to %2?</source>
        <translation>
            <numerusform>Warum geht %n Lead von %1 zurück nach %2?</numerusform>
            <numerusform>Warum gehen %n Leads von %1 zurück nach %2?</numerusform>
        </translation>
    </message>
    <message>
        <source>Why is %1 lost?</source>
        <translation>Warum ist %1 verloren?</translation>
    </message>
    <message>
        <source>Why does %1 go back from %2 to %3?</source>
        <translation>Warum geht %1 von %2 zurück nach %3?</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Grund (Pflichtfeld)</translation>
    </message>
</context>
<context>
    <name>RecentCards</name>
    <message>
        <source>Last cards (select and press Enter to correct)</source>
        <translation>Letzte Karten (auswählen und Eingabe drücken zum Korrigieren)</translation>
    </message>
</context>
<context>
    <name>RecentModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Saved as</source>
        <translation>Gespeichert als</translation>
    </message>
    <message>
        <source>new lead</source>
        <translation>neuer Lead</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>korrigiert</translation>
    </message>
</context>
<context>
    <name>ReportBody</name>
    <message>
        <source>Funnel</source>
        <translation>Trichter</translation>
    </message>
    <message>
        <source>What an MQL is worth</source>
        <translation>Was ein MQL wert ist</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>MQLs</source>
        <translation>MQLs</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>MQL → Won</source>
        <translation>MQL → Gewonnen</translation>
    </message>
    <message>
        <source>Ø won value</source>
        <translation>Ø Auftragswert</translation>
    </message>
    <message>
        <source>An MQL is worth</source>
        <translation>Ein MQL ist wert</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>Verweildauer je Phase</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Median days</source>
        <translation>Median Tage</translation>
    </message>
    <message>
        <source>75th percentile</source>
        <translation>75. Perzentil</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Still there</source>
        <translation>Noch dort</translation>
    </message>
    <message>
        <source>Speed of handover</source>
        <translation>Tempo der Übergabe</translation>
    </message>
    <message>
        <source>MQLs should hear from sales within</source>
        <translation>MQLs sollten vom Vertrieb hören innerhalb von</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> Arbeitstage</translation>
    </message>
    <message>
        <source>Sources and trade fairs</source>
        <translation>Quellen und Messen</translation>
    </message>
    <message>
        <source>Source or fair</source>
        <translation>Quelle oder Messe</translation>
    </message>
    <message>
        <source>MQL</source>
        <translation>MQL</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Won value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>Lead → Won</source>
        <translation>Lead → Gewonnen</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Cost per lead</source>
        <translation>Kosten pro Lead</translation>
    </message>
    <message>
        <source>Enter a fair&apos;s cost…</source>
        <translation>Kosten einer Messe eingeben…</translation>
    </message>
    <message>
        <source>Lost reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Lost from</source>
        <translation>Verloren aus</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Scoring check</source>
        <translation>Prüfung der Punkte</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Hit: won</source>
        <translation>Getroffen: gewonnen</translation>
    </message>
    <message>
        <source>Not hit: won</source>
        <translation>Nicht getroffen: gewonnen</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>Lift</translation>
    </message>
    <message>
        <source>Cohort: of the leads created in the period, how many reached each stage by today. A lead that skipped a stage counts as having passed it; one that went back keeps what it reached. Lost is compared with all leads.</source>
        <translation>Kohorte: Wie viele der im Zeitraum angelegten Leads haben bis heute jede Phase erreicht? Ein Lead, der eine Phase übersprungen hat, zählt als hindurchgegangen; einer, der zurückging, behält, was er erreicht hat. Verloren wird mit allen Leads verglichen.</translation>
    </message>
    <message>
        <source>Skipped MQL: %1 · went back a stage: %2 · recycled from Lost: %3 · still open: %4</source>
        <translation>MQL übersprungen: %1 · eine Phase zurück: %2 · aus Verloren zurückgeholt: %3 · noch offen: %4</translation>
    </message>
    <message>
        <source>Period: every move into a stage during the period, whenever the lead was created. A lead moved twice counts twice, so a stage can exceed the one before it.</source>
        <translation>Zeitraum: jeder Wechsel in eine Phase während des Zeitraums, gleich wann der Lead angelegt wurde. Ein zweimal verschobener Lead zählt zweimal, daher kann eine Phase die vorige übertreffen.</translation>
    </message>
    <message>
        <source>New leads: %1 · moves skipping a stage: %2 · backward moves: %3 · recycled from Lost: %4</source>
        <translation>Neue Leads: %1 · Wechsel mit übersprungener Phase: %2 · Wechsel zurück: %3 · aus Verloren zurückgeholt: %4</translation>
    </message>
    <message>
        <source>%1 of previous</source>
        <translation>%1 der vorigen</translation>
    </message>
    <message>
        <source>%1 of first</source>
        <translation>%1 der ersten</translation>
    </message>
    <message>
        <source>MQL → Won conversion × average won value, over the MQLs of the cohort whose outcome is known (Won or Lost now).</source>
        <translation>Quote MQL → Gewonnen × durchschnittlicher Auftragswert, über die MQLs der Kohorte mit bekanntem Ergebnis (jetzt Gewonnen oder Verloren).</translation>
    </message>
    <message>
        <source>No MQL of this period has an outcome yet.</source>
        <translation>Noch kein MQL dieses Zeitraums hat ein Ergebnis.</translation>
    </message>
    <message numerus="yes">
        <source>Rests on %Ln outcome(s)</source>
        <translation>
            <numerusform>Beruht auf %Ln Ergebnis</numerusform>
            <numerusform>Beruht auf %Ln Ergebnissen</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 won of %2 MQLs)</source>
        <translation>(%1 gewonnen von %2 MQLs)</translation>
    </message>
    <message>
        <source>— fewer than %1 outcomes: uncertain.</source>
        <translation>— weniger als %1 Ergebnisse: unsicher.</translation>
    </message>
    <message>
        <source>(no source)</source>
        <translation>(keine Quelle)</translation>
    </message>
    <message>
        <source>Days from first arriving in a stage to first arriving in a later one or in Lost, over the leads created in the period. Leads still in a stage are not measured yet.</source>
        <translation>Tage vom ersten Erreichen einer Phase bis zum ersten Erreichen einer späteren oder von Verloren, über die im Zeitraum angelegten Leads. Leads, die noch in einer Phase sind, werden noch nicht gemessen.</translation>
    </message>
    <message numerus="yes">
        <source>Lead velocity (created → Won): median %1 days, 75th percentile %2 days, %Ln lead(s)</source>
        <translation>
            <numerusform>Lead-Geschwindigkeit (angelegt → Gewonnen): Median %1 Tage, 75. Perzentil %2 Tage, %Ln Lead</numerusform>
            <numerusform>Lead-Geschwindigkeit (angelegt → Gewonnen): Median %1 Tage, 75. Perzentil %2 Tage, %Ln Leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Hours from reaching MQL to the first call, email or meeting, for the MQLs reached in the period. Working days are Monday to Friday.</source>
        <translation>Stunden vom Erreichen von MQL bis zum ersten Anruf, zur ersten E-Mail oder zum ersten Termin, für die im Zeitraum erreichten MQLs. Arbeitstage sind Montag bis Freitag.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQL(s) reached · answered: %1 · median %2 h · 75th percentile %3 h · not answered yet: %4</source>
        <translation>
            <numerusform>%Ln MQL erreicht · beantwortet: %1 · Median %2 h · 75. Perzentil %3 h · noch unbeantwortet: %4</numerusform>
            <numerusform>%Ln MQLs erreicht · beantwortet: %1 · Median %2 h · 75. Perzentil %3 h · noch unbeantwortet: %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQL(s) waited longer than the threshold</source>
        <translation>
            <numerusform>%Ln MQL hat länger als die Frist gewartet</numerusform>
            <numerusform>%Ln MQLs haben länger als die Frist gewartet</numerusform>
        </translation>
    </message>
    <message>
        <source>Leads created in the period per source; trade fairs are marked. Won value adds %1 only; cost per lead needs the fair&apos;s cost.</source>
        <translation>Im Zeitraum angelegte Leads je Quelle; Messen sind gekennzeichnet. Der Auftragswert addiert nur %1; Kosten pro Lead brauchen die Kosten der Messe.</translation>
    </message>
    <message>
        <source>%1 (fair)</source>
        <translation>%1 (Messe)</translation>
    </message>
    <message>
        <source>%1 leads · %2 won</source>
        <translation>%1 Leads · %2 gewonnen</translation>
    </message>
    <message>
        <source>Every move into Lost with its reason, and the stage the lead was lost from.</source>
        <translation>Jeder Wechsel nach Verloren mit seinem Grund und der Phase, aus der der Lead verloren ging.</translation>
    </message>
    <message>
        <source>Losses of the leads created in the period.</source>
        <translation>Verluste der im Zeitraum angelegten Leads.</translation>
    </message>
    <message>
        <source>Losses during the period.</source>
        <translation>Verluste während des Zeitraums.</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>(kein Grund)</translation>
    </message>
    <message>
        <source>For MQLs whose outcome is known: the share won per score at reaching MQL. A rule&apos;s lift compares the share won of the leads it gives points to with the others.</source>
        <translation>Für MQLs mit bekanntem Ergebnis: der gewonnene Anteil je Punktestand beim Erreichen von MQL. Der Lift einer Regel vergleicht den gewonnenen Anteil der Leads, denen sie Punkte gibt, mit dem der übrigen.</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Punkte %1</translation>
    </message>
    <message>
        <source>%1 won of %2</source>
        <translation>%1 gewonnen von %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln outcome(s); the score recorded at MQL was missing for %1, their current score stands in.</source>
        <translation>
            <numerusform>%Ln Ergebnis; bei %1 fehlten die Punkte beim Erreichen von MQL, dort zählen die heutigen Punkte.</numerusform>
            <numerusform>%Ln Ergebnisse; bei %1 fehlten die Punkte beim Erreichen von MQL, dort zählen die heutigen Punkte.</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting MQLs</source>
        <translation>wartende MQLs</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>&amp;Reports…</source>
        <translation>&amp;Berichte…</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports — LeadDesk</source>
        <translation>Berichte — LeadDesk</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Dieses Quartal</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Trichter</translation>
    </message>
    <message>
        <source>Cohort: leads created in the period</source>
        <translation>Kohorte: im Zeitraum angelegte Leads</translation>
    </message>
    <message>
        <source>Period: moves during the period</source>
        <translation>Zeitraum: Wechsel im Zeitraum</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Compute again with the latest changes (F5)</source>
        <translation>Mit den neuesten Änderungen neu berechnen (F5)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Whole report as PDF…</source>
        <translation>Ganzen Bericht als PDF…</translation>
    </message>
    <message>
        <source>Charts as PNG…</source>
        <translation>Diagramme als PNG…</translation>
    </message>
    <message>
        <source>Tables as CSV…</source>
        <translation>Tabellen als CSV…</translation>
    </message>
    <message>
        <source>All sources and fairs</source>
        <translation>Alle Quellen und Messen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle Betreuer</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>The report could not be computed: %1</source>
        <translation>Der Bericht konnte nicht berechnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 · %Ln lead(s) created in the period · computed in %3 ms</source>
        <translation>
            <numerusform>%1 – %2 · %Ln Lead im Zeitraum angelegt · berechnet in %3 ms</numerusform>
            <numerusform>%1 – %2 · %Ln Leads im Zeitraum angelegt · berechnet in %3 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>(changed leads read in %1 ms)</source>
        <translation>(geänderte Leads in %1 ms gelesen)</translation>
    </message>
    <message>
        <source>(stage history read in %1 ms)</source>
        <translation>(Phasenverlauf gelesen in %1 ms)</translation>
    </message>
    <message>
        <source>Fair cost</source>
        <translation>Kosten der Messe</translation>
    </message>
    <message>
        <source>Source or fair:</source>
        <translation>Quelle oder Messe:</translation>
    </message>
    <message>
        <source>What did %1 cost (%2)?</source>
        <translation>Was hat %1 gekostet (%2)?</translation>
    </message>
    <message>
        <source>Export report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>Folder for the chart pictures</source>
        <translation>Ordner für die Diagrammbilder</translation>
    </message>
    <message>
        <source>Folder for the tables</source>
        <translation>Ordner für die Tabellen</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule follow-up</source>
        <translation>Wiedervorlage verschieben</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Leads due for erasure</source>
        <translation>Zur Löschung fällige Leads</translation>
    </message>
    <message>
        <source>These leads are past the retention period set for them. Tick the ones to erase for good; the anonymous figures stay. Nothing is erased without your confirmation.</source>
        <translation>Diese Leads haben ihre Aufbewahrungsfrist überschritten. Kreuzen Sie an, welche endgültig gelöscht werden sollen; die anonymen Zahlen bleiben. Ohne Ihre Bestätigung wird nichts gelöscht.</translation>
    </message>
    <message>
        <source>Lost, no activity since %1</source>
        <translation>Verloren, keine Aktivität seit %1</translation>
    </message>
    <message>
        <source>No consent, no activity since %1</source>
        <translation>Keine Einwilligung, keine Aktivität seit %1</translation>
    </message>
    <message>
        <source>No activity since %1</source>
        <translation>Keine Aktivität seit %1</translation>
    </message>
    <message>
        <source>Customer; retention under §257 HGB ended (last activity %1)</source>
        <translation>Kunde; Aufbewahrungsfrist nach §257 HGB abgelaufen (letzte Aktivität %1)</translation>
    </message>
    <message>
        <source>&amp;Erase ticked…</source>
        <translation>Angekreuzte &amp;löschen…</translation>
    </message>
    <message numerus="yes">
        <source>Erase %n lead(s) for good? Their personal data and texts are removed and cannot be restored, not even from a backup; the anonymous funnel figures stay.</source>
        <translation>
            <numerusform>%n Lead endgültig löschen? Die personenbezogenen Daten und Texte werden entfernt und können nicht wiederhergestellt werden, auch nicht aus einer Sicherung; die anonymen Trichterzahlen bleiben.</numerusform>
            <numerusform>%n Leads endgültig löschen? Ihre personenbezogenen Daten und Texte werden entfernt und können nicht wiederhergestellt werden, auch nicht aus einer Sicherung; die anonymen Trichterzahlen bleiben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Endgültig löschen</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>ist nicht</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>ist eins von</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>beginnt mit</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>is filled in</source>
        <translation>ist ausgefüllt</translation>
    </message>
    <message>
        <source>is between</source>
        <translation>liegt zwischen</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>ist mindestens</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>ist höchstens</translation>
    </message>
    <message>
        <source>is a free-mail address</source>
        <translation>ist eine Freemail-Adresse</translation>
    </message>
    <message>
        <source>happened</source>
        <translation>fand statt</translation>
    </message>
    <message>
        <source>≥%1×</source>
        <translation>≥%1×</translation>
    </message>
    <message>
        <source>within %1 days</source>
        <translation>innerhalb von %1 Tagen</translation>
    </message>
    <message>
        <source>fades to 0 over %1 days</source>
        <translation>verfällt in %1 Tagen auf 0</translation>
    </message>
    <message>
        <source>halves every %1 days</source>
        <translation>halbiert sich alle %1 Tage</translation>
    </message>
    <message>
        <source>Scoring rules</source>
        <translation>Punkteregeln</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Default rules</source>
        <translation>Standardregeln</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Selected rule</source>
        <translation>Ausgewählte Regel</translation>
    </message>
    <message>
        <source>Thresholds and limits</source>
        <translation>Schwellen und Grenzen</translation>
    </message>
    <message>
        <source>Preview (before → after saving)</source>
        <translation>Vorschau (vorher → nach dem Speichern)</translation>
    </message>
    <message>
        <source>Cancel rescoring</source>
        <translation>Neuberechnung abbrechen</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Updating preview…</source>
        <translation>Vorschau wird aktualisiert …</translation>
    </message>
    <message>
        <source>Fix the settings to see a preview.</source>
        <translation>Korrigieren Sie die Einstellungen, um eine Vorschau zu sehen.</translation>
    </message>
    <message>
        <source>Select a rule to see how many leads it hits.</source>
        <translation>Wählen Sie eine Regel, um zu sehen, wie viele Leads sie trifft.</translation>
    </message>
    <message>
        <source>The selected rule hits %1 of %2 leads.</source>
        <translation>Die ausgewählte Regel trifft %1 von %2 Leads.</translation>
    </message>
    <message>
        <source>Ready for MQL: %1 → %2    Ready for SQL: %3 → %4</source>
        <translation>Bereit für MQL: %1 → %2    Bereit für SQL: %3 → %4</translation>
    </message>
    <message>
        <source>Average score: %1 → %2</source>
        <translation>Durchschnittliche Punkte: %1 → %2</translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation>Vorschau fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Some rules have problems (shown in red); fix them before saving.</source>
        <translation>Einige Regeln sind fehlerhaft (rot markiert); bitte vor dem Speichern korrigieren.</translation>
    </message>
    <message>
        <source>The thresholds do not fit together; see the settings.</source>
        <translation>Die Schwellen passen nicht zusammen; siehe Einstellungen.</translation>
    </message>
    <message>
        <source>Saving and rescoring all leads…</source>
        <translation>Speichern und Punkte aller Leads neu berechnen …</translation>
    </message>
    <message>
        <source>Saved. %1 leads rescored, %2 changed, %3 moved forward.</source>
        <translation>Gespeichert. %1 Leads neu berechnet, %2 geändert, %3 weitergerückt.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved, all scores are as before.</source>
        <translation>Abgebrochen: nichts gespeichert, alle Punkte wie zuvor.</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Import scoring rules</source>
        <translation>Punkteregeln importieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Imported %1 rules; press Save to use them.</source>
        <translation>%1 Regeln importiert; zum Übernehmen Speichern drücken.</translation>
    </message>
    <message>
        <source>Export scoring rules</source>
        <translation>Punkteregeln exportieren</translation>
    </message>
    <message>
        <source>Rules written to %1</source>
        <translation>Regeln gespeichert in %1</translation>
    </message>
    <message>
        <source>Unsaved rules</source>
        <translation>Ungespeicherte Regeln</translation>
    </message>
    <message>
        <source>Save your changes to the scoring rules?</source>
        <translation>Ihre Änderungen an den Bewertungsregeln speichern?</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>Fit — who they are</source>
        <translation>Profil – wer sie sind</translation>
    </message>
    <message>
        <source>Engagement — what they did</source>
        <translation>Engagement – was sie getan haben</translation>
    </message>
    <message>
        <source>several values separated by commas</source>
        <translation>mehrere Werte durch Komma getrennt</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source> or more times</source>
        <translation>-mal oder öfter</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>jederzeit</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>never fades</source>
        <translation>verfällt nie</translation>
    </message>
    <message>
        <source>fades linearly to 0 after</source>
        <translation>verfällt gleichmäßig auf 0 nach</translation>
    </message>
    <message>
        <source>halves every</source>
        <translation>halbiert sich alle</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>&amp;Gruppe</translation>
    </message>
    <message>
        <source>&amp;Looks at</source>
        <translation>&amp;Feld</translation>
    </message>
    <message>
        <source>&amp;Condition</source>
        <translation>&amp;Bedingung</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Wie oft</translation>
    </message>
    <message>
        <source>Within the last</source>
        <translation>Innerhalb der letzten</translation>
    </message>
    <message>
        <source>Fading</source>
        <translation>Verfall</translation>
    </message>
    <message>
        <source>&amp;Points</source>
        <translation>&amp;Punkte</translation>
    </message>
    <message>
        <source>Activity: %1</source>
        <translation>Aktivität: %1</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Engagement</translation>
    </message>
</context>
<context>
    <name>RunningPage</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>SavedFilters</name>
    <message>
        <source>No saved filters yet. Set a filter or search above the board, then Save current…</source>
        <translation>Noch keine gespeicherten Filter. Stellen Sie über dem Board einen Filter oder eine Suche ein und wählen Sie dann „Speichern…“.</translation>
    </message>
    <message>
        <source>Save current…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Keep the current filter and search under a name</source>
        <translation>Den aktuellen Filter und die Suche unter einem Namen speichern</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation>Name dieses Filters:</translation>
    </message>
    <message>
        <source>A saved filter named “%1” exists. Replace it with the current filter?</source>
        <translation>Es gibt bereits einen gespeicherten Filter „%1“. Durch den aktuellen Filter ersetzen?</translation>
    </message>
    <message>
        <source>Replace filter</source>
        <translation>Filter ersetzen</translation>
    </message>
    <message>
        <source>Rename filter</source>
        <translation>Filter umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Delete saved filter</source>
        <translation>Gespeicherten Filter löschen</translation>
    </message>
    <message>
        <source>Delete the saved filter “%1”? The leads it shows are not touched.</source>
        <translation>Den gespeicherten Filter „%1“ löschen? Die Leads, die er zeigt, bleiben unverändert.</translation>
    </message>
    <message>
        <source>Delete filter</source>
        <translation>Filter löschen</translation>
    </message>
    <message>
        <source>The saved filters could not be changed.</source>
        <translation>Die gespeicherten Filter konnten nicht geändert werden.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Gespeicherte Filter</translation>
    </message>
    <message>
        <source>Saved &amp;filters</source>
        <translation>Gespeicherte &amp;Filter</translation>
    </message>
    <message>
        <source>Show or hide the saved filters (%1)</source>
        <translation>Gespeicherte Filter ein- oder ausblenden (%1)</translation>
    </message>
    <message>
        <source>Save current &amp;filter…</source>
        <translation>Aktuellen &amp;Filter speichern…</translation>
    </message>
</context>
<context>
    <name>ScoreExplainWidget</name>
    <message>
        <source>Accept move</source>
        <translation>Verschieben übernehmen</translation>
    </message>
    <message>
        <source>Points to add (negative to subtract)</source>
        <translation>Punkte hinzufügen (negativ zum Abziehen)</translation>
    </message>
    <message>
        <source>Reason (required), e.g. “Met the owner at the fair”</source>
        <translation>Grund (Pflichtfeld), z. B. „Inhaber auf der Messe getroffen“</translation>
    </message>
    <message>
        <source>Adjust score</source>
        <translation>Punkte anpassen</translation>
    </message>
    <message>
        <source>Manual points:</source>
        <translation>Manuelle Punkte:</translation>
    </message>
    <message>
        <source>Points are saved as soon as you add them; the history keeps who and why.</source>
        <translation>Punkte werden gespeichert, sobald Sie sie hinzufügen; der Verlauf hält fest, wer und warum.</translation>
    </message>
    <message>
        <source>No lead selected</source>
        <translation>Kein Lead ausgewählt</translation>
    </message>
    <message>
        <source>Score %1 = fit %2 + engagement %3 + manual %4</source>
        <translation>Punkte %1 = Profil %2 + Engagement %3 + manuell %4</translation>
    </message>
    <message>
        <source>fit capped at %1 (rules give %2)</source>
        <translation>Profil begrenzt auf %1 (Regeln ergeben %2)</translation>
    </message>
    <message>
        <source>engagement capped at %1 (rules give %2)</source>
        <translation>Engagement begrenzt auf %1 (Regeln ergeben %2)</translation>
    </message>
    <message>
        <source>total kept within %1…%2</source>
        <translation>Summe begrenzt auf %1…%2</translation>
    </message>
    <message>
        <source>Ready for MQL (threshold %1)</source>
        <translation>Bereit für MQL (Schwelle %1)</translation>
    </message>
    <message>
        <source>Ready for SQL (threshold %1)</source>
        <translation>Bereit für SQL (Schwelle %1)</translation>
    </message>
    <message>
        <source>Score is below the MQL threshold (%1)</source>
        <translation>Punkte unter der MQL-Schwelle (%1)</translation>
    </message>
    <message>
        <source>Score is below the SQL threshold (%1)</source>
        <translation>Punkte unter der SQL-Schwelle (%1)</translation>
    </message>
</context>
<context>
    <name>ScoringField</name>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Email domain</source>
        <translation>E-Mail-Domain</translation>
    </message>
    <message>
        <source>Company size (employees)</source>
        <translation>Firmengröße (Mitarbeiter)</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>BANT sections confirmed (0–4)</source>
        <translation>Bestätigte BANT-Abschnitte (0–4)</translation>
    </message>
    <message>
        <source>BANT: budget status</source>
        <translation>BANT: Budget-Status</translation>
    </message>
    <message>
        <source>BANT: budget approved</source>
        <translation>BANT: Budget genehmigt</translation>
    </message>
    <message>
        <source>BANT: budget amount</source>
        <translation>BANT: Budgetbetrag</translation>
    </message>
    <message>
        <source>BANT: authority status</source>
        <translation>BANT: Entscheider-Status</translation>
    </message>
    <message>
        <source>BANT: is decision maker</source>
        <translation>BANT: ist Entscheider</translation>
    </message>
    <message>
        <source>BANT: need status</source>
        <translation>BANT: Bedarf-Status</translation>
    </message>
    <message>
        <source>BANT: need priority</source>
        <translation>BANT: Bedarf-Priorität</translation>
    </message>
    <message>
        <source>BANT: timing status</source>
        <translation>BANT: Zeitrahmen-Status</translation>
    </message>
    <message>
        <source>BANT: timing target</source>
        <translation>BANT: Zieltermin</translation>
    </message>
    <message>
        <source>Any activity</source>
        <translation>Beliebige Aktivität</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Tags in use on leads are listed first. Tags you add here are offered in the filter before any lead carries them. Rename a tag to change it on every lead.</source>
        <translation>Schlagwörter, die Leads tragen, stehen oben. Hier hinzugefügte Schlagwörter werden im Filter angeboten, bevor ein Lead sie trägt. Ein umbenanntes Schlagwort ändert sich bei jedem Lead.</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>Schlagwort hinzufügen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Schlagwort umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>When a lead is lost, LeadDesk asks why. The built-in reasons are always offered; add your team&apos;s own below them.</source>
        <translation>Geht ein Lead verloren, fragt LeadDesk nach dem Grund. Die eingebauten Gründe werden immer angeboten; fügen Sie darunter die Ihres Teams hinzu.</translation>
    </message>
    <message>
        <source>Add reason…</source>
        <translation>Grund hinzufügen…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Sources and trade fairs</source>
        <translation>Quellen und Messen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Lost reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>The new language takes effect when LeadDesk starts again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von LeadDesk.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Settings (%1)</source>
        <translation>Einstellungen (%1)</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>no cap</source>
        <translation>keine Obergrenze</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Suggest: mark the card, one click moves it</source>
        <translation>Vorschlagen: Karte markieren, ein Klick verschiebt sie</translation>
    </message>
    <message>
        <source>Move: the lead moves forward by itself</source>
        <translation>Verschieben: der Lead rückt selbst weiter</translation>
    </message>
    <message>
        <source>MQL threshold</source>
        <translation>MQL-Schwelle</translation>
    </message>
    <message>
        <source>SQL threshold</source>
        <translation>SQL-Schwelle</translation>
    </message>
    <message>
        <source>Fit cap</source>
        <translation>Profil-Obergrenze</translation>
    </message>
    <message>
        <source>Engagement cap</source>
        <translation>Engagement-Obergrenze</translation>
    </message>
    <message>
        <source>Lowest total</source>
        <translation>Niedrigste Summe</translation>
    </message>
    <message>
        <source>Highest total</source>
        <translation>Höchste Summe</translation>
    </message>
    <message>
        <source>When a threshold is crossed</source>
        <translation>Wenn eine Schwelle erreicht wird</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts – %1</source>
        <translation>Tastenkürzel – %1</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Tastenkürzel filtern</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Shortcuts of the window you were in.</source>
        <translation>Tastenkürzel des Fensters, in dem Sie waren.</translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <source>Sources come from the leads; add one before its first lead (a fair next month). A trade fair&apos;s cost gives the reports their cost per lead.</source>
        <translation>Quellen stammen aus den Leads; legen Sie eine schon vor ihrem ersten Lead an (etwa eine Messe im nächsten Monat). Die Kosten einer Messe ergeben in den Berichten die Kosten pro Lead.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Trade fair</source>
        <translation>Messe</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Selected source</source>
        <translation>Ausgewählte Quelle</translation>
    </message>
    <message>
        <source>This source is a trade fair</source>
        <translation>Diese Quelle ist eine Messe</translation>
    </message>
    <message>
        <source>From – to</source>
        <translation>Von – bis</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>Add source…</source>
        <translation>Quelle hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Only sources no lead uses can be removed</source>
        <translation>Nur Quellen, die kein Lead verwendet, lassen sich entfernen</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>Name of the source:</source>
        <translation>Name der Quelle:</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>MQL</source>
        <translation>MQL</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
</context>
<context>
    <name>StageHistoryView</name>
    <message>
        <source>New in %1</source>
        <translation>Neu in %1</translation>
    </message>
    <message>
        <source>Scoring rules</source>
        <translation>Punkteregeln</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Database merge</source>
        <translation>Datenbanken zusammengeführt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Wechsel</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n Phasenwechsel</numerusform>
            <numerusform>%n Phasenwechsel</numerusform>
        </translation>
    </message>
    <message>
        <source>Created in %1, not moved since.</source>
        <translation>In %1 angelegt, seitdem nicht verschoben.</translation>
    </message>
    <message>
        <source>No moves recorded.</source>
        <translation>Keine Wechsel erfasst.</translation>
    </message>
</context>
<context>
    <name>TodayBanner</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Open the list of follow-ups due</source>
        <translation>Die Liste der fälligen Wiedervorlagen öffnen</translation>
    </message>
    <message>
        <source>Hide this note until LeadDesk starts again</source>
        <translation>Diesen Hinweis bis zum nächsten Start ausblenden</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Follow-ups due today: %1 · overdue: %2</source>
        <translation>Heute fällige Wiedervorlagen: %1 · überfällig: %2</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Deleted leads stay here for %1 days; then they are removed for good.</source>
        <translation>Gelöschte Leads bleiben %1 Tage hier; danach werden sie endgültig entfernt.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Empty trash…</source>
        <translation>Papierkorb &amp;leeren …</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Papierkorb leeren</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n lead(s) in the trash for good? This cannot be undone.</source>
        <translation>
            <numerusform>%n Lead im Papierkorb endgültig entfernen? Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%n Leads im Papierkorb endgültig entfernen? Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove for good</source>
        <translation>Endgültig entfernen</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) removed for good.</source>
        <translation>
            <numerusform>%n Lead endgültig entfernt.</numerusform>
            <numerusform>%n Leads endgültig entfernt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
</context>
<context>
    <name>UndoImportQuestion</name>
    <message numerus="yes">
        <source>Remove %n lead(s) imported on %1 from %2?</source>
        <translation>
            <numerusform>%n Lead entfernen, der am %1 aus %2 importiert wurde?</numerusform>
            <numerusform>%n Leads entfernen, die am %1 aus %2 importiert wurden?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated lead(s) get their earlier values back.</source>
        <translation>
            <numerusform>%n aktualisierter Lead erhält seine früheren Werte zurück.</numerusform>
            <numerusform>%n aktualisierte Leads erhalten ihre früheren Werte zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Import rückgängig machen</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Initials</source>
        <translation>&amp;Kürzel</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
</context>
<context>
    <name>WhoDialog</name>
    <message>
        <source>Who is working?</source>
        <translation>Wer arbeitet hier?</translation>
    </message>
    <message>
        <source>Choose your name. LeadDesk remembers it on this computer and signs your changes with it; you can change it in Settings → People.</source>
        <translation>Wählen Sie Ihren Namen. LeadDesk merkt ihn sich auf diesem Computer und zeichnet Ihre Änderungen damit; ändern können Sie ihn unter Einstellungen → Personen.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Lead</source>
        <translation>&amp;Lead</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Accept: move to %1</source>
        <translation>Übernehmen: nach %1 verschieben</translation>
    </message>
</context>
<context>
    <name>_ListPage</name>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In Verwendung</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source> (e.g. sudo apt install {packages})</source>
        <translation> (z. B. sudo apt install {packages})</translation>
    </message>
    <message>
        <source>&apos;times&apos; and &apos;within days&apos; only apply to activity rules</source>
        <translation>„Mal“ und „innerhalb von Tagen“ gelten nur für Aktivitätsregeln</translation>
    </message>
    <message>
        <source>--format must be one of {valid}, not {format!r}</source>
        <translation>--format muss eines von {valid} sein, nicht {format!r}</translation>
    </message>
    <message>
        <source>Accepted score suggestion (score {score})</source>
        <translation>Punkte-Vorschlag übernommen (Punktzahl {score})</translation>
    </message>
    <message>
        <source>Another LeadDesk process is writing to the database; please wait a moment and try again</source>
        <translation>Ein anderer LeadDesk-Prozess schreibt gerade in die Datenbank; bitte warten Sie einen Moment und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>Any activity</source>
        <translation>Beliebige Aktivität</translation>
    </message>
    <message>
        <source>BANT sections confirmed (0–4)</source>
        <translation>Bestätigte BANT-Abschnitte (0–4)</translation>
    </message>
    <message>
        <source>BANT: authority status</source>
        <translation>BANT: Entscheider-Status</translation>
    </message>
    <message>
        <source>BANT: budget amount</source>
        <translation>BANT: Budgetbetrag</translation>
    </message>
    <message>
        <source>BANT: budget approved</source>
        <translation>BANT: Budget genehmigt</translation>
    </message>
    <message>
        <source>BANT: budget status</source>
        <translation>BANT: Budget-Status</translation>
    </message>
    <message>
        <source>BANT: is decision maker</source>
        <translation>BANT: ist Entscheider</translation>
    </message>
    <message>
        <source>BANT: need priority</source>
        <translation>BANT: Bedarf-Priorität</translation>
    </message>
    <message>
        <source>BANT: need status</source>
        <translation>BANT: Bedarf-Status</translation>
    </message>
    <message>
        <source>BANT: timing status</source>
        <translation>BANT: Zeitrahmen-Status</translation>
    </message>
    <message>
        <source>BANT: timing target</source>
        <translation>BANT: Zieltermin</translation>
    </message>
    <message>
        <source>Booth visit</source>
        <translation>Besuch am Messestand</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Company size (employees)</source>
        <translation>Firmengröße (Mitarbeiter)</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation>Auftragswert</translation>
    </message>
    <message>
        <source>Download (content)</source>
        <translation>Download (Inhalte)</translation>
    </message>
    <message>
        <source>END:VCARD without BEGIN:VCARD</source>
        <translation>END:VCARD ohne BEGIN:VCARD</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Email domain</source>
        <translation>E-Mail-Domain</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Form fill</source>
        <translation>Formular ausgefüllt</translation>
    </message>
    <message>
        <source>Import {file}, line {line}</source>
        <translation>Import {file}, Zeile {line}</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>LeadDesk could not remember who is working ({reason})</source>
        <translation>LeadDesk konnte sich nicht merken, wer hier arbeitet ({reason})</translation>
    </message>
    <message>
        <source>LeadDesk&apos;s backups copy a database file; a PostgreSQL server is backed up with the server&apos;s own tools (pg_dump)</source>
        <translation>Die Sicherungen von LeadDesk kopieren eine Datenbankdatei; ein PostgreSQL-Server wird mit den Werkzeugen des Servers gesichert (pg_dump)</translation>
    </message>
    <message>
        <source>Lost, no activity within the retention period</source>
        <translation>Verloren, keine Aktivität innerhalb der Aufbewahrungsfrist</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>QR codes are not read: the Python package zxing-cpp is missing</source>
        <translation>QR-Codes werden nicht gelesen: Das Python-Paket zxing-cpp fehlt</translation>
    </message>
    <message>
        <source>Quote request</source>
        <translation>Angebotsanfrage</translation>
    </message>
    <message>
        <source>Score {score} reached the {stage} threshold ({threshold})</source>
        <translation>Punktzahl {score} hat die {stage}-Schwelle ({threshold}) erreicht</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinar</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>a cap is the most a group may add, so 0 or more</source>
        <translation>Eine Obergrenze ist das Höchste, was eine Gruppe beitragen kann, also 0 oder mehr</translation>
    </message>
    <message>
        <source>a cost is a positive amount</source>
        <translation>Kosten sind ein positiver Betrag</translation>
    </message>
    <message>
        <source>a currency is a three-letter code such as EUR</source>
        <translation>Eine Währung ist ein Code aus drei Buchstaben, z. B. EUR</translation>
    </message>
    <message>
        <source>a dot or hyphen stands where it may not (doubled, or at the start or end of a part)</source>
        <translation>ein Punkt oder Bindestrich steht an falscher Stelle (doppelt oder am Anfang oder Ende eines Teils)</translation>
    </message>
    <message>
        <source>a duration is a number of seconds between 0 and 24 hours</source>
        <translation>Eine Dauer ist eine Anzahl Sekunden zwischen 0 und 24 Stunden</translation>
    </message>
    <message>
        <source>a follow-up needs a title</source>
        <translation>Eine Wiedervorlage braucht einen Titel</translation>
    </message>
    <message>
        <source>a lead cannot be merged with itself</source>
        <translation>Ein Lead kann nicht mit sich selbst zusammengeführt werden</translation>
    </message>
    <message>
        <source>a lead needs a name or a company</source>
        <translation>Ein Lead braucht einen Namen oder eine Firma</translation>
    </message>
    <message>
        <source>a manual change of 0 points changes nothing</source>
        <translation>Eine manuelle Änderung um 0 Punkte ändert nichts</translation>
    </message>
    <message>
        <source>a manual score change needs a reason</source>
        <translation>Eine manuelle Punkteänderung braucht eine Begründung</translation>
    </message>
    <message>
        <source>a name cannot contain a comma</source>
        <translation>ein Name darf kein Komma enthalten</translation>
    </message>
    <message>
        <source>a name has at most {n} characters</source>
        <translation>ein Name hat höchstens {n} Zeichen</translation>
    </message>
    <message>
        <source>a quote opened on line {line} is closed only on line {end}: lines that look like rows were read as one cell ({count}); check the quotes there</source>
        <translation>ein in Zeile {line} geöffnetes Anführungszeichen wird erst in Zeile {end} geschlossen: Zeilen, die wie Datensätze aussehen, wurden als eine Zelle gelesen ({count}); bitte prüfen Sie dort die Anführungszeichen</translation>
    </message>
    <message>
        <source>import {id} cannot be undone: leads changed after it: {count} (e.g. lead {first}); nothing was changed. Undo later imports first, or force the undo to keep those leads as they are</source>
        <translation>Import {id} kann nicht rückgängig gemacht werden: danach geänderte Leads: {count} (z. B. Lead {first}); nichts wurde geändert. Machen Sie zuerst spätere Importe rückgängig oder erzwingen Sie das Rückgängigmachen, dann bleiben diese Leads, wie sie sind</translation>
    </message>
    <message>
        <source>leads changed since the dry run; records with errors after checking again: {count}; nothing was imported: {first}</source>
        <translation>seit der Prüfung haben sich Leads geändert; Datensätze mit Fehlern nach erneuter Prüfung: {count}; nichts wurde importiert: {first}</translation>
    </message>
    <message>
        <source>the database {database} lacks these extensions, which this role may not create: {names}; an administrator must run: sudo -u postgres psql -d {database} -c &quot;{sql}&quot;</source>
        <translation>der Datenbank {database} fehlen diese Erweiterungen, die diese Rolle nicht anlegen darf: {names}; ein Administrator muss ausführen: sudo -u postgres psql -d {database} -c &quot;{sql}&quot;</translation>
    </message>
    <message>
        <source>the server lacks these extensions: {names}; install PostgreSQL&apos;s contrib package on the server (Debian/Ubuntu: apt install postgresql-contrib), then run: leaddesk server init URL</source>
        <translation>dem Server fehlen diese Erweiterungen: {names}; installieren Sie auf dem Server das contrib-Paket von PostgreSQL (Debian/Ubuntu: apt install postgresql-contrib) und führen Sie dann aus: leaddesk server init URL</translation>
    </message>
    <message>
        <source>unknown sections: {sections}</source>
        <translation>unbekannte Abschnitte: {sections}</translation>
    </message>
    <message>
        <source>a range needs a minimum, a maximum or both</source>
        <translation>Ein Bereich braucht ein Minimum, ein Maximum oder beides</translation>
    </message>
    <message>
        <source>a saved filter named {name!r} exists</source>
        <translation>ein gespeicherter Filter namens {name!r} existiert bereits</translation>
    </message>
    <message>
        <source>a tag needs a name without commas</source>
        <translation>ein Schlagwort braucht einen Namen ohne Kommas</translation>
    </message>
    <message>
        <source>a target is a date (2027-03-31) or a quarter (2027-Q1)</source>
        <translation>Ein Ziel ist ein Datum (2027-03-31) oder ein Quartal (2027-Q1)</translation>
    </message>
    <message>
        <source>a task due at a time needs a date and a time</source>
        <translation>Eine Aufgabe mit Uhrzeit braucht Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>a threshold is required</source>
        <translation>Eine Schwelle ist erforderlich</translation>
    </message>
    <message>
        <source>a user needs a name</source>
        <translation>ein Benutzer braucht einen Namen</translation>
    </message>
    <message>
        <source>activities are engagement (what they did), not fit</source>
        <translation>Aktivitäten gehören zum Engagement (was jemand getan hat), nicht zum Profil</translation>
    </message>
    <message>
        <source>activity {id} does not exist</source>
        <translation>Aktivität {id} gibt es nicht</translation>
    </message>
    <message>
        <source>an empty text matches everything or nothing; use is_empty / is_set</source>
        <translation>Ein leerer Text passt auf alles oder nichts; verwenden Sie „ist leer“ / „ist ausgefüllt“</translation>
    </message>
    <message>
        <source>asked not to be contacted on {date} (same {what})</source>
        <translation>hat am {date} gebeten, nicht kontaktiert zu werden (gleiche {what})</translation>
    </message>
    <message>
        <source>at least 1 time (and at most 1000)</source>
        <translation>mindestens 1 Mal (und höchstens 1000 Mal)</translation>
    </message>
    <message>
        <source>at most ±1000 points at once</source>
        <translation>höchstens ±1000 Punkte auf einmal</translation>
    </message>
    <message>
        <source>backup works only for a SQLite database file</source>
        <translation>Eine Sicherung ist nur für eine SQLite-Datenbankdatei möglich</translation>
    </message>
    <message>
        <source>call draft {id} does not exist</source>
        <translation>Gesprächsentwurf {id} gibt es nicht</translation>
    </message>
    <message>
        <source>cannot be changed</source>
        <translation>kann nicht geändert werden</translation>
    </message>
    <message>
        <source>cannot open the database {file}; check that the folder exists and is writable</source>
        <translation>Die Datenbank {file} lässt sich nicht öffnen; prüfen Sie, ob der Ordner existiert und beschreibbar ist</translation>
    </message>
    <message>
        <source>cannot reach a PostgreSQL server at {server}: {detail} (is it running; are host and port right?)</source>
        <translation>kein PostgreSQL-Server erreichbar unter {server}: {detail} (läuft er; stimmen Rechner und Port?)</translation>
    </message>
    <message>
        <source>cannot read the file as {encoding}: {detail}</source>
        <translation>Die Datei lässt sich nicht als {encoding} lesen: {detail}</translation>
    </message>
    <message>
        <source>cannot read {raw!r} as a phone number; kept as typed</source>
        <translation>{raw!r} ist als Telefonnummer nicht lesbar; so übernommen, wie eingegeben</translation>
    </message>
    <message>
        <source>card has no END:VCARD (file cut off?); it was not imported</source>
        <translation>Karte ohne END:VCARD (Datei abgeschnitten?); sie wurde nicht importiert</translation>
    </message>
    <message>
        <source>card has no END:VCARD; it was not imported</source>
        <translation>Karte ohne END:VCARD; sie wurde nicht importiert</translation>
    </message>
    <message>
        <source>cells beyond the last column were ignored: {count}</source>
        <translation>Zellen hinter der letzten Spalte übersprungen: {count}</translation>
    </message>
    <message>
        <source>choose &apos;keep&apos; or &apos;other&apos;, not {choice!r}</source>
        <translation>Wählen Sie „keep“ oder „other“, nicht {choice!r}</translation>
    </message>
    <message>
        <source>choose a source</source>
        <translation>wählen Sie eine Quelle</translation>
    </message>
    <message>
        <source>choose an outcome ({valid})</source>
        <translation>Wählen Sie ein Ergebnis ({valid})</translation>
    </message>
    <message>
        <source>choose at least one working day</source>
        <translation>wählen Sie mindestens einen Arbeitstag</translation>
    </message>
    <message>
        <source>contains NUL bytes: not a text CSV file</source>
        <translation>enthält NUL-Bytes: keine CSV-Textdatei</translation>
    </message>
    <message>
        <source>copied {rows} rows in {tables} tables to {target} in {seconds} s; counts and checksums agree</source>
        <translation>{rows} Zeilen in {tables} Tabellen nach {target} kopiert in {seconds} s; Anzahlen und Prüfsummen stimmen überein</translation>
    </message>
    <message>
        <source>customer: retention under §257 HGB ended</source>
        <translation>Kunde: Aufbewahrungsfrist nach §257 HGB abgelaufen</translation>
    </message>
    <message>
        <source>database error in {file}: {detail}</source>
        <translation>Datenbankfehler in {file}: {detail}</translation>
    </message>
    <message>
        <source>database merge cancelled; nothing was changed</source>
        <translation>Zusammenführen der Datenbanken abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>decay needs 1 to {max} days</source>
        <translation>Der Verfall braucht 1 bis {max} Tage</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>enter between 0 and 365 days</source>
        <translation>geben Sie zwischen 0 und 365 Tagen ein</translation>
    </message>
    <message>
        <source>enter between 0 and 60 working days</source>
        <translation>geben Sie 0 bis 60 Arbeitstage ein</translation>
    </message>
    <message>
        <source>erased on {date} at the person&apos;s request (same record)</source>
        <translation>am {date} auf Wunsch der Person gelöscht (gleicher Datensatz)</translation>
    </message>
    <message>
        <source>erased on {date} at the person&apos;s request (same {what})</source>
        <translation>am {date} auf Wunsch der Person gelöscht (gleiche {what})</translation>
    </message>
    <message>
        <source>expected a date and time</source>
        <translation>Datum und Uhrzeit erwartet</translation>
    </message>
    <message>
        <source>expected yes, no or unknown</source>
        <translation>erwartet: ja, nein oder unbekannt</translation>
    </message>
    <message>
        <source>export cancelled; no file was written</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben</translation>
    </message>
    <message>
        <source>give the filter a name</source>
        <translation>geben Sie dem Filter einen Namen</translation>
    </message>
    <message>
        <source>import cancelled; nothing was changed</source>
        <translation>Import abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>import {id} does not exist</source>
        <translation>Import {id} gibt es nicht</translation>
    </message>
    <message>
        <source>import {id} was already undone on {when}</source>
        <translation>Import {id} wurde bereits am {when} rückgängig gemacht</translation>
    </message>
    <message>
        <source>initials have at most {n} characters</source>
        <translation>ein Kürzel hat höchstens {n} Zeichen</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>ist kein Objekt</translation>
    </message>
    <message>
        <source>it contains characters an email address cannot hold</source>
        <translation>sie enthält Zeichen, die in einer E-Mail-Adresse nicht vorkommen dürfen</translation>
    </message>
    <message>
        <source>it is not written the way an email address is</source>
        <translation>sie ist nicht wie eine E-Mail-Adresse geschrieben</translation>
    </message>
    <message>
        <source>keep the wording the person agreed to</source>
        <translation>Bitte den Wortlaut festhalten, dem die Person zugestimmt hat</translation>
    </message>
    <message>
        <source>language data missing</source>
        <translation>Sprachdaten fehlen</translation>
    </message>
    <message>
        <source>lead {id}</source>
        <translation>Lead {id}</translation>
    </message>
    <message>
        <source>lead {id} does not exist</source>
        <translation>Lead {id} gibt es nicht</translation>
    </message>
    <message>
        <source>lead {id} is not in the column {stage}</source>
        <translation>Lead {id} steht nicht in der Spalte {stage}</translation>
    </message>
    <message>
        <source>line {name!r} has no value (no &apos;:&apos;); ignored</source>
        <translation>Zeile {name!r} hat keinen Wert (kein „:“); übersprungen</translation>
    </message>
    <message>
        <source>moving a lead back from {old} to {new} needs a reason</source>
        <translation>Ein Lead braucht einen Grund, um von {old} zurück nach {new} zu wandern</translation>
    </message>
    <message>
        <source>moving a lead to Lost needs a reason</source>
        <translation>Für „Verloren“ braucht es einen Grund</translation>
    </message>
    <message>
        <source>moving leads to Lost or back needs a reason</source>
        <translation>Leads nach Verloren oder zurück zu verschieben braucht einen Grund</translation>
    </message>
    <message>
        <source>must be between 0 and {max}</source>
        <translation>muss zwischen 0 und {max} liegen</translation>
    </message>
    <message>
        <source>name a tag to add or remove</source>
        <translation>Nennen Sie ein Schlagwort zum Hinzufügen oder Entfernen</translation>
    </message>
    <message>
        <source>name and company</source>
        <translation>Name und Firma</translation>
    </message>
    <message>
        <source>name the purpose the person agreed to</source>
        <translation>Bitte den Zweck nennen, dem die Person zugestimmt hat</translation>
    </message>
    <message>
        <source>needs a &quot;rules&quot; list</source>
        <translation>braucht eine Liste „rules“</translation>
    </message>
    <message>
        <source>needs a date and time with a time zone</source>
        <translation>braucht Datum und Uhrzeit mit Zeitzone</translation>
    </message>
    <message>
        <source>needs a time zone</source>
        <translation>braucht eine Zeitzone</translation>
    </message>
    <message>
        <source>needs {{&quot;min&quot;: number, &quot;max&quot;: number}} (either may be left out)</source>
        <translation>braucht {{&quot;min&quot;: Zahl, &quot;max&quot;: Zahl}} (eines davon darf fehlen)</translation>
    </message>
    <message>
        <source>no activity within the retention period</source>
        <translation>keine Aktivität innerhalb der Aufbewahrungsfrist</translation>
    </message>
    <message>
        <source>no column is recognised as a name, company or email; map the columns first</source>
        <translation>Keine Spalte wird als Name, Firma oder E-Mail erkannt; bitte zuerst die Spalten zuordnen</translation>
    </message>
    <message>
        <source>no consent, no activity within the retention period</source>
        <translation>keine Einwilligung, keine Aktivität innerhalb der Aufbewahrungsfrist</translation>
    </message>
    <message>
        <source>no header line found</source>
        <translation>keine Kopfzeile gefunden</translation>
    </message>
    <message>
        <source>no lead has the uid or number {key!r}</source>
        <translation>kein Lead hat die UID oder Nummer {key!r}</translation>
    </message>
    <message>
        <source>no lead with uid {uid}</source>
        <translation>kein Lead mit der UID {uid}</translation>
    </message>
    <message>
        <source>no name given; taken from the email address {email}</source>
        <translation>kein Name angegeben; aus der E-Mail-Adresse {email} übernommen</translation>
    </message>
    <message>
        <source>not a LeadDesk rules file (expected &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>keine LeadDesk-Regeldatei (erwartet: &quot;format&quot;: &quot;{format}&quot;)</translation>
    </message>
    <message>
        <source>not a vCard file (no BEGIN:VCARD found)</source>
        <translation>keine vCard-Datei (kein BEGIN:VCARD gefunden)</translation>
    </message>
    <message>
        <source>not imported: {reason}</source>
        <translation>nicht importiert: {reason}</translation>
    </message>
    <message>
        <source>not readable as CSV: {detail}</source>
        <translation>als CSV nicht lesbar: {detail}</translation>
    </message>
    <message>
        <source>not valid JSON (line {line}, column {column}): {detail}</source>
        <translation>kein gültiges JSON (Zeile {line}, Spalte {column}): {detail}</translation>
    </message>
    <message>
        <source>nothing stands after the @</source>
        <translation>nach dem @ steht nichts</translation>
    </message>
    <message>
        <source>nothing stands before the @</source>
        <translation>vor dem @ steht nichts</translation>
    </message>
    <message>
        <source>one_of needs a non-empty list of values</source>
        <translation>„ist eines von“ braucht eine nicht leere Liste von Werten</translation>
    </message>
    <message>
        <source>only activity rules fade over time</source>
        <translation>Nur Aktivitätsregeln verfallen mit der Zeit</translation>
    </message>
    <message>
        <source>only calls and meetings have a duration</source>
        <translation>Nur Anrufe und Termine haben eine Dauer</translation>
    </message>
    <message>
        <source>only calls have an outcome</source>
        <translation>Nur Anrufe haben ein Ergebnis</translation>
    </message>
    <message>
        <source>people erased: {count} (merged records with them: {merged}); rows deleted: {deleted}, rows emptied: {scrubbed}; kept anonymously: stage changes ({stages}), value and source</source>
        <translation>Gelöschte Personen: {count} (mit ihnen zusammengeführte Datensätze: {merged}); gelöschte Zeilen: {deleted}, geleerte Zeilen: {scrubbed}; anonym erhalten: Stufenwechsel ({stages}), Wert und Quelle</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>photo of {size} MB left out (limit {limit} MB)</source>
        <translation>Foto mit {size} MB weggelassen (Grenze {limit} MB)</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>points must be between -{max} and {max}</source>
        <translation>Punkte müssen zwischen -{max} und {max} liegen</translation>
    </message>
    <message>
        <source>possible duplicate of {other} ({display}): same email address, but the names differ; imported as a new lead</source>
        <translation>mögliche Dublette von {other} ({display}): gleiche E-Mail-Adresse, aber abweichende Namen; als neuer Lead importiert</translation>
    </message>
    <message>
        <source>possible duplicate of {other} ({display}): same phone number, but the names differ; imported as a new lead</source>
        <translation>mögliche Dublette von {other} ({display}): gleiche Telefonnummer, aber abweichende Namen; als neuer Lead importiert</translation>
    </message>
    <message>
        <source>priority is a number from 1 (low) to 5 (urgent)</source>
        <translation>Die Priorität ist eine Zahl von 1 (niedrig) bis 5 (dringend)</translation>
    </message>
    <message>
        <source>reading business cards needs Tesseract OCR: install {packages}{hint}</source>
        <translation>Zum Lesen von Visitenkarten wird Tesseract OCR benötigt: Installieren Sie {packages}{hint}</translation>
    </message>
    <message>
        <source>reading business cards needs Tesseract OCR: install {packages}{hint}; {detail}</source>
        <translation>Zum Lesen von Visitenkarten wird Tesseract OCR benötigt: Installieren Sie {packages}{hint}; {detail}</translation>
    </message>
    <message>
        <source>record has no name, no organisation and no email address</source>
        <translation>Datensatz ohne Name, Firma und E-Mail-Adresse</translation>
    </message>
    <message>
        <source>records with errors: {count}; nothing was imported (fix or skip them): {first}</source>
        <translation>Datensätze mit Fehlern: {count}; nichts wurde importiert (korrigieren oder überspringen): {first}</translation>
    </message>
    <message>
        <source>rescoring was cancelled; no score was changed</source>
        <translation>Neubewertung abgebrochen; keine Punktzahl wurde geändert</translation>
    </message>
    <message>
        <source>same email address as lead {id} ({display}) in the trash; imported as a new lead (or restore that one from the trash)</source>
        <translation>gleiche E-Mail-Adresse wie Lead {id} ({display}) im Papierkorb; als neuer Lead importiert (oder jenen aus dem Papierkorb wiederherstellen)</translation>
    </message>
    <message>
        <source>same phone number as lead {id} ({display}) in the trash; imported as a new lead (or restore that one from the trash)</source>
        <translation>gleiche Telefonnummer wie Lead {id} ({display}) im Papierkorb; als neuer Lead importiert (oder jenen aus dem Papierkorb wiederherstellen)</translation>
    </message>
    <message>
        <source>task {id} does not exist</source>
        <translation>Aufgabe {id} gibt es nicht</translation>
    </message>
    <message>
        <source>tesseract does not run: {detail}</source>
        <translation>Tesseract startet nicht: {detail}</translation>
    </message>
    <message>
        <source>the @ sign is missing</source>
        <translation>das @-Zeichen fehlt</translation>
    </message>
    <message>
        <source>the Python package pytesseract is not installed</source>
        <translation>das Python-Paket pytesseract ist nicht installiert</translation>
    </message>
    <message>
        <source>the SQL threshold must be above the MQL threshold</source>
        <translation>Die SQL-Schwelle muss über der MQL-Schwelle liegen</translation>
    </message>
    <message>
        <source>the address is too long</source>
        <translation>die Adresse ist zu lang</translation>
    </message>
    <message>
        <source>the copy on {target} differs from the source in: {tables}</source>
        <translation>die Kopie auf {target} weicht von der Quelle ab in: {tables}</translation>
    </message>
    <message>
        <source>the database is being restored from a backup; try again in a moment</source>
        <translation>die Datenbank wird gerade aus einer Sicherung wiederhergestellt; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <source>the database is damaged (found while reading it); restore the newest good backup (leaddesk backup --list, then leaddesk restore)</source>
        <translation>die Datenbank ist beschädigt (beim Lesen festgestellt); stellen Sie die neueste gute Sicherung wieder her (leaddesk backup --list, dann leaddesk restore)</translation>
    </message>
    <message>
        <source>the database is damaged and was opened read-only; restore the newest good backup (leaddesk backup --list, then leaddesk restore)</source>
        <translation>die Datenbank ist beschädigt und wurde nur zum Lesen geöffnet; stellen Sie die neueste gute Sicherung wieder her (leaddesk backup --list, dann leaddesk restore)</translation>
    </message>
    <message>
        <source>the database is damaged; a backup of it would replace good backups</source>
        <translation>die Datenbank ist beschädigt; eine Sicherung davon würde gute Sicherungen verdrängen</translation>
    </message>
    <message>
        <source>the database is open in LeadDesk or another program; close it and try again (nothing was changed)</source>
        <translation>die Datenbank ist in LeadDesk oder einem anderen Programm geöffnet; schließen Sie es und versuchen Sie es erneut (nichts wurde geändert)</translation>
    </message>
    <message>
        <source>the database {database} has an older LeadDesk schema ({revision}, this LeadDesk: {head}); upgrade it with: leaddesk server init URL</source>
        <translation>die Datenbank {database} hat ein älteres LeadDesk-Schema ({revision}, dieses LeadDesk: {head}); aktualisieren mit: leaddesk server init URL</translation>
    </message>
    <message>
        <source>the database {database} has no LeadDesk tables yet; run: leaddesk server init URL</source>
        <translation>die Datenbank {database} hat noch keine LeadDesk-Tabellen; ausführen: leaddesk server init URL</translation>
    </message>
    <message>
        <source>the database {database} was set up by a newer LeadDesk (schema {revision}); update LeadDesk on this computer</source>
        <translation>die Datenbank {database} wurde von einem neueren LeadDesk eingerichtet (Schema {revision}); aktualisieren Sie LeadDesk auf diesem Computer</translation>
    </message>
    <message>
        <source>the database {file} is in use by another program (locked); close it and try again</source>
        <translation>Die Datenbank {file} wird von einem anderen Programm verwendet (gesperrt); schließen Sie es und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the database {file} is read-only; check the file&apos;s permissions</source>
        <translation>Die Datenbank {file} ist schreibgeschützt; prüfen Sie die Zugriffsrechte der Datei</translation>
    </message>
    <message>
        <source>the disk holding {file} is full</source>
        <translation>Das Laufwerk mit {file} ist voll</translation>
    </message>
    <message>
        <source>the fair {name!r} ends before it starts</source>
        <translation>die Messe {name!r} endet, bevor sie beginnt</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <source>the highest total must not be below the lowest</source>
        <translation>Die höchste Summe darf nicht unter der niedrigsten liegen</translation>
    </message>
    <message>
        <source>the minimum {low} is above the maximum {high}</source>
        <translation>Das Minimum {low} liegt über dem Maximum {high}</translation>
    </message>
    <message>
        <source>the new backup failed its check ({problem}); nothing was kept</source>
        <translation>die neue Sicherung hat die Prüfung nicht bestanden ({problem}); sie wurde nicht behalten</translation>
    </message>
    <message>
        <source>the part after the @ is no domain that can receive email (such as firma.de)</source>
        <translation>der Teil nach dem @ ist keine Domain, die E-Mails empfangen kann (wie firma.de)</translation>
    </message>
    <message>
        <source>the period ends before it starts</source>
        <translation>der Zeitraum endet, bevor er beginnt</translation>
    </message>
    <message>
        <source>the picture is too large to read (over {limit} megapixels)</source>
        <translation>das Bild ist zu groß zum Lesen (über {limit} Megapixel)</translation>
    </message>
    <message>
        <source>the role {user} may not create LeadDesk&apos;s tables in the database {database} (schema public belongs to the database&apos;s owner); an administrator must run: sudo -u postgres psql -c &quot;ALTER DATABASE {database} OWNER TO {user};&quot;</source>
        <translation>die Rolle {user} darf in der Datenbank {database} keine LeadDesk-Tabellen anlegen (das Schema public gehört dem Eigentümer der Datenbank); ein Administrator muss ausführen: sudo -u postgres psql -c &quot;ALTER DATABASE {database} OWNER TO {user};&quot;</translation>
    </message>
    <message>
        <source>the saved filter no longer exists</source>
        <translation>der gespeicherte Filter existiert nicht mehr</translation>
    </message>
    <message>
        <source>the server {server} has no database {database}; create it first (README: An office server in ten minutes)</source>
        <translation>der Server {server} hat keine Datenbank {database}; legen Sie sie zuerst an (README: An office server in ten minutes)</translation>
    </message>
    <message>
        <source>the server {server} refused the login of {user}: {detail} (check the password in ~/.pgpass or store it with: leaddesk server password URL)</source>
        <translation>der Server {server} hat die Anmeldung von {user} abgelehnt: {detail} (prüfen Sie das Passwort in ~/.pgpass oder speichern Sie es mit: leaddesk server password URL)</translation>
    </message>
    <message>
        <source>the server {server} runs PostgreSQL {version}; LeadDesk needs 15 or newer</source>
        <translation>auf dem Server {server} läuft PostgreSQL {version}; LeadDesk braucht 15 oder neuer</translation>
    </message>
    <message>
        <source>the system keyring is not available (pip install &apos;leaddesk[keyring]&apos;); put the password into ~/.pgpass instead</source>
        <translation>der Schlüsselbund des Systems ist nicht verfügbar (pip install &apos;leaddesk[keyring]&apos;); tragen Sie das Passwort stattdessen in ~/.pgpass ein</translation>
    </message>
    <message>
        <source>the system keyring refused the password: {detail}</source>
        <translation>der Schlüsselbund des Systems hat das Passwort abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>the tesseract program was not found</source>
        <translation>das Programm tesseract wurde nicht gefunden</translation>
    </message>
    <message>
        <source>the uid is longer than {max} characters; a new one is given</source>
        <translation>die UID ist länger als {max} Zeichen; eine neue wird vergeben</translation>
    </message>
    <message>
        <source>there is no user {name!r}</source>
        <translation>es gibt keinen Benutzer {name!r}</translation>
    </message>
    <message>
        <source>this database was written by a newer LeadDesk (schema {schema}); please update LeadDesk to open it — the file was left untouched</source>
        <translation>Diese Datenbank wurde von einer neueren LeadDesk-Version geschrieben (Schema {schema}); bitte aktualisieren Sie LeadDesk, um sie zu öffnen – die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <source>this lead has no score suggestion to accept</source>
        <translation>Für diesen Lead gibt es keinen Punktevorschlag zum Übernehmen</translation>
    </message>
    <message>
        <source>this person cannot be added: {reason}</source>
        <translation>diese Person kann nicht angelegt werden: {reason}</translation>
    </message>
    <message>
        <source>times</source>
        <translation>Mal</translation>
    </message>
    <message>
        <source>type the address alone, without a name or angle brackets</source>
        <translation>geben Sie nur die Adresse ein, ohne Namen und spitze Klammern</translation>
    </message>
    <message>
        <source>unknown activity kind {kind!r} (valid: {valid})</source>
        <translation>unbekannte Aktivitätsart {kind!r} (gültig: {valid})</translation>
    </message>
    <message>
        <source>unknown call outcome {outcome!r} (valid: {valid})</source>
        <translation>unbekanntes Gesprächsergebnis {outcome!r} (gültig: {valid})</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>unbekanntes Feld</translation>
    </message>
    <message>
        <source>unknown field {field!r} (valid: {valid})</source>
        <translation>unbekanntes Feld {field!r} (gültig: {valid})</translation>
    </message>
    <message>
        <source>unknown operator {operator!r} (valid: {valid})</source>
        <translation>unbekannte Bedingung {operator!r} (gültig: {valid})</translation>
    </message>
    <message>
        <source>unknown rule attribute</source>
        <translation>unbekannte Regeleigenschaft</translation>
    </message>
    <message>
        <source>unknown setting</source>
        <translation>unbekannte Einstellung</translation>
    </message>
    <message>
        <source>unknown stage {stage!r} (valid: {valid})</source>
        <translation>unbekannte Phase {stage!r} (gültig: {valid})</translation>
    </message>
    <message>
        <source>unknown stage {stage!r}; imported as a lead</source>
        <translation>unbekannte Phase {stage!r}; als Lead importiert</translation>
    </message>
    <message>
        <source>unknown status {status!r}</source>
        <translation>unbekannter Status {status!r}</translation>
    </message>
    <message>
        <source>unknown time zone {tz!r}</source>
        <translation>unbekannte Zeitzone {tz!r}</translation>
    </message>
    <message>
        <source>unreadable property; ignored</source>
        <translation>unlesbare Eigenschaft; übersprungen</translation>
    </message>
    <message>
        <source>vCard version must be 3.0 or 4.0, not {version!r}</source>
        <translation>Die vCard-Version muss 3.0 oder 4.0 sein, nicht {version!r}</translation>
    </message>
    <message>
        <source>within 1 to {max} days</source>
        <translation>innerhalb von 1 bis {max} Tagen</translation>
    </message>
    <message>
        <source>written by a newer LeadDesk; please update to import it</source>
        <translation>von einer neueren LeadDesk-Version geschrieben; bitte aktualisieren Sie LeadDesk, um sie zu importieren</translation>
    </message>
    <message>
        <source>{email!r} is not an email address</source>
        <translation>{email!r} ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>{file} is damaged: {problem}</source>
        <translation>{file} ist beschädigt: {problem}</translation>
    </message>
    <message>
        <source>{file} is not a LeadDesk database</source>
        <translation>{file} ist keine LeadDesk-Datenbank</translation>
    </message>
    <message>
        <source>{file} is not a LeadDesk database ({detail})</source>
        <translation>{file} ist keine LeadDesk-Datenbank ({detail})</translation>
    </message>
    <message>
        <source>{file} is not a LeadDesk database or is damaged ({detail})</source>
        <translation>{file} ist keine LeadDesk-Datenbank oder ist beschädigt ({detail})</translation>
    </message>
    <message>
        <source>{file} is not a LeadDesk database or is damaged ({detail}); restore a backup</source>
        <translation>{file} ist keine LeadDesk-Datenbank oder ist beschädigt ({detail}); stellen Sie eine Sicherung wieder her</translation>
    </message>
    <message>
        <source>{file} is the database LeadDesk has open</source>
        <translation>{file} ist die Datenbank, die LeadDesk gerade geöffnet hat</translation>
    </message>
    <message>
        <source>{file} was written by a newer LeadDesk; update LeadDesk to merge it</source>
        <translation>{file} wurde von einer neueren LeadDesk-Version geschrieben; aktualisieren Sie LeadDesk, um sie zusammenzuführen</translation>
    </message>
    <message>
        <source>{file}, line {line}</source>
        <translation>{file}, Zeile {line}</translation>
    </message>
    <message>
        <source>{file}, line {line}: {message}</source>
        <translation>{file}, Zeile {line}: {message}</translation>
    </message>
    <message>
        <source>{file}: cannot read this file (permission denied)</source>
        <translation>{file}: Die Datei kann nicht gelesen werden (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>{file}: no such backup file</source>
        <translation>{file}: Diese Sicherungsdatei gibt es nicht</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}: Diese Datei gibt es nicht</translation>
    </message>
    <message>
        <source>{file}: {message}</source>
        <translation>{file}: {message}</translation>
    </message>
    <message>
        <source>{group!r} is not a group (valid: fit, engagement)</source>
        <translation>{group!r} ist keine Gruppe (gültig: fit, engagement)</translation>
    </message>
    <message>
        <source>{label} is a number; {value!r} is not</source>
        <translation>{label} ist eine Zahl; {value!r} ist keine</translation>
    </message>
    <message>
        <source>{mode!r} is not a decay (valid: {valid})</source>
        <translation>{mode!r} ist keine Verfallsart (gültig: {valid})</translation>
    </message>
    <message>
        <source>{mode!r} is not a mode (valid: suggest, move)</source>
        <translation>{mode!r} ist kein Modus (gültig: suggest, move)</translation>
    </message>
    <message>
        <source>{name!r} is a user already</source>
        <translation>{name!r} ist schon ein Benutzer</translation>
    </message>
    <message>
        <source>{operator!r} does not apply to {label} (valid: {valid})</source>
        <translation>{operator!r} passt nicht zu {label} (gültig: {valid})</translation>
    </message>
    <message>
        <source>{operator} compares with a single value, not a list</source>
        <translation>{operator} vergleicht mit einem einzelnen Wert, nicht mit einer Liste</translation>
    </message>
    <message>
        <source>{operator} needs a text or a non-empty list of texts</source>
        <translation>{operator} braucht einen Text oder eine nicht leere Liste von Texten</translation>
    </message>
    <message>
        <source>{path}: cannot read the file ({reason})</source>
        <translation>{path}: Die Datei lässt sich nicht lesen ({reason})</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid email address: {detail}</source>
        <translation>{raw!r} ist keine gültige E-Mail-Adresse: {detail}</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid number in {region}; stored as {value}, please check</source>
        <translation>{raw!r} ist in {region} keine gültige Nummer; gespeichert als {value}, bitte prüfen</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid phone number; kept as typed</source>
        <translation>{raw!r} ist keine gültige Telefonnummer; so übernommen, wie eingegeben</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid phone number; stored as {value}, please check</source>
        <translation>{raw!r} ist keine gültige Telefonnummer; gespeichert als {value}, bitte prüfen</translation>
    </message>
    <message>
        <source>{reason!r} is a built-in reason already</source>
        <translation>{reason!r} ist bereits ein eingebauter Grund</translation>
    </message>
    <message>
        <source>{reason}; kept in the notes</source>
        <translation>{reason}; in den Notizen aufbewahrt</translation>
    </message>
    <message>
        <source>{target} already holds LeadDesk data (tables: {tables}); migrate-to only copies into an empty database — nothing was copied</source>
        <translation>{target} enthält schon LeadDesk-Daten (Tabellen: {tables}); migrate-to kopiert nur in eine leere Datenbank – nichts wurde kopiert</translation>
    </message>
    <message>
        <source>{url} is not a PostgreSQL address (postgresql://user@host/database)</source>
        <translation>{url} ist keine PostgreSQL-Adresse (postgresql://benutzer@rechner/datenbank)</translation>
    </message>
    <message>
        <source>{url} is not a database address (postgresql://user@host/database)</source>
        <translation>{url} ist keine Datenbankadresse (postgresql://benutzer@rechner/datenbank)</translation>
    </message>
    <message>
        <source>{value!r} is not a date (expected YYYY-MM-DD)</source>
        <translation>{value!r} ist kein Datum (erwartet: JJJJ-MM-TT)</translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation>{value!r} ist keine Zahl</translation>
    </message>
    <message>
        <source>{value!r} is not a number of employees</source>
        <translation>{value!r} ist keine Mitarbeiterzahl</translation>
    </message>
    <message>
        <source>{value!r} is not a text</source>
        <translation>{value!r} ist kein Text</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number ({what})</source>
        <translation>{value!r} ist keine ganze Zahl ({what})</translation>
    </message>
    <message>
        <source>{value!r} is not an amount of money (a number ≥ 0)</source>
        <translation>{value!r} ist kein Geldbetrag (eine Zahl ≥ 0)</translation>
    </message>
    <message>
        <source>{value!r} is not true or false</source>
        <translation>{value!r} ist weder wahr noch falsch</translation>
    </message>
    <message>
        <source>{what} was changed elsewhere (you edited version {expected}, it is now at version {actual}); nothing was saved</source>
        <translation>{what} wurde inzwischen an anderer Stelle geändert (Sie haben Version {expected} bearbeitet, jetzt ist es Version {actual}); nichts wurde gespeichert</translation>
    </message>
    <message>
        <source>{where}: PostgreSQL {version}, LeadDesk schema {revision}: ready</source>
        <translation>{where}: PostgreSQL {version}, LeadDesk-Schema {revision}: bereit</translation>
    </message>
</context>
</TS>
