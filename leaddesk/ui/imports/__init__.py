"""Import, export and duplicate dialogs.

Main-window hooks, each showing its dialog non-modally and returning it:
``wizard.open_import_wizard(db, parent)`` (signals ``imported``/``undone`` with the batch id),
``history.open_import_history(db, parent)`` (``undone``), ``duplicates.open_duplicate_finder(db,
parent)`` (``merged(keep_id, other_id)``) and ``export.open_export_dialog(db, lead_filter, parent)``.
"""
