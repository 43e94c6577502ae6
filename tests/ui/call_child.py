"""Child process for the crash test: opens a call offscreen, types the whole form, waits for the
autosave, prints SAVED and keeps running until the parent kills it with SIGKILL.

Run as ``python -m tests.ui.call_child DATA_DIR LEAD_ID``.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, lead_id: int) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from leaddesk.core.db import Database
    from leaddesk.core.services.qualification import load_draft
    from leaddesk.ui.call import start_discovery_call
    from tests.ui.keys import FILLED_NOTES, FILLED_STATE, fill_whole_form

    app = QApplication(sys.argv)
    db = Database.open_data_dir(data_dir)
    window = start_discovery_call(db, lead_id)
    window.activateWindow()
    window.form.focus_section("budget")
    app.processEvents()
    fill_whole_form()

    def check() -> None:
        # Report only what is on disk: the parent kills us right after reading the line.
        draft_id = window.draft_id
        if draft_id is not None:
            data = load_draft(db, draft_id).data
            if data.get("form") == FILLED_STATE and data.get("notes") == FILLED_NOTES:
                print("SAVED", draft_id, flush=True)
                poll.stop()

    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(check)
    poll.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
