"""Realistic demo data: German and international leads spread over the funnel.

Used to try the app and as the benchmarks' data set, so it must be fast: 100,000 leads
with history and activities are written with ``db.insert_rows`` (the driver's ``executemany``;
COPY on PostgreSQL) in one transaction (the ORM would take ~30x longer, see FACTS.md).
"""

from __future__ import annotations

import functools
import random
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from leaddesk.core.changes import note
from leaddesk.core.db import Database, fts_triggers_suspended, ids_written, insert_rows, sql_time
from leaddesk.core.errors import Cancelled
from leaddesk.core.models import DEMO_FORMAT, Activity, ImportBatch, Lead, StageChange, Task, User, utcnow
from leaddesk.core.people import initials_of
from leaddesk.core.services.activities import (
    BOOTH_VISIT,
    CALL,
    CALL_OUTCOMES,
    DOWNLOAD,
    EMAIL,
    FORM_FILL,
    MEETING,
    QUOTE_REQUEST,
    WEBINAR,
)
from leaddesk.core.stages import SCORE_REACHED, Stage, next_stage

Progress = Callable[[int, int], bool | None]

FIRST_NAMES_DE = (
    "Anna Lena Sophie Marie Laura Julia Katharina Sabine Petra Ursula Monika Birgit Claudia Stefanie Andrea "
    "Jürgen Thomas Michael Andreas Stefan Markus Matthias Klaus Uwe Jörg Björn Sören Lukas Jonas Maximilian "
    "Felix Tobias Florian Sebastian Christoph Dieter Günther Horst Wolfgang Ralf Heike Anke Silke Jana Greta"
).split()
FIRST_NAMES_INT = (
    "James Emma Olivia Liam Noah Ava Lucas Mia Sofia Mateo Elena Luca Giulia Marco Chiara Pierre Camille "
    "Jan Piotr Agnieszka Mehmet Ayşe Emre Zeynep Ivan Olga Ana João Inês Lars Ingrid Sven Astrid Aiko Wei"
).split()
LAST_NAMES_DE = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter "
    "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner "
    "Krause Meier Lehmann Köhler Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Keller "
    "Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter"
).split()
# "_" joins multi-word names ("van Dijk") so the list can stay one string.
LAST_NAMES_INT = tuple(
    name.replace("_", " ")
    for name in (
        "Smith Johnson Brown García Rossi Bianchi Dubois Martin Nowak Kowalski Yılmaz Kaya Ivanov Silva "
        "Santos Jensen Nielsen Andersson Johansson Tanaka Wang Novák Horváth Papadopoulos O'Brien van_Dijk "
        "de_Vries"
    ).split()
)
COMPANY_STEMS = (
    "Bergmann Kessler Lindner Hansen Roth Vogt Stahl Brandt Sommer Graf Engel Pohl Seidel Ritter Haas "
    "Alpen Rhein Main Elbe Isar Nordlicht Südwind Tannen Eichen Blau Weitblick Kraft Präzisions Kunststoff "
    "Metallbau Holz Glas Daten Software Logistik Elektro Medizin Agrar Bau Textil Druck Energie Solar"
).split()
COMPANY_KINDS = (
    "Technik Systeme Maschinenbau Consulting Handel Solutions Werke Service Logistik Automation Digital "
    "Manufaktur Industrie Partner Labs Engineering Vertrieb Software"
).split()
LEGAL_FORMS = (
    "GmbH",
    "GmbH",
    "GmbH",
    "GmbH & Co. KG",
    "AG",
    "KG",
    "e.K.",
    "OHG",
    "UG (haftungsbeschränkt)",
    "SE",
)
INTERNATIONAL_FORMS = ("Ltd", "Inc.", "S.r.l.", "SAS", "B.V.", "Sp. z o.o.", "AB", "A/S")
#: (postal code, city, country) — real cities with plausible postal codes.
CITIES = (
    ("70173", "Stuttgart", "DE"),
    ("80331", "München", "DE"),
    ("10115", "Berlin", "DE"),
    ("20095", "Hamburg", "DE"),
    ("50667", "Köln", "DE"),
    ("60311", "Frankfurt am Main", "DE"),
    ("40213", "Düsseldorf", "DE"),
    ("04109", "Leipzig", "DE"),
    ("01067", "Dresden", "DE"),
    ("90402", "Nürnberg", "DE"),
    ("30159", "Hannover", "DE"),
    ("28195", "Bremen", "DE"),
    ("68159", "Mannheim", "DE"),
    ("76133", "Karlsruhe", "DE"),
    ("79098", "Freiburg im Breisgau", "DE"),
    ("89073", "Ulm", "DE"),
    ("93047", "Regensburg", "DE"),
    ("97070", "Würzburg", "DE"),
    ("33602", "Bielefeld", "DE"),
    ("44135", "Dortmund", "DE"),
    ("45127", "Essen", "DE"),
    ("24103", "Kiel", "DE"),
    ("18055", "Rostock", "DE"),
    ("99084", "Erfurt", "DE"),
    ("1010", "Wien", "AT"),
    ("4020", "Linz", "AT"),
    ("8010", "Graz", "AT"),
    ("5020", "Salzburg", "AT"),
    ("8001", "Zürich", "CH"),
    ("3011", "Bern", "CH"),
    ("4051", "Basel", "CH"),
    ("6003", "Luzern", "CH"),
    ("1011", "Amsterdam", "NL"),
    ("75001", "Paris", "FR"),
    ("20121", "Milano", "IT"),
    ("00-001", "Warszawa", "PL"),
    ("EC1A 1BB", "London", "GB"),
    ("1050", "København", "DK"),
)
STREETS = (
    "Hauptstraße, Bahnhofstraße, Industriestraße, Gartenstraße, Schillerstraße, Goethestraße, Lindenallee, "
    "Am Marktplatz, Königstraße, Friedrichstraße, Mühlenweg, Gewerbepark Süd, Rosenweg, Kirchgasse, "
    "Talstraße, "
    "Schloßallee, Ringstraße, Parkstraße, Eichendorffweg, Daimlerstraße, Robert-Bosch-Straße, Carl-Zeiss-Ring"
).split(", ")
INDUSTRIES = (
    "Maschinenbau",
    "Automotive",
    "Elektrotechnik",
    "Software",
    "IT-Dienstleistungen",
    "Handel",
    "Logistik",
    "Bau",
    "Gesundheitswesen",
    "Lebensmittel",
    "Chemie",
    "Energie",
    "Finanzdienstleistungen",
    "Handwerk",
    "Bildung",
)
TITLES = (
    ("Geschäftsführer", 6),
    ("Geschäftsführerin", 4),
    ("Inhaber", 4),
    ("Leiter Vertrieb", 5),
    ("Leiterin Marketing", 4),
    ("Leiter Einkauf", 4),
    ("Head of Sales", 3),
    ("IT-Leiter", 4),
    ("Projektmanagerin", 4),
    ("Einkäufer", 5),
    ("Vertriebsmitarbeiter", 4),
    ("Marketing Manager", 3),
    ("Assistenz der Geschäftsführung", 3),
    ("CEO", 2),
    ("CTO", 2),
    ("Werkstudent", 1),
    ("Praktikantin", 1),
)
SOURCES = (
    ("Messe Stuttgart 2026", 10),
    ("Hannover Messe 2026", 10),
    ("Website", 18),
    ("Newsletter", 8),
    ("Empfehlung", 7),
    ("LinkedIn", 9),
    ("Webinar", 7),
    ("Kaltakquise", 6),
    ("Partner", 5),
    ("Google Ads", 20),
)
#: Days before "now" each trade fair took place (its leads are created in those few days).
FAIR_DAYS_AGO = {"Messe Stuttgart 2026": 62, "Hannover Messe 2026": 228}


@dataclass(frozen=True)
class Conversion:
    """Chances at each stage: move on, be lost (else stay), and mean days until it happens."""

    lead: tuple[float, float, float] = (0.50, 0.05, 12.0)
    mql: tuple[float, float, float] = (0.45, 0.10, 9.0)
    sql: tuple[float, float, float] = (0.35, 0.20, 25.0)


#: Sources whose leads behave differently, so the reports have something to show: one fair
#: converts clearly better, paid search brings many leads and few wins, referrals skip MQL.
CONVERSION = {
    "Messe Stuttgart 2026": Conversion((0.68, 0.04, 5.0), (0.60, 0.08, 7.0), (0.55, 0.15, 21.0)),
    "Google Ads": Conversion((0.32, 0.12, 15.0), (0.30, 0.18, 10.0), (0.15, 0.35, 30.0)),
    "Empfehlung": Conversion((0.60, 0.04, 6.0), (0.55, 0.08, 7.0), (0.45, 0.15, 20.0)),
}
DEFAULT_CONVERSION = Conversion()
#: New leads per month (Jan … Dec): spring and autumn fair seasons, a quiet summer and December.
SEASON = (0.9, 1.0, 1.3, 1.4, 1.2, 1.0, 0.7, 0.6, 1.2, 1.4, 1.2, 0.6)
LOST_BY_STAGE = {
    Stage.LEAD: ("no_response", "not_reachable", "no_need", "no_response"),
    Stage.MQL: ("no_need", "no_budget", "no_response", "other"),
    Stage.SQL: ("competitor", "no_budget", "competitor", "other", "no_need"),
}
TAGS = (
    "Bestandskunde",
    "VIP",
    "Rückruf",
    "Newsletter",
    "Messe",
    "Partner",
    "Export",
    "Förderprogramm",
    "DACH",
)
OWNERS = ("Anna Berger", "Tobias Klein", "Sabine Roth", "Mehmet Kaya", "")
FOLLOW_UP_TITLES = (
    "Angebot nachfassen",
    "Rückruf vereinbaren",
    "Unterlagen zusenden",
    "Termin bestätigen",
    "Demo vorbereiten",
    "Send the proposal",
)
FREE_MAIL = ("gmail.com", "gmx.de", "web.de", "t-online.de", "outlook.com", "yahoo.de", "posteo.de")
ENGAGEMENT_KINDS = (DOWNLOAD, WEBINAR, BOOTH_VISIT, EMAIL, FORM_FILL, QUOTE_REQUEST, MEETING)
NOTES = (
    "Interesse an Wartungsvertrag, Angebot bis Monatsende.",
    "Am Stand gesprochen, möchte Unterlagen per E-Mail.",
    "Budget für nächstes Jahr in Planung.",
    "Asked for a demo with their IT team.",
    "Bestehender Lieferant läuft 2027 aus.",
    "",
    "",
    "",
)


@dataclass(frozen=True)
class DemoReport:
    leads: int
    activities: int
    stage_changes: int


@functools.lru_cache(maxsize=4096)
def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum() or c in ".-")


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _lead_columns() -> list[str]:
    return [c.name for c in Lead.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]


#: How the demo's import batch is listed in File → Past imports.
DEMO_FILE_NAME = "Demo data"


def build_demo(
    db: Database,
    *,
    leads: int = 500,
    seed: int | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    score: bool = True,
) -> DemoReport:
    """Add ``leads`` demo leads with consistent stage history and activities, in one transaction.

    ``progress(done, total)`` may return False to cancel; then nothing is written. With
    ``score`` the default rules are installed (on a new database) and every lead is scored,
    so the board shows real badges rather than zeros.
    """
    if leads < 0:
        raise ValueError("the number of demo leads cannot be negative")
    rng = random.Random(seed)
    # Naive UTC inside the generator: formatting is the hot path.
    now = (now or utcnow()).astimezone(UTC).replace(tzinfo=None)
    columns = _lead_columns()
    change_cols = [c.name for c in StageChange.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]
    activity_cols = [c.name for c in Activity.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]
    task_cols = [c.name for c in Task.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]
    n_activities = n_changes = 0
    chunk = 5000
    with db.transaction() as session, fts_triggers_suspended(session):
        conn = session.connection()
        note(session, all_leads=True, activities=True, tasks=True, imports=True)
        # One import batch: File → Past imports (or leaddesk undo-import) takes the demo back.
        batch = ImportBatch(file_name=DEMO_FILE_NAME, file_format=DEMO_FORMAT, started_at=utcnow())
        session.add(batch)
        # The demo's owners are the team (Settings → People, "My leads"), as a lead's owner is a user.
        if leads:
            _add_demo_users(session)
        session.flush()
        first_id = (session.execute(select(func.max(Lead.id))).scalar() or 0) + 1
        positions = {
            stage: float(pos or 0)
            for stage, pos in session.execute(
                select(col(Lead.stage), func.max(Lead.position)).group_by(Lead.stage)
            )
        }
        for start in range(0, leads, chunk):
            count = min(chunk, leads - start)
            lead_rows: list[tuple[Any, ...]] = []
            change_rows: list[tuple[Any, ...]] = []
            activity_rows: list[tuple[Any, ...]] = []
            task_rows: list[tuple[Any, ...]] = []
            for i in range(count):
                lead_id = first_id + start + i
                lead, changes, activities, tasks = _make_lead(rng, lead_id, now, positions)
                lead["import_batch_id"] = batch.id
                task_rows.extend(tuple(t.get(c) for c in task_cols) for t in tasks)
                lead_rows.append(tuple(lead.get(c) for c in columns))
                change_rows.extend(tuple(ch.get(c) for c in change_cols) for ch in changes)
                activity_rows.extend(tuple(a.get(c) for c in activity_cols) for a in activities)
            insert_rows(conn, "lead", columns, lead_rows)
            insert_rows(conn, "stagechange", change_cols, change_rows)
            insert_rows(conn, "activity", activity_cols, activity_rows)
            insert_rows(conn, "task", task_cols, task_rows)
            n_changes += len(change_rows)
            n_activities += len(activity_rows)
            if progress is not None and progress(start + count, leads) is False:
                raise Cancelled("demo data cancelled; nothing was added")
        ids_written(conn, "lead", "stagechange", "activity", "task")
        batch.created_count = leads
        batch.finished_at = utcnow()
    if score and leads:
        from leaddesk.core.scoring import install_defaults, rescore_all

        install_defaults(db)
        rescore_all(db, now=now.replace(tzinfo=UTC))
    db.refresh_stats()
    return DemoReport(leads, n_activities, n_changes)


def _add_demo_users(session: Any) -> None:
    """The demo's owners as users, unless a user of that name exists already (kept after an undo)."""
    names = [n for n in OWNERS if n]
    known = set(
        session.execute(
            select(func.lower(User.name)).where(func.lower(User.name).in_([n.lower() for n in names]))
        ).scalars()
    )
    for name in names:
        if name.lower() not in known:
            session.add(User(name=name, initials=initials_of(name)))
    note(session, users=True)


def _make_lead(
    rng: random.Random, lead_id: int, now: datetime, positions: dict[str, float]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    german = rng.random() < 0.78
    first = rng.choice(FIRST_NAMES_DE if german else FIRST_NAMES_INT)
    last = rng.choice(LAST_NAMES_DE if german else LAST_NAMES_INT)
    stem = rng.choice(COMPANY_STEMS if german or rng.random() < 0.5 else LAST_NAMES_INT)
    kind = rng.choice(COMPANY_KINDS) if rng.random() < 0.85 else ""
    form = rng.choice(LEGAL_FORMS if german else INTERNATIONAL_FORMS)
    company = f"{stem} {kind} {form}" if kind else f"{stem} {form}"
    postal, city, country = rng.choice(CITIES[:32] if german else CITIES)
    tld = {"AT": "at", "CH": "ch"}.get(country, "de") if german else "com"
    domain = f"{_ascii(stem + kind)}.{tld}"
    if rng.random() < 0.15:
        domain = rng.choice(FREE_MAIL)
    email = f"{_ascii(first)}.{_ascii(last)}@{domain}" if rng.random() < 0.93 else ""
    area = rng.choice(("30", "40", "89", "711", "221", "69", "351", "421"))
    phone = f"+49{area}{rng.randint(1000000, 99999999)}"
    mobile = f"+49{rng.choice(('151', '160', '170', '171', '176'))}{rng.randint(10000000, 99999999)}"
    if rng.random() < 0.25:
        phone = ""
    if rng.random() < 0.5:
        mobile = ""
    source = _weighted(rng, SOURCES)
    created = _created(rng, now, source)
    changes = _history(rng, lead_id, created, now, source)
    final = Stage(changes[-1]["to_stage"])
    at = datetime.fromisoformat(changes[-1]["at"])
    span = (now - created).total_seconds()
    lost_reason = changes[-1]["reason"] if final is Stage.LOST else ""
    activities: list[dict[str, Any]] = []
    mql_at = next((datetime.fromisoformat(c["at"]) for c in changes if c["to_stage"] == "mql"), None)
    if mql_at is not None and rng.random() < 0.88:
        # Sales answers an MQL: mostly within a day, sometimes only after a week or two.
        delay = rng.choice(
            (rng.uniform(0.5, 20), rng.uniform(0.5, 20), rng.uniform(24, 96), rng.uniform(96, 300))
        )
        when = mql_at + timedelta(hours=delay)
        if when < now:
            activities.append(_activity(rng, lead_id, rng.choice((CALL, CALL, EMAIL, MEETING)), when))
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
        kind = rng.choice((CALL, *ENGAGEMENT_KINDS))
        when = created + timedelta(seconds=rng.uniform(0, span))
        activities.append(
            {
                "lead_id": lead_id,
                "kind": kind,
                "at": sql_time(when),
                "who": rng.choice(OWNERS[:4]),
                "subject": "",
                "notes": "",
                "duration_s": rng.randint(60, 2400) if kind == CALL else None,
                "outcome": rng.choice(tuple(CALL_OUTCOMES)) if kind == CALL else "",
                "created_at": sql_time(when),
            }
        )
    positions[final.value] = positions.get(final.value, 0.0) + 1.0
    # A follow-up is an open task; the lead's next_follow_up mirrors it, as the task service keeps it.
    follow_up = None
    tasks: list[dict[str, Any]] = []
    if final in (Stage.MQL, Stage.SQL) or (final is Stage.LEAD and rng.random() < 0.3):
        due = now.replace(minute=0, second=0, microsecond=0) + timedelta(
            days=rng.randint(-7, -1) if rng.random() < 0.12 else rng.randint(0, 30), hours=rng.randint(-4, 4)
        )
        follow_up = sql_time(due)
        tasks.append(
            {
                "lead_id": lead_id,
                "title": rng.choice(FOLLOW_UP_TITLES),
                "notes": "",
                "due_at": follow_up,
                "all_day": False,
                "done": False,
                "done_at": None,
                "activity_id": None,
                "who": rng.choice(OWNERS[:4]),
                "created_at": sql_time(min(created + timedelta(days=1), now)),
            }
        )
    tags = ",".join(rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2))))
    street = f"{rng.choice(STREETS)} {rng.randint(1, 180)}"
    value = float(rng.choice((0, 2500, 4800, 9900, 12000, 18500, 25000, 48000, 75000, 120000)))
    if final is Stage.WON and not value:
        value = float(rng.choice((4800, 9900, 12000, 18500)))
    email_lower = email.lower()
    phone_digits = (phone or mobile).lstrip("+")
    size = rng.choice((3, 8, 12, 25, 40, 75, 120, 180, 250, 480, 1200, 5000))
    consent = created if rng.random() < 0.6 else None
    lead = {
        "uid": str(uuid.uuid4()),  # unique across runs, even with the same seed
        "first_name": first,
        "last_name": last,
        "company": company,
        "title": _weighted(rng, TITLES),
        "email": email,
        "email_lower": email_lower,
        "phone": phone,
        "mobile": mobile,
        "phone_key": phone_digits,
        "website": f"https://www.{domain}" if domain not in FREE_MAIL else "",
        "street": street,
        "postal_code": postal,
        "city": city,
        "country": country,
        "industry": rng.choice(INDUSTRIES),
        "company_size": size,
        "source": source,
        "tags": tags,
        "owner": rng.choice(OWNERS),
        "notes": rng.choice(NOTES),
        "value": value,
        "currency": "EUR",
        "stage": final.value,
        "lost_reason": lost_reason,
        "position": positions[final.value],
        "manual_score": 0,
        "bant_confirmed": 0,
        "has_qualification": False,
        "next_follow_up": follow_up,
        "consent_at": sql_time(consent) if consent else None,
        "consent_source": "Visitenkarte" if consent else "",
        "consent_purpose": "Informationen zu Produkten" if consent else "",
        "import_batch_id": None,
        "erased": False,
        "created_at": sql_time(created),
        "updated_at": sql_time(max(created, at - timedelta(seconds=1))),
        "version": 1,
    }
    return lead, changes, activities, tasks


def _activity(rng: random.Random, lead_id: int, kind: str, when: datetime) -> dict[str, Any]:
    return {
        "lead_id": lead_id,
        "kind": kind,
        "at": sql_time(when),
        "who": rng.choice(OWNERS[:4]),
        "subject": "",
        "notes": "",
        "duration_s": rng.randint(60, 2400) if kind == CALL else None,
        "outcome": rng.choice(tuple(CALL_OUTCOMES)) if kind == CALL else "",
        "created_at": sql_time(when),
    }


def _created(rng: random.Random, now: datetime, source: str) -> datetime:
    """When a lead came in: fair leads during their fair, the rest over ~18 months, by season."""
    if source in FAIR_DAYS_AGO:
        days = FAIR_DAYS_AGO[source] - rng.uniform(0, 4)
        return now - timedelta(days=days, hours=rng.uniform(-5, 5))
    top = max(SEASON)
    while True:
        created = now - timedelta(days=rng.uniform(1, 540), seconds=rng.randint(0, 86399))
        if rng.random() * top < SEASON[created.month - 1]:
            return created


def _history(
    rng: random.Random, lead_id: int, created: datetime, now: datetime, source: str
) -> list[dict[str, Any]]:
    """A plausible path through the funnel, with its times; nothing happens after ``now``.

    Mostly forward, one step at a time; some leads skip MQL (a referral goes straight to
    sales), some SQLs fall back to MQL once, and some lost leads are brought back later.
    """
    odds = CONVERSION.get(source, DEFAULT_CONVERSION)
    latest = now - timedelta(minutes=1)
    changes: list[dict[str, Any]] = []

    def move(from_stage: Stage | None, to_stage: Stage, at: datetime, reason: str = "") -> None:
        changes.append(
            {
                "lead_id": lead_id,
                "from_stage": from_stage.value if from_stage else None,
                "to_stage": to_stage.value,
                "at": sql_time(at),
                "actor": "Demo",
                "actor_kind": "demo",
                "reason": reason,
            }
        )

    move(None, Stage.LEAD, created)
    stage, at = Stage.LEAD, created
    recycled = backward = False
    while stage in (Stage.LEAD, Stage.MQL, Stage.SQL):
        advance, lose, mean_days = {Stage.LEAD: odds.lead, Stage.MQL: odds.mql, Stage.SQL: odds.sql}[stage]
        roll = rng.random()
        if roll >= advance + lose:
            break  # stays where it is
        at = at + timedelta(days=rng.expovariate(1 / mean_days), seconds=rng.randint(60, 3600))
        if at > latest:
            break  # would happen in the future: still open
        if roll >= advance:
            move(stage, Stage.LOST, at, rng.choice(LOST_BY_STAGE[stage]))
            lost_from, stage = stage, Stage.LOST
            if not recycled and lost_from is not Stage.SQL and rng.random() < 0.2:
                back_at = at + timedelta(days=rng.uniform(30, 120))
                if back_at < latest:
                    recycled = True
                    move(Stage.LOST, Stage.LEAD, back_at, "Neuer Anlauf")
                    stage, at = Stage.LEAD, back_at
            continue
        if stage is Stage.SQL:
            if not backward and rng.random() < 0.08:
                backward = True
                move(Stage.SQL, Stage.MQL, at, "Noch kein Budget freigegeben")
                stage = Stage.MQL
                continue
            move(stage, Stage.WON, at)
            stage = Stage.WON
            break
        target = next_stage(stage)
        assert target is not None
        if stage is Stage.LEAD and rng.random() < (0.25 if source == "Empfehlung" else 0.03):
            target = Stage.SQL  # straight to sales
        reason = ""
        if target is Stage.MQL and rng.random() < 0.5:
            score = rng.randint(50, 95) if odds.sql[0] >= 0.45 else rng.randint(50, 75)
            reason = SCORE_REACHED.format(score=score, stage="MQL", threshold=50)
        move(stage, target, at, reason)
        stage = target
    return changes
