"""The card delegate draws cached pixmaps: the same pixels as painting anew, a changed card
painted anew, and the cache held to its memory budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from leaddesk.ui.board import delegate as delegate_module
from leaddesk.ui.board.delegate import CardDelegate
from leaddesk.ui.board.model import CARD_ROLE, Card

CARD = Card(
    id=7,
    name="Anna Schmidt",
    company="Schmidt GmbH",
    score=64,
    score_flag="",
    bant_confirmed=2,
    has_qualification=True,
    next_follow_up=datetime(2026, 1, 2, 9, tzinfo=UTC),
    source="Messe",
    value=12500.0,
    currency="EUR",
    stage="lead",
    owner="",
    version=1,
)


class OneCard:
    """A one-row model holding a card, as a board column does."""

    def __init__(self, card: Card) -> None:
        self.model = QStandardItemModel(1, 1)
        self.item = QStandardItem()
        self.model.setItem(0, 0, self.item)
        self.set(card)

    def set(self, card: Card) -> None:
        self.item.setData(card, CARD_ROLE)

    @property
    def index(self) -> QModelIndex | QPersistentModelIndex:
        return self.model.index(0, 0)


def option(widget: QWidget, width: int = 260, height: int = 110) -> QStyleOptionViewItem:
    opt = QStyleOptionViewItem()
    opt.initFrom(widget)
    opt.rect = QRect(0, 0, width, height)
    opt.font = widget.font()
    return opt


def on_image(opt: QStyleOptionViewItem, dpr: float, paint: Callable[[QPainter], None]) -> QImage:
    """A white image of the cell at the screen's pixel ratio, with ``paint`` done on it."""
    size = opt.rect.size()
    image = QImage(
        int(size.width() * dpr), int(size.height() * dpr), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(dpr)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint(painter)
    painter.end()
    return image


def through_paint(delegate: CardDelegate, opt: QStyleOptionViewItem, index: Any, dpr: float = 1.0) -> QImage:
    """What the view gets: ``paint`` (the cached pixmap)."""
    return on_image(opt, dpr, lambda p: delegate.paint(p, opt, index))


def painted_directly(
    delegate: CardDelegate, opt: QStyleOptionViewItem, card: Card, dpr: float = 1.0
) -> QImage:
    """The card painted straight onto the device, as before the cache."""
    return on_image(opt, dpr, lambda p: delegate._paint_card(p, opt, card))


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_a_cached_card_has_the_pixels_of_one_painted_anew(qtbot: Any, dpr: float) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    delegate = CardDelegate(widget)
    delegate.set_now(datetime(2026, 3, 1, tzinfo=UTC))  # the follow-up is overdue: red, bold
    holder = OneCard(CARD)
    opt = option(widget)
    first = through_paint(delegate, opt, holder.index, dpr)
    again = through_paint(delegate, opt, holder.index, dpr)  # from the cache
    assert len(delegate._pixmaps) == 1
    assert first == again == painted_directly(delegate, opt, CARD, dpr)


def test_a_changed_card_or_threshold_is_painted_anew(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    delegate = CardDelegate(widget)
    delegate.set_now(datetime(2026, 1, 1, tzinfo=UTC))  # the follow-up is ahead
    holder = OneCard(CARD)
    opt = option(widget)
    before = through_paint(delegate, opt, holder.index)

    moved_on = replace(CARD, score=91, version=2)
    holder.set(moved_on)
    after = through_paint(delegate, opt, holder.index)
    assert after != before and after == painted_directly(delegate, opt, moved_on)

    delegate.sql_threshold = 95  # settings changed: the badge turns amber
    amber = through_paint(delegate, opt, holder.index)
    assert amber != after and amber == painted_directly(delegate, opt, moved_on)

    delegate.set_now(datetime(2026, 1, 3, tzinfo=UTC))  # a day later the follow-up is overdue
    overdue = through_paint(delegate, opt, holder.index)
    assert overdue != amber and overdue == painted_directly(delegate, opt, moved_on)


def test_the_cache_stays_within_its_memory_budget(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    delegate = CardDelegate(widget)
    one_card = 260 * 110 * 4
    monkeypatch.setattr(delegate_module, "PIXMAP_BUDGET", 5 * one_card)
    holder = OneCard(CARD)
    opt = option(widget)
    for i in range(12):
        holder.set(replace(CARD, id=100 + i, name=f"Lead {i}"))
        through_paint(delegate, opt, holder.index)
    assert len(delegate._pixmaps) == 5 and delegate._pixmap_bytes == 5 * one_card
    kept = [key[0].id for key in delegate._pixmaps]
    assert kept == [107, 108, 109, 110, 111]  # the least recently drawn went first
    holder.set(replace(CARD, id=107))
    through_paint(delegate, opt, holder.index)  # drawn again: now the most recent
    assert [key[0].id for key in delegate._pixmaps][-1] == 107
