<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n lead</numerusform>
            <numerusform>%n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to %1?</source>
        <translation>
            <numerusform>Move %n lead to %1?</numerusform>
            <numerusform>Move %n leads to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s)</source>
        <translation>
            <numerusform>Move %n lead</numerusform>
            <numerusform>Move %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to %1</source>
        <translation>
            <numerusform>Move %n lead to %1</numerusform>
            <numerusform>Move %n leads to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Owner of %n lead(s):</source>
        <translation>
            <numerusform>Owner of %n lead:</numerusform>
            <numerusform>Owner of %n leads:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give %n lead(s) to %1?</source>
        <translation>
            <numerusform>Give %n lead to %1?</numerusform>
            <numerusform>Give %n leads to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set owner of %n lead(s)</source>
        <translation>
            <numerusform>Set owner of %n lead</numerusform>
            <numerusform>Set owner of %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Owner of %n lead(s): %1</source>
        <translation>
            <numerusform>Owner of %n lead: %1</numerusform>
            <numerusform>Owner of %n leads: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add the tag %1 to %n lead(s)?</source>
        <translation>
            <numerusform>Add the tag %1 to %n lead?</numerusform>
            <numerusform>Add the tag %1 to %n leads?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the tag %1 from %n lead(s)?</source>
        <translation>
            <numerusform>Remove the tag %1 from %n lead?</numerusform>
            <numerusform>Remove the tag %1 from %n leads?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 added to %n lead(s)</source>
        <translation>
            <numerusform>Tag %1 added to %n lead</numerusform>
            <numerusform>Tag %1 added to %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 removed from %n lead(s)</source>
        <translation>
            <numerusform>Tag %1 removed from %n lead</numerusform>
            <numerusform>Tag %1 removed from %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the next follow-up of %n lead(s)? Each one&apos;s next open task is marked done.</source>
        <translation>
            <numerusform>Clear the next follow-up of %n lead? Its next open task is marked done.</numerusform>
            <numerusform>Clear the next follow-up of %n leads? Each one&apos;s next open task is marked done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-up of %n lead(s) cleared</source>
        <translation>
            <numerusform>Follow-up of %n lead cleared</numerusform>
            <numerusform>Follow-up of %n leads cleared</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set the next follow-up of %n lead(s) to %1?</source>
        <translation>
            <numerusform>Set the next follow-up of %n lead to %1?</numerusform>
            <numerusform>Set the next follow-up of %n leads to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Follow-up of %n lead(s) on %1</source>
        <translation>
            <numerusform>Follow-up of %n lead on %1</numerusform>
            <numerusform>Follow-up of %n leads on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rename the tag %1 to %2 on %n lead(s)?</source>
        <translation>
            <numerusform>Rename the tag %1 to %2 on %n lead?</numerusform>
            <numerusform>Rename the tag %1 to %2 on %n leads?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %1 renamed to %2 on %n lead(s)</source>
        <translation>
            <numerusform>Tag %1 renamed to %2 on %n lead</numerusform>
            <numerusform>Tag %1 renamed to %2 on %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to the trash? You can restore them from File → Trash for %1 days, or undo with Ctrl+Z.</source>
        <translation>
            <numerusform>Move %n lead to the trash? You can restore it from File → Trash for %1 days, or undo with Ctrl+Z.</numerusform>
            <numerusform>Move %n leads to the trash? You can restore them from File → Trash for %1 days, or undo with Ctrl+Z.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n lead(s) to trash</source>
        <translation>
            <numerusform>Move %n lead to trash</numerusform>
            <numerusform>Move %n leads to trash</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n lead</numerusform>
            <numerusform>%n leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateFinder</name>
    <message numerus="yes">
        <source>%n likely duplicate pair(s)</source>
        <translation>
            <numerusform>%n likely duplicate pair</numerusform>
            <numerusform>%n likely duplicate pairs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n lead(s) exported to %1.</source>
        <translation>
            <numerusform>%n lead exported to %1.</numerusform>
            <numerusform>%n leads exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>Report: %1 (%Ln lead(s)) ✕</source>
        <translation>
            <numerusform>Report: %1 (%Ln lead) ✕</numerusform>
            <numerusform>Report: %1 (%Ln leads) ✕</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <source>Checking %n record(s)…</source>
        <translation>
            <numerusform>Checking %n record…</numerusform>
            <numerusform>Checking %n records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s) already up to date.</source>
        <translation>
            <numerusform>%n duplicate already up to date.</numerusform>
            <numerusform>%n duplicates already up to date.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leads changed after the check, so the rows were checked again: %n row(s) went otherwise than the report said.</source>
        <translation>
            <numerusform>Leads changed after the check, so the rows were checked again: %n row went otherwise than the report said.</numerusform>
            <numerusform>Leads changed after the check, so the rows were checked again: %n rows went otherwise than the report said.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n differing value(s) were kept in the leads&apos; notes.</source>
        <translation>
            <numerusform>%n differing value was kept in the leads&apos; notes.</numerusform>
            <numerusform>%n differing values were kept in the leads&apos; notes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) edited since were kept.</source>
        <translation>
            <numerusform>%n lead edited since was kept.</numerusform>
            <numerusform>%n leads edited since were kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln lead</numerusform>
            <numerusform>%Ln leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln lead(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln lead shown</numerusform>
            <numerusform>%1 of %Ln leads shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeDatabaseDialog</name>
    <message numerus="yes">
        <source>%n differing value(s) kept in the leads&apos; notes</source>
        <translation>
            <numerusform>%n differing value kept in the leads&apos; notes</numerusform>
            <numerusform>%n differing values kept in the leads&apos; notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) already here, not copied twice</source>
        <translation>
            <numerusform>%n entry already here, not copied twice</numerusform>
            <numerusform>%n entries already here, not copied twice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new user(s) in Settings → People: %1</source>
        <translation>
            <numerusform>%n new user in Settings → People: %1</numerusform>
            <numerusform>%n new users in Settings → People: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message numerus="yes">
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n activity</numerusform>
            <numerusform>%n activities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n stage change</numerusform>
            <numerusform>%n stage changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n set(s) of BANT answers</source>
        <translation>
            <numerusform>%n set of BANT answers</numerusform>
            <numerusform>%n sets of BANT answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n BANT change(s)</source>
        <translation>
            <numerusform>%n BANT change</numerusform>
            <numerusform>%n BANT changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n score adjustment(s)</source>
        <translation>
            <numerusform>%n score adjustment</numerusform>
            <numerusform>%n score adjustments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished call note(s)</source>
        <translation>
            <numerusform>%n unfinished call note</numerusform>
            <numerusform>%n unfinished call notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QualificationPanel</name>
    <message numerus="yes">
        <source>%n change(s) saved</source>
        <translation>
            <numerusform>%n change saved</numerusform>
            <numerusform>%n changes saved</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message numerus="yes">
        <source>Why are %n lead(s) lost?</source>
        <translation>
            <numerusform>Why is %n lead lost?</numerusform>
            <numerusform>Why are %n leads lost?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why do %n lead(s) go back to %1?</source>
        <translation>
            <numerusform>Why does %n lead go back to %1?</numerusform>
            <numerusform>Why do %n leads go back to %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why do %n lead(s) go back from %1 to %2?</source>
        <translation>
            <numerusform>Why does %n lead go back from %1 to %2?</numerusform>
            <numerusform>Why do %n leads go back from %1 to %2?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportBody</name>
    <message numerus="yes">
        <source>Rests on %Ln outcome(s)</source>
        <translation>
            <numerusform>Rests on %Ln outcome</numerusform>
            <numerusform>Rests on %Ln outcomes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lead velocity (created → Won): median %1 days, 75th percentile %2 days, %Ln lead(s)</source>
        <translation>
            <numerusform>Lead velocity (created → Won): median %1 days, 75th percentile %2 days, %Ln lead</numerusform>
            <numerusform>Lead velocity (created → Won): median %1 days, 75th percentile %2 days, %Ln leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQL(s) reached · answered: %1 · median %2 h · 75th percentile %3 h · not answered yet: %4</source>
        <translation>
            <numerusform>%Ln MQL reached · answered: %1 · median %2 h · 75th percentile %3 h · not answered yet: %4</numerusform>
            <numerusform>%Ln MQLs reached · answered: %1 · median %2 h · 75th percentile %3 h · not answered yet: %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln MQL(s) waited longer than the threshold</source>
        <translation>
            <numerusform>%Ln MQL waited longer than the threshold</numerusform>
            <numerusform>%Ln MQLs waited longer than the threshold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln outcome(s); the score recorded at MQL was missing for %1, their current score stands in.</source>
        <translation>
            <numerusform>%Ln outcome; the score recorded at MQL was missing for %1, their current score stands in.</numerusform>
            <numerusform>%Ln outcomes; the score recorded at MQL was missing for %1, their current score stands in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message numerus="yes">
        <source>%1 – %2 · %Ln lead(s) created in the period · computed in %3 ms</source>
        <translation>
            <numerusform>%1 – %2 · %Ln lead created in the period · computed in %3 ms</numerusform>
            <numerusform>%1 – %2 · %Ln leads created in the period · computed in %3 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message numerus="yes">
        <source>Erase %n lead(s) for good? Their personal data and texts are removed and cannot be restored, not even from a backup; the anonymous funnel figures stay.</source>
        <translation>
            <numerusform>Erase %n lead for good? Their personal data and texts are removed and cannot be restored, not even from a backup; the anonymous funnel figures stay.</numerusform>
            <numerusform>Erase %n leads for good? Their personal data and texts are removed and cannot be restored, not even from a backup; the anonymous funnel figures stay.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StageHistoryView</name>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n stage change</numerusform>
            <numerusform>%n stage changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message numerus="yes">
        <source>Remove %n lead(s) in the trash for good? This cannot be undone.</source>
        <translation>
            <numerusform>Remove %n lead in the trash for good? This cannot be undone.</numerusform>
            <numerusform>Remove %n leads in the trash for good? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) removed for good.</source>
        <translation>
            <numerusform>%n lead removed for good.</numerusform>
            <numerusform>%n leads removed for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoImportQuestion</name>
    <message numerus="yes">
        <source>Remove %n lead(s) imported on %1 from %2?</source>
        <translation>
            <numerusform>Remove %n lead imported on %1 from %2?</numerusform>
            <numerusform>Remove %n leads imported on %1 from %2?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated lead(s) get their earlier values back.</source>
        <translation>
            <numerusform>%n updated lead gets its earlier values back.</numerusform>
            <numerusform>%n updated leads get their earlier values back.</numerusform>
        </translation>
    </message>
</context>
</TS>
