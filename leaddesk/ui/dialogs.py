"""Small dialogs: the reason for a backward move or a loss, and the unsaved-changes question.

Built to be shown with ``open()`` (window-modal, non-blocking), so a drop handler returns at
once and tests can fill in the fields and call ``accept()``/``reject()``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.stages import Stage
from leaddesk.ui.i18n import lost_reason_labels, stage_label


def save_question(parent: QWidget, title: str, text: str) -> QMessageBox:
    """Save / Discard / Cancel, Save by default: asked before typed input would be dropped
    (the lead editor, quick entry). The caller shows it with ``exec()`` or ``open()``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    button = QMessageBox.StandardButton
    box.setStandardButtons(button.Save | button.Discard | button.Cancel)
    box.setDefaultButton(button.Save)
    return box


def destructive_question(
    parent: QWidget | None,
    title: str,
    text: str,
    action: str,
    harmless: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
) -> QMessageBox:
    """A question before something that removes or replaces data: it names what will happen,
    the button doing it says so (``action``, e.g. "Remove 22 leads"), and Cancel (or the
    ``harmless`` button given, e.g. No) is the default, so Enter or Esc never destroys. The caller
    shows it with ``exec()`` or ``open()`` and acts only when :func:`confirmed` says so."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    do_it = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(harmless)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    do_it.setObjectName("destructiveAction")
    cancel.setFocus()
    return box


def confirmed(box: QMessageBox) -> bool:
    """Whether the person chose the destructive action of a :func:`destructive_question`."""
    return box.clickedButton() is box.findChild(QPushButton, "destructiveAction")


def ask_destructive(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """:func:`destructive_question`, shown modally; True only for the destructive button."""
    box = destructive_question(parent, title, text, action)
    box.exec()
    return confirmed(box)


class ReasonDialog(QDialog):
    """Asks why a lead goes to Lost (common reasons + details) or back down the funnel (free text).

    ``reason()`` is what lands in the stage history: for Lost the reason key ("no_budget"),
    followed by ": details" when the user wrote some; for a step back the text typed.
    """

    def __init__(
        self,
        lead_name: str,
        from_stage: str,
        to_stage: str,
        parent: QWidget | None = None,
        *,
        count: int | None = None,
    ) -> None:
        """One lead by name, or ``count`` selected leads (then ``from_stage`` may be empty: they
        go back from different stages)."""
        super().__init__(parent)
        self.to_stage = to_stage
        self.setWindowTitle(self.tr("Why?"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        layout = QVBoxLayout(self)
        if count is not None:
            if to_stage == Stage.LOST:
                text = self.tr("Why are %n lead(s) lost?", "", count)
            elif not from_stage:
                text = self.tr("Why do %n lead(s) go back to %1?", "", count).replace(
                    "%1", stage_label(to_stage)
                )
            else:
                text = (
                    self.tr("Why do %n lead(s) go back from %1 to %2?", "", count)
                    .replace("%1", stage_label(from_stage))
                    .replace("%2", stage_label(to_stage))
                )
        elif to_stage == Stage.LOST:
            text = self.tr("Why is %1 lost?").replace("%1", lead_name)
        else:
            text = (
                self.tr("Why does %1 go back from %2 to %3?")
                .replace("%1", lead_name)
                .replace("%2", stage_label(from_stage))
                .replace("%3", stage_label(to_stage))
            )
        question = QLabel(text, self)
        question.setWordWrap(True)
        layout.addWidget(question)
        self.choices = QButtonGroup(self)
        self._keys: dict[int, str] = {}
        if to_stage == Stage.LOST:
            from leaddesk.ui.prefs import current

            reasons = lost_reason_labels()
            other = reasons.pop("other", None)
            reasons.update({own: own for own in current().lost_reasons})  # the team's own words
            if other is not None:
                reasons["other"] = other
            for i, (key, label) in enumerate(reasons.items()):
                button = QRadioButton(label, self)
                self.choices.addButton(button, i)
                self._keys[i] = key
                layout.addWidget(button)
            self.choices.idToggled.connect(lambda *_: self._update_ok())
        self.details = QLineEdit(self)
        self.details.setPlaceholderText(
            self.tr("Details (optional)") if to_stage == Stage.LOST else self.tr("Reason (required)")
        )
        self.details.textChanged.connect(self._update_ok)
        layout.addWidget(self.details)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def choose(self, key: str) -> None:
        """Pick a common reason by key (keyboard users and tests)."""
        for button_id, k in self._keys.items():
            if k == key:
                self.choices.button(button_id).setChecked(True)

    def reason(self) -> str:
        details = self.details.text().strip()
        if self.to_stage != Stage.LOST:
            return details
        key = self._keys.get(self.choices.checkedId(), "")
        return f"{key}: {details}" if key and details else key or details

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))
