"""Numbers of the reports in the user's locale: counts, decimals, percentages, money."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def num(value: int) -> str:
    return QLocale().toString(int(value))


def dec(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else QLocale().toString(float(value), "f", digits)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{QLocale().toString(float(value), 'f', 1)}\u00a0%"


def money(value: float | None, currency: str) -> str:
    if value is None:
        return "—"
    symbol = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}.get(currency, currency)
    return QLocale().toCurrencyString(float(value), symbol, 0)
