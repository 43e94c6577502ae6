<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivityEditDialog</name>
    <message>
        <source>Edit activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ActivityTimeline</name>
    <message>
        <source>Kind of activity (Ctrl+L; type its first letter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What happened? Enter adds it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When it happened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Activity not saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>LeadDesk is already open with this database (%1). Switch to that window.</source>
        <translation>LeadDesk ist mit dieser Datenbank (%1) schon geöffnet. Bitte wechseln Sie zu diesem Fenster.</translation>
    </message>
    <message>
        <source>LeadDesk cannot open its database.</source>
        <translation>LeadDesk kann seine Datenbank nicht öffnen.</translation>
    </message>
    <message>
        <source>Unexpected error while opening the database:</source>
        <translation>Unerwarteter Fehler beim Öffnen der Datenbank:</translation>
    </message>
</context>
<context>
    <name>CallResultDialog</name>
    <message>
        <source>Call logged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call logged: %1, %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BANT: %1 of 4 confirmed; %2 field(s) changed in this call.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up “%1” due %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The qualification rule is met: move this lead to &lt;b&gt;SQL&lt;/b&gt;?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move to &amp;SQL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A section does not fit: mark this lead as &lt;b&gt;Lost&lt;/b&gt;?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark as &amp;Lost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keep stage</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <source>Discovery call — %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Anything else said in the call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;End call…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>End the call (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+1…4: sections · Tab: next field · first letter picks a status · Ctrl+Enter: end call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Deal value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ca&amp;ll notes (Ctrl+5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — meets the qualification rule: suggests &lt;b&gt;SQL&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — does not fit: %2 (suggests Lost)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — does not fit: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1/4 confirmed&lt;/b&gt; — still open: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft not saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please fix: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discovery call — BANT %1/4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stage not changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start &amp;discovery call</source>
        <translation type="unfinished" />
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
        <source>BANT %1/4</source>
        <translation>BANT %1/4</translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n Lead</numerusform><numerusform>%n Leads</numerusform></translation>
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
</context>
<context>
    <name>DraftRecoveryDialog</name>
    <message>
        <source>Unfinished calls</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>These discovery calls were not ended — LeadDesk kept everything you typed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — last saved %2, %3 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Resume call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EndCallDialog</name>
    <message>
        <source>End call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call duration: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Qualified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Needs &amp;follow-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Disqualified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not &amp;reached</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Next step: follow-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;What</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;ue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;End call</source>
        <translation type="unfinished" />
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
        <source>Only leads whose next follow-up is today or overdue</source>
        <translation>Nur Leads, deren Wiedervorlage heute fällig oder überfällig ist</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
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
        <source>&amp;Done (Ctrl+D)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next &amp;working day (Ctrl+T)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reschedule… (Ctrl+R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open lead (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due today / overdue: %1 (%2 overdue)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No follow-ups due. Well done.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadEditor</name>
    <message>
        <source>Edit lead – %1</source>
        <extracomment>(field, kind) per tab; kinds: text, combo, int, money, date, notes, consent</extracomment>
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
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
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
        <source>Show &amp;Lost column</source>
        <translation>Spalte &amp;Verloren zeigen</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Board</translation>
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
        <source>&amp;About LeadDesk</source>
        <translation>Ü&amp;ber LeadDesk</translation>
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
        <source>Accept: move to %1</source>
        <translation>Übernehmen: nach %1 verschieben</translation>
    </message>
    <message>
        <source>%1 leads</source>
        <translation>%1 Leads</translation>
    </message>
    <message>
        <source>%1 of %2 leads shown</source>
        <translation>%1 von %2 Leads angezeigt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <extracomment>Bump when the toolbar/dock layout changes: older saved state is then ignored, not restored.</extracomment>
        <translation>Abbrechen</translation>
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
    <message>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.vcf);;All files (*)</source>
        <translation>Kontakte (*.csv *.vcf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing CSV files (Outlook, Google, HubSpot …) and vCards is coming in the next version of LeadDesk. Nothing was imported.</source>
        <translation>Der Import von CSV-Dateien (Outlook, Google, HubSpot …) und vCards kommt mit der nächsten Version von LeadDesk. Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>About LeadDesk</source>
        <translation>Über LeadDesk</translation>
    </message>
    <message>
        <source>LeadDesk %1 — the offline lead desk.</source>
        <translation>LeadDesk %1 – Ihr Lead-Schreibtisch, offline.</translation>
    </message>
    <message>
        <source>LeadDesk is still writing. Wait for it to finish and quit?</source>
        <translation>LeadDesk schreibt noch. Abwarten und dann beenden?</translation>
    </message>
</context>
<context>
    <name>QualificationPanel</name>
    <message>
        <source>&amp;Save qualification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please fix: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 change(s) saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QualificationRuleDialog</name>
    <message>
        <source>Qualification rule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A call suggests moving the lead to SQL when these sections are confirmed:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>…and at least this many &amp;of the other sections</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A section that does &amp;not fit suggests Lost</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
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
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule follow-up</source>
        <translation type="unfinished" />
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
</TS>