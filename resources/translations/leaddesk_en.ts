<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ColumnHeader</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <extracomment>Currency amounts a column header shows side by side before it shortens to "+ …". The euro part of the sums (callers that want one number); ``sums`` has every currency.</extracomment>
        <translation>
            <numerusform>%n lead</numerusform><numerusform>%n leads</numerusform></translation>
    </message>
</context>
<context>
    <name>DuplicateFinder</name>
    <message numerus="yes">
        <source>%n likely duplicate pair(s)</source>
        <translation>
            <numerusform>%n likely duplicate pair</numerusform><numerusform>%n likely duplicate pairs</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n lead(s) exported to %1.</source>
        <translation>
            <numerusform>%n lead exported to %1.</numerusform><numerusform>%n leads exported to %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <source>Checking %n record(s)…</source>
        <translation>
            <numerusform>Checking %n record…</numerusform><numerusform>Checking %n records…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n differing value(s) were kept in the leads' notes.</source>
        <translation>
            <numerusform>%n differing value was kept in the leads' notes.</numerusform><numerusform>%n differing values were kept in the leads' notes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) edited since were kept.</source>
        <translation>
            <numerusform>%n lead edited since was kept.</numerusform><numerusform>%n leads edited since were kept.</numerusform></translation>
    </message>
</context>
<context>
    <name>MergeDatabaseDialog</name>
    <message numerus="yes">
        <source>%n differing value(s) kept in the leads' notes</source>
        <translation>
            <numerusform>%n differing value kept in the leads' notes</numerusform><numerusform>%n differing values kept in the leads' notes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) already here, not copied twice</source>
        <translation>
            <numerusform>%n entry already here, not copied twice</numerusform><numerusform>%n entries already here, not copied twice</numerusform></translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message numerus="yes">
        <source>%n activity(ies)</source>
        <translation>
            <numerusform>%n activity</numerusform><numerusform>%n activities</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n stage change</numerusform><numerusform>%n stage changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform><numerusform>%n tasks</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n set(s) of BANT answers</source>
        <translation>
            <numerusform>%n set of BANT answers</numerusform><numerusform>%n sets of BANT answers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n BANT change(s)</source>
        <translation>
            <numerusform>%n BANT change</numerusform><numerusform>%n BANT changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n score adjustment(s)</source>
        <translation>
            <numerusform>%n score adjustment</numerusform><numerusform>%n score adjustments</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform><numerusform>%n attachments</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished call note(s)</source>
        <translation>
            <numerusform>%n unfinished call note</numerusform><numerusform>%n unfinished call notes</numerusform></translation>
    </message>
</context>
<context>
    <name>StageHistoryView</name>
    <message numerus="yes">
        <source>%n stage change(s)</source>
        <translation>
            <numerusform>%n stage change</numerusform><numerusform>%n stage changes</numerusform></translation>
    </message>
</context>
</TS>