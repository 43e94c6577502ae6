"""Parts of the quick entry window (leaddesk/ui/quick_entry.py): the list of cards saved this
session, the band of possible duplicates, the card picture, and the look-ups run off the UI thread."""
