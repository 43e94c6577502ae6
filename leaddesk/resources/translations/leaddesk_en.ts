<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ColumnHeader</name>
    <message numerus="yes">
        <source>%n lead(s)</source>
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
</TS>