"""What an empty board says: what LeadDesk is for and the two ways to get leads in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunPage(QWidget):
    """Shown instead of the board while the database holds no lead at all."""

    demo_requested = Signal()
    import_requested = Signal()
    new_lead_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel(self.tr("Welcome to LeadDesk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Your board is empty. Leads move from left to right: Lead, MQL, SQL, Won.\n"
                "Add your first lead, import your contacts, or try LeadDesk with demo data."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.demo_button = QPushButton(self.tr("Load demo data"), self)
        self.import_button = QPushButton(self.tr("Import contacts…"), self)
        self.new_button = QPushButton(self.tr("New lead"), self)
        self.demo_button.clicked.connect(self.demo_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.new_button.clicked.connect(self.new_lead_requested)
        layout.addSpacing(text.fontMetrics().lineSpacing())
        buttons = (self.new_button, self.import_button, self.demo_button)
        width = max(b.sizeHint().width() for b in buttons) + 40  # one column of equal buttons
        for button in buttons:
            button.setMinimumWidth(width)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.new_button.setDefault(True)
