"""The team's user list (team mode): who can own leads and who signs history entries.

A user's ``name`` is the text ``lead.owner`` holds, so :func:`rename_user` renames the owner on
every lead in the same transaction (and rescores them: rules may read the owner). Users are
deactivated, never deleted: their old leads and history keep naming them. Every write is one
transaction and returns the :class:`~leaddesk.core.changes.Changes` it committed (``users``, plus
the leads a rename touched). Who is working at this computer is :mod:`leaddesk.core.who`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session

from leaddesk.core import who
from leaddesk.core.changes import Changes, committed, note
from leaddesk.core.db import Database, as_utc
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import Lead, User, utcnow
from leaddesk.core.text import Text

NAME_MAX = 200
INITIALS_MAX = 8
EMAIL_MAX = 320


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    initials: str
    email: str
    active: bool
    created_at: datetime


def initials_of(name: str) -> str:
    """Initials made from a name: "Anna Berger" → "AB", "anna" → "AN" (kept in the migration too)."""
    words = name.split()
    letters = words[0][:1] + words[-1][:1] if len(words) > 1 else name[:2]
    return letters.upper()


def _clean(name: str) -> str:
    return " ".join(name.split())


def _view(u: User) -> UserView:
    assert u.id is not None
    return UserView(u.id, u.name, u.initials, u.email, bool(u.active), as_utc(u.created_at) or u.created_at)


def list_users(db: Database, *, include_inactive: bool = True) -> list[UserView]:
    """The users, by name (any case); the active ones only if asked."""
    with db.session() as session:
        query = select(User)
        if not include_inactive:
            query = query.where(User.active.is_(True))  # type: ignore[attr-defined]
        users = [_view(u) for u in session.execute(query).scalars()]
    return sorted(users, key=lambda u: (u.name.casefold(), u.id))


def active_names(db: Database) -> list[str]:
    return [u.name for u in list_users(db, include_inactive=False)]


def _find(session: Session, name: str) -> User:
    """The user called ``name`` (exactly, else ignoring case and spacing)."""
    wanted = _clean(name)
    users = list(session.execute(select(User)).scalars())
    for u in users:
        if u.name == wanted:
            return u
    for u in users:
        if u.name.casefold() == wanted.casefold():
            return u
    raise NotFoundError(Text("there is no user {name!r}", name=wanted))


def _check_name(session: Session, name: str, *, other_than: int | None = None) -> str:
    name = _clean(name)
    if not name:
        raise ValidationError({"name": Text("a user needs a name")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": Text("a name has at most {n} characters", n=NAME_MAX)})
    if "," in name:
        raise ValidationError({"name": Text("a name cannot contain a comma")})
    for u in session.execute(select(User)).scalars():
        if u.id != other_than and u.name.casefold() == name.casefold():
            raise ValidationError({"name": Text("{name!r} is a user already", name=u.name)})
    return name


def owner_users(
    session: Session, names: Iterable[str], *, details: dict[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """The user each owner name stands for, adding users for names no user has yet (any case).

    A lead's owner is a user ("My leads", the owner filter, Settings → People): an owner typed in
    the editor, read from a file or brought by a fair laptop's database becomes one in the caller's
    transaction (``users`` noted). Returns each name as given mapped to the user's own spelling
    ("anna  berger" → "Anna Berger"). A name no user could have (a comma, over
    :data:`NAME_MAX` characters) is left out: the lead keeps it as text. ``details`` gives a new
    user's (initials, e-mail) by name, as the other database had them.
    """
    given: dict[str, str] = {}  # as given → tidied
    for raw in dict.fromkeys(names):  # a file names few owners, each many times
        name = _clean(raw or "")
        if name and len(name) <= NAME_MAX and "," not in name:
            given[raw] = name
    if not given:
        return {}
    users = {u.casefold(): u for u in session.execute(select(User.name)).scalars()}  # type: ignore[call-overload]
    now = utcnow()
    added = False
    for name in dict.fromkeys(given.values()):
        if name.casefold() in users:
            continue
        initials, email = (details or {}).get(name, ("", ""))
        try:
            initials, email = _check_details(initials, email)
        except ValidationError:
            initials, email = "", ""
        session.add(User(name=name, initials=initials or initials_of(name), email=email, created_at=now))
        users[name.casefold()] = name
        added = True
    if added:
        session.flush()
        note(session, users=True)
    return {raw: users[name.casefold()] for raw, name in given.items()}


def owner_user(session: Session, owner: str) -> str:
    """:func:`owner_users` for one owner: the user's spelling, or ``owner`` when no user can have it."""
    return owner_users(session, [owner]).get(owner, owner) if owner else owner


def _check_details(initials: str, email: str) -> tuple[str, str]:
    initials, email = "".join(initials.split()).upper(), email.strip()
    errors: dict[str, str] = {}
    if len(initials) > INITIALS_MAX:
        errors["initials"] = Text("initials have at most {n} characters", n=INITIALS_MAX)
    if email and (len(email) > EMAIL_MAX or "@" not in email or any(c.isspace() for c in email)):
        errors["email"] = Text("{email!r} is not an email address", email=email)
    if errors:
        raise ValidationError(errors)
    return initials, email


def add_user(db: Database, name: str, *, initials: str = "", email: str = "") -> Changes:
    """Add an active user; initials default to the name's (Anna Berger → AB)."""
    initials, email = _check_details(initials, email)
    with db.transaction() as session:
        name = _check_name(session, name)
        session.add(User(name=name, initials=initials or initials_of(name), email=email, created_at=utcnow()))
        note(session, users=True)
    return committed(session)


def rename_user(db: Database, old: str, new: str) -> Changes:
    """Rename a user and, in the same transaction, the owner of every lead that names them.

    Leads whose owner differs from the old name only in case or spacing (typed by hand before
    team mode) are renamed too. Initials made from the old name follow the new one.
    """
    with db.transaction() as session:
        user = _find(session, old)
        name = _check_name(session, new, other_than=user.id)
        if name == user.name:
            return committed(session)
        before = user.name
        if user.initials == initials_of(before):
            user.initials = initials_of(name)
        user.name = name
        session.add(user)
        session.flush()
        spellings = [
            o
            for o in session.execute(select(Lead.owner).distinct()).scalars()  # type: ignore[call-overload]
            if _clean(o).casefold() == before.casefold()
        ]
        ids: list[int] = []
        if spellings:
            ids = list(
                session.execute(
                    update(Lead)
                    .where(Lead.owner.in_(spellings))  # type: ignore[attr-defined]
                    .values(owner=name, updated_at=utcnow(), version=Lead.version + 1)
                    .returning(Lead.id)  # type: ignore[call-overload]
                    .execution_options(synchronize_session=False)
                ).scalars()
            )
        if ids:
            from leaddesk.core.scoring.engine import rescore_ids

            rescore_ids(session, sorted(ids))
        note(session, updated=ids, users=True)
    return committed(session)


def set_details(db: Database, name: str, *, initials: str | None = None, email: str | None = None) -> Changes:
    """Change a user's initials or e-mail (None: keep)."""
    with db.transaction() as session:
        user = _find(session, name)
        user.initials, user.email = _check_details(
            user.initials if initials is None else initials, user.email if email is None else email
        )
        session.add(user)
        note(session, users=True)
    return committed(session)


def set_active(db: Database, name: str, active: bool) -> Changes:
    """Deactivate a user who left (their leads keep them as owner), or bring one back."""
    with db.transaction() as session:
        user = _find(session, name)
        if bool(user.active) != active:
            user.active = active
            session.add(user)
            note(session, users=True)
    return committed(session)


def deactivate_user(db: Database, name: str) -> Changes:
    return set_active(db, name, False)


def default_owner(db: Database) -> str:
    """The owner a new lead gets: whoever was chosen as working here (``--as``, ``LEADDESK_USER``,
    this machine's choice), else the login name when it is an active user's; else nobody."""
    name = who.chosen()
    if name:
        return name
    login = who.login_name().casefold()
    return next((n for n in active_names(db) if login and n.casefold() == login), "")
