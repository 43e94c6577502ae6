"""SQLModel tables: the one place the schema is described.

Every datetime is timezone-aware UTC (sqlmodel refuses naive ones). Schema changes
go through an Alembic migration in ``leaddesk/core/migrations/versions``; the test
``tests/core/test_migrations.py`` fails when these classes and the migrations drift.

Every start defines these classes (issue 18: ~55 ms of it for 21 tables), so two things here
keep that cheap: the annotations are real types, not strings (no ``from __future__ import
annotations``: pydantic and SQLAlchemy would each evaluate every one again), and the tables
build their pydantic validators when first asked (:class:`_Table`), which LeadDesk never does.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig


def utcnow() -> datetime:
    """Now, timezone-aware: naive datetimes fail in sqlmodel and mislead across zones."""
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


class _Table(SQLModel):
    """Base of every table: same columns and metadata; pydantic's validator and serializer are
    built on first use (``defer_build``) instead of at import. Table rows are never validated
    (SQLModel constructs them without), so the start no longer pays ~0.5 ms per table for them."""

    model_config = SQLModelConfig(defer_build=True)


class Lead(_Table, table=True):
    """A person we may sell to.

    ``erased`` takes a lead off the board, the lists and the search: merged into another lead,
    in the trash (``deleted_at`` set; restorable until the trash is emptied, see
    ``services/trash.py``) or erased for data protection.
    """

    __table_args__ = (
        Index("ix_lead_stage_position", "stage", "position"),
        # Covering index for the board: ids, order and values of 100,000 leads without touching
        # the wide lead rows (220 ms → 65 ms measured; see leaddesk/core/services/board.py).
        Index("ix_lead_board", "erased", "stage", "position", "id", "value"),
        # The few leads not in euros, read at start for the column sums (a table scan without it).
        # Partial (WHERE currency != 'EUR') as its migration (startup_currency_index.py) makes it:
        # the schema comes from the migrations, and a dialect keyword here would import
        # SQLAlchemy's PostgreSQL dialect at every start (~30 ms) only to check its spelling.
        Index("ix_lead_currency_other", "erased", "currency"),
        Index("ix_lead_email_lower", "email_lower"),
        Index("ix_lead_phone_key", "phone_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=255, unique=True, index=True)

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    title: str = ""
    email: str = ""
    # Lower-cased copy of ``email`` so duplicate checks use an index.
    email_lower: str = ""
    phone: str = ""
    mobile: str = ""
    # Digits of the normalised phone (or mobile) for duplicate checks.
    phone_key: str = ""
    website: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    industry: str = ""
    company_size: int | None = None
    source: str = Field(default="", index=True)
    # Comma-separated, normalised (trimmed, de-duplicated, original case kept).
    tags: str = ""
    owner: str = Field(default="", index=True)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))

    value: float = 0.0
    currency: str = "EUR"

    stage: str = Field(default="lead")
    lost_reason: str = ""
    # Sort key inside the board column; gaps allow a move without renumbering.
    position: float = 0.0

    # Sum of the manual adjustments (``ScoreAdjustment``); the computed parts live in ``LeadScore``.
    manual_score: int = 0
    # Confirmed BANT sections (0–4), denormalised for the cards.
    bant_confirmed: int = 0
    has_qualification: bool = False

    # Its index holds only leads that have a date (partial: migration speed_1, as for
    # ix_lead_currency_other above); so does deleted_at's.
    next_follow_up: datetime | None = Field(default=None, index=True)

    consent_at: datetime | None = None
    consent_source: str = ""
    consent_purpose: str = ""
    # The wording the person agreed to, as shown then (Art. 7(1): the consent must be provable).
    # Both nullable: bulk inserts that list every column (demo data) write NULL, read as "" / False.
    consent_wording: str | None = Field(default="", sa_column_kwargs={"server_default": ""})
    consent_withdrawn_at: datetime | None = None
    # Never contact this person (objection, Art. 21); shown on the card, kept in the suppression list.
    do_not_contact: bool | None = Field(default=False, sa_column_kwargs={"server_default": "0"})

    # Anrede ("ms", "mr", "mx"; see leaddesk/core/names.py) and academic title ("Dr.", "Prof. Dr."),
    # for letters and exports. Nullable like ``consent_wording``: bulk inserts may write NULL.
    salutation: str | None = Field(default="", sa_column_kwargs={"server_default": ""})
    academic_title: str | None = Field(default="", sa_column_kwargs={"server_default": ""})

    import_batch_id: int | None = Field(default=None, foreign_key="importbatch.id", index=True)
    erased: bool = False
    # When it was moved to the trash (None: not in the trash).
    deleted_at: datetime | None = Field(default=None, index=True)

    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class LeadScore(_Table, table=True):
    """A lead's computed score: one row per lead, written by the lead's first rescore.

    Kept apart from the wide lead row because scoring rewrites it in bulk: rescoring
    100,000 leads then writes ~3 MB of narrow rows instead of every page of the lead
    table (~26 MB through the WAL and back), and a score change leaves the lead's
    ``version`` and ``updated_at`` alone. The row goes with its lead (ON DELETE CASCADE).
    Readers join it with an outer join: a lead not yet scored reads as 0 points.
    """

    lead_id: int = Field(primary_key=True, foreign_key="lead.id", ondelete="CASCADE")
    fit_score: int = 0
    engagement_score: int = 0
    # Not indexed: every rescore rewrites it, and a score-range filter scans this narrow table in ~10 ms.
    score: int = 0
    # Set by scoring in "suggest" mode: "mql" or "sql" (ready for), "below_mql"/"below_sql" (dropped under).
    score_flag: str = ""
    # Earliest moment an engagement contribution changes by decay; lets the app refresh only what is due.
    score_expires_at: datetime | None = None


#: Columns of ``LeadScore`` that readers show next to a lead's own fields.
SCORE_FIELDS: tuple[str, ...] = ("fit_score", "engagement_score", "score", "score_flag", "score_expires_at")


#: Fields a person (or an importer) may set directly. Scores, stage, version and ids are managed.
EDITABLE_FIELDS: tuple[str, ...] = (
    "salutation",
    "academic_title",
    "first_name",
    "last_name",
    "company",
    "title",
    "email",
    "phone",
    "mobile",
    "website",
    "street",
    "postal_code",
    "city",
    "country",
    "industry",
    "company_size",
    "source",
    "tags",
    "owner",
    "notes",
    "value",
    "currency",
    "next_follow_up",
    "consent_at",
    "consent_source",
    "consent_purpose",
)


class StageChange(_Table, table=True):
    """One move in the funnel; reports are computed from these rows."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    from_stage: str | None = None
    to_stage: str
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = ""
    # "user", "rule" (scoring moved it), "import", "merge", "demo", "undo".
    actor_kind: str = "user"
    reason: str = ""


class Activity(_Table, table=True):
    """Something that happened with a lead; engagement scoring reads these."""

    __table_args__ = (Index("ix_activity_lead_kind_at", "lead_id", "kind", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id")
    kind: str
    at: datetime = Field(default_factory=utcnow)
    who: str = ""
    subject: str = ""
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    duration_s: int | None = None
    outcome: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Task(_Table, table=True):
    """A follow-up with a due moment."""

    __table_args__ = (Index("ix_task_done_due", "done", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    title: str
    notes: str = ""
    due_at: datetime
    # True when only the day matters (due "on 24 Nov", not at a time).
    all_day: bool = True
    done: bool = False
    done_at: datetime | None = None
    activity_id: int | None = Field(default=None, foreign_key="activity.id")
    who: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Qualification(_Table, table=True):
    """BANT for one lead. Status values: unknown, partial, confirmed, no_fit."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", unique=True)

    budget_status: str = "unknown"
    budget_amount: float | None = None
    budget_currency: str = "EUR"
    budget_approved: str = "unknown"  # yes / no / unknown
    budget_notes: str = ""

    authority_status: str = "unknown"
    authority_is_decision_maker: str = "unknown"  # yes / no / unknown
    authority_people: str = ""
    authority_notes: str = ""

    need_status: str = "unknown"
    need_pain: str = ""
    need_priority: int | None = None
    need_notes: str = ""

    timing_status: str = "unknown"
    timing_target: str = ""  # ISO date or a quarter such as "2027-Q1"
    timing_driver: str = ""
    timing_notes: str = ""

    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class QualificationChange(_Table, table=True):
    """One BANT field changed, and in which call: the readable BANT history."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    activity_id: int | None = Field(default=None, foreign_key="activity.id")
    field: str
    old_value: str = ""
    new_value: str = ""
    at: datetime = Field(default_factory=utcnow)
    who: str = ""


class CallDraft(_Table, table=True):
    """The state of a discovery call in progress, saved continuously so a crash loses nothing."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    started_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


class ScoreRule(_Table, table=True):
    """One scoring rule as data; see ``leaddesk.core.scoring`` for the operators."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    group: str = "fit"  # fit / engagement
    field: str = ""  # a Lead field, "email_domain", a BANT field, or an activity kind
    operator: str = "equals"
    # JSON: a string, a number, a list, or {"min": .., "max": ..}.
    value: str = "null"
    points: int = 0
    min_count: int = 1
    within_days: int | None = None
    decay_mode: str = "none"  # none / linear / half_life
    decay_days: int | None = None
    enabled: bool = True
    position: int = 0


class ScoreSettings(_Table, table=True):
    """Thresholds and caps; a single row with id 1."""

    id: int | None = Field(default=1, primary_key=True)
    mql_threshold: int = 50
    sql_threshold: int = 80
    fit_cap: int | None = None
    engagement_cap: int | None = None
    total_min: int | None = 0
    total_max: int | None = 100
    mode: str = "suggest"  # suggest / move
    last_decay_refresh: datetime | None = None


class ScoreAdjustment(_Table, table=True):
    """Manual points with a mandatory reason."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    points: int
    reason: str
    who: str = ""
    at: datetime = Field(default_factory=utcnow)


class ImportBatch(_Table, table=True):
    """One import run; leads remember their batch so it can be undone as a whole."""

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = ""
    file_format: str = ""
    source: str = ""
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    created_count: int = 0
    updated_count: int = 0
    skipped_count: int = 0
    error_count: int = 0
    undone_at: datetime | None = None


#: ``ImportBatch.file_format`` of demo data (``leaddesk.core.demo``): one batch, undone like an import.
DEMO_FORMAT = "demo"


class ImportChange(_Table, table=True):
    """Values a batch overwrote or filled on an existing lead, so undo can restore them."""

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="importbatch.id", index=True)
    # Indexed: SQLite searches it for every lead deleted by an undo (foreign key check).
    lead_id: int = Field(foreign_key="lead.id", index=True)
    # JSON object of the lead's fields before the batch touched it.
    before: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


class FieldSource(_Table, table=True):
    """Where a field's value came from, kept when imports or merges fill it."""

    __table_args__ = (UniqueConstraint("lead_id", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id")
    field: str
    origin: str
    at: datetime = Field(default_factory=utcnow)


class Attachment(_Table, table=True):
    """A file kept with a lead, such as the photo of a business card."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    kind: str = "card_image"
    file_name: str = ""
    mime: str = ""
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class AppSetting(_Table, table=True):
    """Typed settings live in core (key → JSON), not in QSettings."""

    key: str = Field(primary_key=True)
    value: str = "null"


class SavedFilter(_Table, table=True):
    """A named board filter ("My hot MQLs"), kept in the database so a team sharing it shares them.

    ``spec`` is the JSON of ``leaddesk.core.services.query.filter_to_spec``; names are unique.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    spec: str = "{}"
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class User(_Table, table=True):
    """A colleague in team mode: the names leads are owned by and history entries are signed with.

    ``name`` is what ``Lead.owner`` holds (so renaming a user renames it there too, see
    ``leaddesk/core/people.py``). A user who left is deactivated, never deleted: old history
    still names them.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    initials: str = Field(default="", max_length=8)
    email: str = Field(default="", max_length=320)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class ErasureLog(_Table, table=True):
    """A person erased for data protection (Art. 17): what a restored backup or a merge re-applies.

    No clear text: the lead's random uid (also kept on its anonymous skeleton) and the moment.
    The same entries are kept in a file beside the database (see ``core/privacy/erase.py``),
    so restoring a backup older than the erasure cannot bring the person back.
    """

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, index=True)
    erased_at: datetime = Field(default_factory=utcnow)


class Suppression(_Table, table=True):
    """A salted hash of an erased or "do not contact" person's e-mail, phone or name+company.

    Imports, quick entry, card scans and database merges refuse a record whose hash is here.
    """

    __table_args__ = (UniqueConstraint("digest", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    digest: str = Field(max_length=64, index=True)
    # What was hashed: "email", "phone" or "name".
    what: str = ""
    # Why: "erased" or "do_not_contact".
    kind: str = "erased"
    since: datetime = Field(default_factory=utcnow)


class AuditEntry(_Table, table=True):
    """Append-only record of data-protection events: erasures, access exports, consent changes,
    restores, bulk deletions. The person appears only masked ("J*** M***")."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = ""
    kind: str = ""
    subject: str = ""
    detail: str = ""


#: Every table whose rows belong to one lead (``lead_id``), children before the lead: what goes
#: with a lead when it is removed for good (emptying the trash). ``LeadScore`` cascades itself.
LEAD_CHILD_TABLES: tuple[type[SQLModel], ...] = (
    StageChange,
    Activity,
    Task,
    QualificationChange,
    Qualification,
    CallDraft,
    ScoreAdjustment,
    ImportChange,
    FieldSource,
    Attachment,
)
