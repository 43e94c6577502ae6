"""Paints a lead card: one delegate for every row of every column, never a widget per lead.

Every size comes from the font metrics, so cards grow with the font and with 200 % scaling and
text is elided rather than cut. Colours: score badge grey below the MQL threshold, amber from
it, green from the SQL threshold; an overdue follow-up is red.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from leaddesk.core.stages import FUNNEL, Stage
from leaddesk.ui.board.model import CARD_ROLE, Card
from leaddesk.ui.i18n import stage_label
from leaddesk.ui.zone import to_local

GREY = QColor("#8a8f98")
AMBER = QColor("#d98e04")
GREEN = QColor("#2e7d32")
RED = QColor("#c62828")
BLUE = QColor("#1565c0")
WHITE = QColor("white")

LINES = 4
PAD = 8  # inside the card, logical pixels
GAP = 4  # between cards
# Memory for painted cards kept to be drawn again: ~250 cards at 100 % scaling, ~60 at 200 %,
# more than a screen shows.
PIXMAP_BUDGET = 32 * 1024 * 1024


def money(value: float, currency: str = "EUR", locale: QLocale | None = None) -> str:
    """A whole amount in the locale's currency format (12.500 € in German, €12,500 in English)."""
    loc = locale or QLocale()
    symbol = "€" if currency in ("", "EUR") else currency
    return loc.toCurrencyString(value, symbol, 0)


def local_date(moment: datetime) -> QDate:
    local = to_local(moment)
    return QDate(local.year, local.month, local.day)


def score_colour(score: int, mql: int, sql: int) -> QColor:
    if score >= sql:
        return GREEN
    if score >= mql:
        return AMBER
    return GREY


def ready_for(card: Card) -> str:
    """The stage scoring suggests (``score_flag``) if it is ahead of the card's stage, else ""."""
    flag = card.score_flag
    if flag not in (Stage.MQL, Stage.SQL) or card.stage not in FUNNEL:
        return ""
    return flag if FUNNEL.index(Stage(flag)) > FUNNEL.index(Stage(card.stage)) else ""


@dataclass(frozen=True)
class _Fonts:
    """Fonts and metrics a card needs, built once per view font (painting is per card, often)."""

    base: QFont
    fm: QFontMetrics
    bold: QFont
    bfm: QFontMetrics
    small: QFont
    sfm: QFontMetrics

    @classmethod
    def of(cls, font: QFont) -> _Fonts:
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return cls(QFont(font), QFontMetrics(font), bold, QFontMetrics(bold), small, QFontMetrics(small))


class CardDelegate(QStyledItemDelegate):
    """Fixed-height card; ``thresholds`` colour the score badge; the pill is a button."""

    pill_clicked = Signal(int)  # lead id: accept its score suggestion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mql_threshold = 50
        self.sql_threshold = 80
        self._now = datetime.now(UTC)
        self._font_cache: dict[str, _Fonts] = {}
        # Painted cards by everything their look depends on, least recently drawn first.
        self._pixmaps: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()
        self._pixmap_bytes = 0

    def _fonts(self, font: QFont) -> _Fonts:
        key = font.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            fonts = self._font_cache[key] = _Fonts.of(font)
        return fonts

    def set_now(self, now: datetime) -> None:
        """The moment "overdue" is measured against (refreshed by the board, fixed in tests)."""
        self._now = now

    @staticmethod
    def card_height(font: QFont) -> int:
        fm = QFontMetrics(font)
        return LINES * fm.lineSpacing() + 2 * PAD + 2 * GAP + 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, self.card_height(option.font))

    @staticmethod
    def _pill_text(stage: str) -> str:
        return QCoreApplication.translate("CardDelegate", "ready for %1").replace("%1", stage_label(stage))

    def pill_rect(self, option: QStyleOptionViewItem, card: Card | None) -> QRect | None:
        """Where the "ready for MQL" pill sits on a card (None without a suggestion): painted there,
        and a click there accepts the suggestion."""
        if card is None or not ready_for(card):
            return None
        rect = option.rect.adjusted(GAP + 2, GAP, -GAP - 2, -GAP)
        inner = rect.adjusted(PAD + 2, PAD - 2, -PAD, -PAD + 2)
        fonts = self._fonts(option.font)
        line_h = fonts.fm.lineSpacing()
        mw = fonts.sfm.horizontalAdvance(self._pill_text(ready_for(card))) + 12
        return QRect(inner.right() - mw, inner.top() + 3 * line_h + 2, mw, line_h - 4)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """A click on the pill accepts the suggestion (the pill looks like a button, so it is one)."""
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            card = index.data(CARD_ROLE)
            pill = self.pill_rect(option, card)
            if pill is not None and pill.contains(event.position().toPoint()):
                self.pill_clicked.emit(card.id)
                return True
        return super().editorEvent(event, model, option, index)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Draw the card from its cached pixmap, painting that first if the card is new or changed.

        After a move or a keystroke every visible column repaints ~40 cards, nearly all of them
        unchanged; painting one anew costs ~0.2 ms (text layout, eliding, rounded shapes), drawing
        its pixmap a few microseconds. That is most of a card move's 20 ms budget.
        """
        card = index.data(CARD_ROLE)
        if card is None:  # still loading: a blank card, not worth keeping
            painter.save()
            try:
                self._paint_card(painter, option, card)
            finally:
                painter.restore()
            return
        rect = option.rect
        dpr = painter.device().devicePixelRatioF()
        key = (
            card,
            rect.width(),
            rect.height(),
            bool(option.state & QStyle.StateFlag.State_Selected),
            card.next_follow_up is not None and card.next_follow_up < self._now,
            self.mql_threshold,
            self.sql_threshold,
            option.font.key(),
            option.palette.cacheKey(),
            dpr,
        )
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._render(option, card, dpr)
            self._keep(key, pixmap)
        else:
            self._pixmaps.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _render(self, option: QStyleOptionViewItem, card: Card, dpr: float) -> QPixmap:
        """The card painted on a pixmap of the cell's size at the screen's pixel ratio."""
        size = option.rect.size()
        pixmap = QPixmap(math.ceil(size.width() * dpr), math.ceil(size.height() * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        local = QStyleOptionViewItem(option)
        local.rect = QRect(0, 0, size.width(), size.height())
        painter = QPainter(pixmap)
        try:
            self._paint_card(painter, local, card)
        finally:
            painter.end()
        return pixmap

    def _keep(self, key: tuple[Any, ...], pixmap: QPixmap) -> None:
        """Cache ``pixmap``, dropping the least recently drawn cards beyond the memory budget."""
        self._pixmaps[key] = pixmap
        self._pixmap_bytes += pixmap.width() * pixmap.height() * 4
        while self._pixmap_bytes > PIXMAP_BUDGET and len(self._pixmaps) > 1:
            _key, old = self._pixmaps.popitem(last=False)
            self._pixmap_bytes -= old.width() * old.height() * 4

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, card: Card | None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = option.palette
        # The view's Base is the board background; cards are AlternateBase (see CardView). Filling
        # the cell first also hides the style's full-row selection highlight.
        painter.fillRect(option.rect, pal.color(QPalette.ColorRole.Base))
        rect = option.rect.adjusted(GAP + 2, GAP, -GAP - 2, -GAP)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        pen = painter.pen()
        pen.setColor(highlight if selected else pal.color(QPalette.ColorRole.Mid))
        pen.setWidthF(2.0 if selected else 1.0)
        painter.setPen(pen)
        painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(rect, 6, 6)
        if selected:  # a bar on the left edge, so the selection shows without colour vision too
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(QRect(rect.left(), rect.top(), 5, rect.height()), 2, 2)
        if card is None:
            return
        inner = rect.adjusted(PAD + 2, PAD - 2, -PAD, -PAD + 2)
        fonts = self._fonts(option.font)
        base_font, fm, bold, bfm = fonts.base, fonts.fm, fonts.bold, fonts.bfm
        line_h = fm.lineSpacing()
        text_colour = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        locale = QLocale()

        # line 1: name (bold) and the score badge on the right
        badge_text = locale.toString(card.score)
        badge_w = max(bfm.horizontalAdvance(badge_text) + 12, line_h + 4)
        badge = QRect(inner.right() - badge_w, inner.top() + 1, badge_w, line_h - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(score_colour(card.score, self.mql_threshold, self.sql_threshold))
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setFont(bold)
        painter.setPen(WHITE)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
        taken = badge_w + 6
        if card.do_not_contact:  # data protection: shown where the eye lands first, in red
            mark = QCoreApplication.translate("CardDelegate", "do not contact")
            mw = fonts.sfm.horizontalAdvance(mark) + 10
            dnc = QRect(badge.left() - mw - 4, inner.top() + 2, mw, line_h - 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(RED)
            painter.drawRoundedRect(dnc, dnc.height() / 2, dnc.height() / 2)
            painter.setPen(WHITE)
            painter.setFont(fonts.small)
            painter.drawText(dnc, Qt.AlignmentFlag.AlignCenter, mark)
            painter.setFont(bold)
            taken += mw + 4
        name_rect = QRect(inner.left(), inner.top(), inner.width() - taken, line_h)
        painter.setPen(text_colour)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bfm.elidedText(card.title, Qt.TextElideMode.ElideRight, name_rect.width()),
        )

        # line 2: company (when the name is a person's)
        painter.setFont(base_font)
        row2 = QRect(inner.left(), inner.top() + line_h, inner.width(), line_h)
        company = card.company if card.name else ""
        painter.drawText(
            row2,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(company, Qt.TextElideMode.ElideRight, row2.width()),
        )

        # line 3: source and value
        row3 = QRect(inner.left(), inner.top() + 2 * line_h, inner.width(), line_h)
        value_text = money(card.value, card.currency, locale) if card.value else ""
        value_w = fm.horizontalAdvance(value_text)
        painter.setPen(text_colour)
        painter.drawText(row3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, value_text)
        painter.setPen(muted)
        source_w = max(0, row3.width() - value_w - 8)
        painter.drawText(
            QRect(row3.left(), row3.top(), source_w, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(card.source, Qt.TextElideMode.ElideRight, source_w),
        )

        # line 4: "ready for" marker and BANT n/4 on the right, the follow-up date (red when
        # overdue) in the room left; it drops its "Follow-up" prefix before it would be cut.
        row4 = QRect(inner.left(), inner.top() + 3 * line_h, inner.width(), line_h)
        right = row4.right()
        ready = ready_for(card)
        pill = self.pill_rect(option, card)
        if ready and pill is not None:
            mark = self._pill_text(ready)
            small = fonts.small
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BLUE)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(WHITE)
            painter.setFont(small)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, mark)
            painter.setFont(base_font)
            right = pill.left() - 8
        if card.has_qualification:
            bant = QCoreApplication.translate("CardDelegate", "BANT %1/4").replace(
                "%1", locale.toString(card.bant_confirmed)
            )
            bw = fm.horizontalAdvance(bant)
            painter.setPen(GREEN if card.bant_confirmed == 4 else text_colour)
            painter.drawText(
                QRect(right - bw, row4.top(), bw, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bant,
            )
            right -= bw + 8
        if card.next_follow_up is not None:
            overdue = card.next_follow_up < self._now
            day = locale.toString(local_date(card.next_follow_up), QLocale.FormatType.ShortFormat)
            text = QCoreApplication.translate("CardDelegate", "Follow-up %1").replace("%1", day)
            font, dfm = (bold, bfm) if overdue else (base_font, fm)
            room = right - row4.left()
            if dfm.horizontalAdvance(text) > room:
                text = day
            painter.setFont(font)
            painter.setPen(RED if overdue else muted)
            painter.drawText(
                QRect(row4.left(), row4.top(), max(room, 0), line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                dfm.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0)),
            )
            painter.setFont(base_font)
