"""Import, export and duplicate dialogs.

Main-window hooks: ``open_import_wizard(db, parent)`` (signals ``imported``/``undone`` with the
batch id) and ``open_duplicate_finder(db, parent)`` (signal ``merged(keep_id, other_id)``);
both show non-modally and return the dialog. ``export_dialog`` writes the current filter.
"""
