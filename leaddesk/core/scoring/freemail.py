"""Free-mail providers: an address there says nothing about the company behind a lead.

Kept as a module (not a data file) so frozen builds need no package-data entry; the
list favours providers common in Germany, Austria and Switzerland, plus the global ones.
"""

from __future__ import annotations

FREEMAIL_DOMAINS: frozenset[str] = frozenset(
    {
        # Germany
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "gmx.eu",
        "web.de", "t-online.de", "freenet.de", "arcor.de", "online.de", "email.de",
        "posteo.de", "posteo.net", "mailbox.org", "vodafone.de", "kabelmail.de", "1und1.de",
        "emailn.de", "directbox.com", "unitybox.de", "ewe.net", "o2online.de", "alice.de",
        # Austria, Switzerland
        "aon.at", "chello.at", "a1.net", "gmx.li", "bluewin.ch", "sunrise.ch", "hispeed.ch",
        # International
        "gmail.com", "googlemail.com", "outlook.com", "outlook.de", "hotmail.com", "hotmail.de",
        "live.com", "live.de", "msn.com", "yahoo.com", "yahoo.de", "ymail.com", "rocketmail.com",
        "aol.com", "aol.de", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
        "protonmail.ch", "pm.me", "tutanota.com", "tutanota.de", "tuta.io", "zoho.com",
        "yandex.com", "yandex.ru", "mail.ru", "mail.com", "gmx.us", "fastmail.com",
    }
)  # fmt: skip


def is_freemail(domain_or_email: str) -> bool:
    """True for an address (or bare domain) at a free-mail provider."""
    domain = domain_or_email.rsplit("@", 1)[-1].strip().lower()
    return domain in FREEMAIL_DOMAINS
