"""Parts of the main window (leaddesk/ui/main_window.py): its menu bar, toolbar and card menu, the
lead editor it opens, and the demo data it loads with progress in the status bar."""
