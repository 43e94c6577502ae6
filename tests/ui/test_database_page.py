"""Settings → Database: test a server, choose it for the next start, go back; a server out of reach at
start offers this computer's file instead of locking the person out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from leaddesk.core import paths
from leaddesk.core.db import Database, server_address
from leaddesk.ui.database_page import DatabasePage


@pytest.fixture
def features(window: Any) -> Any:
    from leaddesk.ui import features as features_module

    installed = features_module.Features(window)
    window.features = installed
    yield installed
    dialog = getattr(window, "settings_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.close()


def _page(window: Any) -> DatabasePage:
    dialog = window.open_settings()
    assert [dialog.nav.item(i).text() for i in range(dialog.nav.count())][-1] == "Database"
    page = dialog.show_page("data")
    assert isinstance(page, DatabasePage)
    return page


def _fill(page: DatabasePage, host: str, database: str, user: str) -> None:
    page.host.setText(host)
    page.database.setText(database)
    page.user.setText(user)


def _result(qtbot: QtBot, page: DatabasePage) -> str:
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    return page.result.text()


def test_a_usable_server_is_tested_and_chosen_for_the_next_start(
    qtbot: QtBot, window: Any, features: Any, pg_cluster: Any
) -> None:
    name = pg_cluster.unique_name("settings_server")
    url = pg_cluster.create_database(name)
    Database.open(url).close()  # set up as `leaddesk server init` does: the check wants the schema
    page = _page(window)
    assert page.in_use.text() == str(window.db.file)
    assert not page.test_button.isEnabled() and not page.file_button.isEnabled()  # nothing to test yet
    _fill(page, url.query["host"], name, url.username)
    page.test_button.click()
    assert _result(qtbot, page).startswith("Connected: ") and "ready" in page.result.text()
    assert paths.chosen_server() is None  # a test chooses nothing

    page.use_button.click()
    assert "when it starts next" in _result(qtbot, page)
    chosen = paths.chosen_server()
    assert chosen is not None and chosen.database == name and chosen.query["host"] == url.query["host"]
    assert oct(paths.server_file().stat().st_mode & 0o777) == "0o600"
    # What the next start opens: the server, also for the command line on this computer.
    assert paths.database_url(paths.data_dir()) == chosen
    assert page.file_button.isEnabled()
    page.file_button.click()
    assert paths.chosen_server() is None and "this computer's file" in page.result.text()
    pg_cluster.drop_database(name)


def test_a_server_that_cannot_be_used_is_named_and_not_chosen(
    qtbot: QtBot, window: Any, features: Any, pg_cluster: Any
) -> None:
    page = _page(window)
    _fill(page, str(pg_cluster.socket_dir), "keine_db", pg_cluster.url().username)
    page.use_button.click()
    text = _result(qtbot, page)
    assert text.startswith("Not usable yet: ") and "keine_db" in text
    assert paths.chosen_server() is None and not paths.server_file().exists()


def test_the_password_is_never_written_to_the_choice(tmp_path: Path) -> None:
    url = server_address("db.office.local", 5433, "leads", "anna", password="s3cr@t/#x")
    assert url.password == "s3cr@t/#x" and url.host == "db.office.local" and url.query["sslmode"] == "require"
    paths.choose_server(url)
    text = paths.server_file().read_text(encoding="utf-8")
    assert "s3cr" not in text and json.loads(text)["url"].startswith(
        "postgresql+psycopg://anna@db.office.local:5433"
    )
    chosen = paths.chosen_server()
    assert chosen is not None and chosen.password is None
    assert (chosen.username, chosen.host, chosen.port, chosen.database) == (
        "anna",
        "db.office.local",
        5433,
        "leads",
    )
    socket = server_address("/run/postgresql", None, "leads", "anna", ssl=False)
    assert socket.host is None and socket.query == {"host": "/run/postgresql"}
    paths.server_file().write_text("{not json", encoding="utf-8")
    assert paths.chosen_server() is None  # a damaged file is no choice: the file opens


def test_an_unreachable_chosen_server_offers_this_computers_file(qapp: Any, monkeypatch: Any) -> None:
    from leaddesk.ui import app

    paths.choose_server(server_address("server.invalid", None, "leads", "anna"))
    seen: list[tuple[str, list[str], str]] = []

    def answer(box: QMessageBox) -> int:
        labels = [b.text() for b in box.buttons()]
        seen.append((box.text(), labels, box.defaultButton().text()))
        own = next(b for b in box.buttons() if b.text() == "Use this computer's file")
        own.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert app._offer_own_file("LeadDesk cannot open its database.\n\nthe server is not reachable")
    assert paths.chosen_server() is None
    assert "Close" in seen[0][2]  # the harmless answer is the default
    # Without a chosen server (the file itself failed) there is nothing else to offer.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append((box.text(), [], "")) or 0)
    assert not app._offer_own_file("LeadDesk cannot open its database.")
