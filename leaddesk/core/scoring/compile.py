"""Rules → SQL. The one place a rule's meaning is defined, shared by every path.

Every path builds a rule's points from the same SQL expression (``build_query``):
the explain path gets one column per rule and adds them up in Python (``combine``),
the writers (bulk rescore, single lead, preview) get the sums, caps and expiry in SQL,
which is much cheaper for 100,000 leads. A test keeps the two in step. Activities are
read once per statement through the ``agg`` aggregate (one pass over the covering
index ``ix_activity_lead_kind_at``).

The pieces SQLite and PostgreSQL spell differently (Julian days, scalar MIN/MAX, ``IS NOT``,
LIKE's case) come from the connection's :class:`leaddesk.core.db.SqlFlavor`; SQLite keeps its
original SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult
from sqlmodel import Session

from leaddesk.core.db import SQLITE, SqlFlavor, driver_execute, julian_day
from leaddesk.core.scoring.freemail import FREEMAIL_DOMAINS
from leaddesk.core.scoring.rules import FIELDS, Group, Kind, Rule, fold

#: julianday used as "never" inside MIN(); NULL would poison SQLite's scalar MIN.
NEVER = 1e9


def run(
    conn: Session | Connection, sql: str, params: dict[str, Any] | None = None
) -> CursorResult[*tuple[Any, ...]]:
    """Execute generated SQL straight through the driver (named ``:params``).

    SQLAlchemy's ``text()`` re-parses a statement's bind parameters with regular
    expressions on every call: for a 25-rule query that alone cost ~10 ms, twice the
    whole budget of explaining one lead. The driver also caches the prepared statement.
    """
    connection = conn.connection() if isinstance(conn, Session) else conn
    result: CursorResult[*tuple[Any, ...]] = driver_execute(connection, sql, params)
    return result


def sql_time(moment: datetime) -> str:
    """A UTC moment in the text form SQLAlchemy stores in SQLite (so string order = time order)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def fold_sql(expr: str) -> str:
    """SQL twin of ``rules.fold``."""
    return f"lower(replace(replace(replace({expr}, 'Ä', 'ä'), 'Ö', 'ö'), 'Ü', 'ü'))"


@dataclass(frozen=True)
class Limits:
    """The settings that shape a total; kept apart so the compiler needs no database."""

    fit_cap: int | None = None
    engagement_cap: int | None = None
    total_min: int | None = 0
    total_max: int | None = 100


def combine(fit_raw: int, engagement_raw: int, manual: int, limits: Limits) -> tuple[int, int, int]:
    """Caps and bounds in Python, for the explain path: (fit, engagement, total)."""
    fit = fit_raw if limits.fit_cap is None else min(fit_raw, limits.fit_cap)
    eng = engagement_raw if limits.engagement_cap is None else min(engagement_raw, limits.engagement_cap)
    total = fit + eng + manual
    if limits.total_max is not None:
        total = min(total, limits.total_max)
    if limits.total_min is not None:
        total = max(total, limits.total_min)
    return fit, eng, total


@dataclass
class _Params:
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"

    def many(self, values: list[Any]) -> str:
        return ", ".join(self.add(v) for v in values)


@dataclass(frozen=True)
class ScoreQuery:
    """The ``WITH agg, per`` prefix plus what a statement needs to finish it.

    ``per`` has one row per lead: ``id`` and ``m`` (manual points), then either the stage
    ``st`` and one column of points per rule (``r0``, ``r1``, …; explain) or, given ``limits``, the
    capped group sums ``fit`` and ``eng``, the expiry ``x`` and the stored values
    (``f0``, ``e0``, ``s0``, ``x0``, ``g0``) and stage (``st``), so writers can skip
    the leads whose score does not change.
    """

    ctes: str
    params: dict[str, Any]
    rules: tuple[Rule, ...]
    #: Set for a totals query: the caps are inside ``per``, the bounds in ``totals_select``.
    limits: Limits | None = None
    #: The per-lead activity aggregate, for callers that materialise it (``agg_table``).
    agg_sql: str = ""
    agg_columns: tuple[str, ...] = ()
    flavor: SqlFlavor = SQLITE

    @property
    def rule_columns(self) -> list[str]:
        assert self.limits is None, "a totals query has no per-rule columns"
        return [f"r{i}" for i in range(len(self.rules))]

    def totals_select(self) -> str:
        """SELECT id, fit, eng, total, x, f0, e0, s0, x0, g0, st — the writers' arithmetic.

        ``per`` (not flattened) has already capped fit and engagement, so the total is
        a few operations on values computed once per lead.
        """
        limits = self.limits
        assert limits is not None, "build the query with limits for totals"
        total = "(fit + eng + m)"
        if limits.total_max is not None:
            total = self.flavor.least(str(int(limits.total_max)), total)
        if limits.total_min is not None:
            total = self.flavor.greatest(str(int(limits.total_min)), total)
        return f"SELECT id, fit, eng, {total} AS total, x, f0, e0, s0, x0, g0, st FROM per"


UMLAUTS = frozenset("äöü")


def like_pattern(value: str, *, prefix: str = "", suffix: str = "") -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``value`` literally; umlauts become ``_``.

    SQLite's LIKE ignores case for A–Z only; for a value without umlauts that is exactly
    ``fold`` equality, so no per-row folding is needed. With umlauts the pattern is only
    a cheap pre-filter and the folded comparison decides.
    """
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return prefix + "".join("_" if c in UMLAUTS else c for c in escaped) + suffix


#: LIKE pattern (prefix, suffix) of each text operator.
_SHAPES = {"equals": ("", ""), "contains": ("%", "%"), "starts_with": ("", "%")}


def _match(expr: str, value: str, op: str, p: _Params, *, folded: bool, flavor: SqlFlavor = SQLITE) -> str:
    """``expr`` (raw column) equals / contains / starts with the folded ``value``."""
    shape = _SHAPES[op]
    pattern = p.add(like_pattern(value, prefix=shape[0], suffix=shape[1]))
    like = flavor.like(expr, pattern)
    if not folded or not UMLAUTS.intersection(value):
        return like
    exact = {
        "equals": f"{fold_sql(expr)} = {p.add(value)}",
        "contains": f"{flavor.position(fold_sql(expr), p.add(value))} > 0",
        "starts_with": f"{flavor.position(fold_sql(expr), p.add(value))} = 1",
    }[op]
    return f"({like} AND {exact})"


def _text_condition(rule: Rule, p: _Params, flavor: SqlFlavor = SQLITE) -> str:
    spec = rule.spec
    op = rule.operator
    if op == "is_freemail":
        domains = sorted(FREEMAIL_DOMAINS)
        return f"{FIELDS['email_domain'].sql} IN ({p.many(domains)})"
    if op == "is_empty":
        return f"{spec.sql} = ''"
    if op == "is_set":
        return f"{spec.sql} <> ''"
    # Email columns are stored lower-cased already; other text is compared folded (see ``fold``).
    folded = spec.kind is not Kind.EMAIL
    norm = fold if folded else str.lower
    values = [norm(v) for v in (rule.value if isinstance(rule.value, list) else [rule.value])]
    if op in ("equals", "not_equals"):
        cond = _match(spec.sql, values[0], "equals", p, folded=folded, flavor=flavor)
        return cond if op == "equals" else f"NOT ({cond})"
    if op == "one_of":
        if not any(UMLAUTS.intersection(v) for v in values):
            # NOCASE folds A–Z only, which equals ``fold`` when no value holds an umlaut
            # (and, unlike lower(), copies no string per lead).
            return f"{flavor.nocase(spec.sql)} IN ({p.many(values)})"
        op = "equals"
    # Values a LIKE decides alone go in one ``like_any`` (PostgreSQL folds the column once for
    # all of them); one with an umlaut keeps its exact comparison. The terms keep the values' order.
    terms: list[str] = []
    plain: list[str] = []
    shape = _SHAPES[op]
    for v in values:
        if folded and UMLAUTS.intersection(v):
            terms.append(_match(spec.sql, v, op, p, folded=folded, flavor=flavor))
        else:
            if not plain:
                terms.append("")  # the group's place
            plain.append(p.add(like_pattern(v, prefix=shape[0], suffix=shape[1])))
    if plain:
        terms[terms.index("")] = flavor.like_any(spec.sql, plain)
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def _number_condition(rule: Rule, p: _Params) -> str:
    expr = rule.spec.sql
    op, value = rule.operator, rule.value
    if op == "equals":
        return f"{expr} = {p.add(value)}"
    if op == "not_equals":
        return f"{expr} <> {p.add(value)}"
    if op == "one_of":
        return f"{expr} IN ({p.many(list(value))})"
    if op == "at_least":
        return f"{expr} >= {p.add(value)}"
    if op == "at_most":
        return f"{expr} <= {p.add(value)}"
    if op == "between":
        parts = []
        if value["min"] is not None:
            parts.append(f"{expr} >= {p.add(value['min'])}")
        if value["max"] is not None:
            parts.append(f"{expr} <= {p.add(value['max'])}")
        return "(" + " AND ".join(parts) + ")"
    if op == "is_empty":
        return f"({expr} IS NULL OR {expr} = 0)"
    if op == "is_set":
        return f"({expr} IS NOT NULL AND {expr} <> 0)"
    raise AssertionError(f"operator {op} on a number")


def decayed_points_sql(rule: Rule, age: str, flavor: SqlFlavor = SQLITE) -> str:
    """Points after decay for an activity ``age`` whole days old (rounded half away from zero)."""
    one, negative = flavor.real("1.0"), rule.points < 0
    if rule.decay_mode == "linear":
        d = rule.decay_days
        linear = f"{rule.points} * {flavor.greatest('0', f'{d} - {age}')} * {one} / {d}"
        return flavor.round_int(linear, negative=negative)
    if rule.decay_mode == "half_life":
        factor = flavor.power(flavor.real("0.5"), f"{age} * {one} / {rule.decay_days}")
        return flavor.round_int(f"{rule.points} * {factor}", negative=negative)
    return str(rule.points)


def relevant_days(rules: list[Rule]) -> int | None:
    """How far back activities can matter to these rules (None: all history).

    A windowed rule looks back ``within_days``; a fading "at least once" rule gives 0
    points once its newest activity is ``zero_after_days`` old, so older ones change
    nothing. A rule counting all-time activity needs everything.
    """
    days = 0
    for rule in rules:
        if rule.within_days is not None:
            days = max(days, rule.within_days)
        elif rule.min_count == 1 and rule.zero_after_days is not None:
            days = max(days, rule.zero_after_days)
        else:
            return None
    return days


def build_query(
    rules: list[Rule],
    now: datetime,
    lead_filter: str | None = None,
    *,
    limits: Limits | None = None,
    agg_table: str | None = None,
    activity_filter: str | None = None,
    score_filter: str | None = None,
    flavor: SqlFlavor = SQLITE,
) -> ScoreQuery:
    """The shared CTEs for ``rules`` (enabled ones only) at the moment ``now``.

    Without ``limits`` ``per`` has a column per rule (the explain path); with them it has
    the capped sums the writers need (see ``ScoreQuery``). Either way every rule's points
    come from the same expression, so the paths cannot drift apart.

    Activities are aggregated once per lead (``agg``: newest activity per kind, counts
    per window), read from the covering index ``ix_activity_lead_kind_at``. For totals
    the activity rules' points and the expiry are added up right there, once per lead
    *with* activities, rather than in ``per`` for every lead.

    ``lead_filter`` is an SQL predicate over ``l`` (e.g. ``l.id = :lead_id``) whose
    parameters the caller adds when executing. With ``agg_table`` the aggregate is read
    from that table (filled from ``agg_sql``) instead of a CTE: for many leads a table
    keyed by ``lead_id`` joins far faster than SQLite's automatic index over a
    materialised CTE. ``activity_filter`` (over ``activity``) replaces the default
    "lead_id IN (leads matching lead_filter)" with something cheaper, such as an id
    range that is a range scan of the activity index. ``score_filter`` (over ``s``, the stored
    scores) repeats such a range for the scores' join: PostgreSQL carries no range from
    ``l.id`` over to ``s.lead_id`` and hashed all 100,000 score rows for each chunk of 25,000.
    """
    active = tuple(r for r in rules if r.enabled)
    totals = limits is not None
    p = _Params()
    now_param = p.add(sql_time(now))
    agg_cols: list[str] = []
    columns: list[str] = ["l.id AS id", "l.manual_score AS m"]
    if totals:
        stored = (
            "s.fit_score",
            "s.engagement_score",
            "s.score",
            "s.score_expires_at",
            "s.score_flag",
            "l.stage",
        )
        columns += [f"{c} AS {a}" for c, a in zip(stored, ("f0", "e0", "s0", "x0", "g0", "st"), strict=True)]
    points: dict[int, str] = {}
    expiries: list[str] = []
    window_hits: list[str] = []
    needs_bant = False
    kinds: set[str] = set()
    counts: dict[tuple[str, int | None], str] = {}
    newest_cols: dict[tuple[str, bool], str] = {}
    # Julian days of now and of today's midnight: constants SQLite computes once per statement,
    # bound values on PostgreSQL (see ``SqlFlavor.julian_bound``).
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    now_jd = flavor.julian_bound(flavor.julianday(now_param), p.add(julian_day(now)))
    tomorrow = f"{flavor.julian_bound(flavor.julian_day_start(now_param), p.add(julian_day(midnight)))} + 1"

    kind_params: dict[str, str] = {}

    def kind_is(kind: str) -> str:
        """``kind = :p`` with one parameter per kind: SQLite computes an aggregate once for
        all columns that use it only when their expressions are identical, parameters included."""
        if kind not in kind_params:
            kind_params[kind] = p.add(kind)
        return f"kind = {kind_params[kind]}"

    def newest(kind: str, *, julian: bool = False) -> str:
        """Column with the kind's newest activity: text for exact window tests, or its
        julian day for decay (parsed once per lead in the aggregate, not once per use)."""
        if (kind, julian) not in newest_cols:
            name = newest_cols[(kind, julian)] = f"{'j' if julian else 't'}{len(newest_cols)}"
            where = "" if kind == "any" else f" FILTER (WHERE {kind_is(kind)})"
            expr = flavor.julianday(f"MAX(at){where}") if julian else f"MAX(at){where}"
            agg_cols.append(f"{expr} AS {name}")
        return f"a.{newest_cols[(kind, julian)]}"

    for i, rule in enumerate(active):
        if rule.is_activity:
            # Each aggregate column costs work on every activity row (the bulk path's main
            # expense), so columns are shared between rules, and "at least once" rules
            # need no count: they hit when the newest matching activity is in the window.
            kind = rule.activity_kind
            kinds.add(kind)
            cutoff = None
            if rule.within_days is not None:
                moment = datetime.fromtimestamp(now.timestamp() - rule.within_days * 86400, UTC)
                cutoff = p.add(sql_time(moment))
            if rule.min_count == 1 and cutoff:
                hit = f"{newest(kind)} >= {cutoff}"
            elif rule.min_count == 1:
                hit = f"{newest(kind, julian=rule.decays)} IS NOT NULL"
            else:
                key = (kind, rule.within_days)
                if key not in counts:
                    counts[key] = f"n{len(counts)}"
                    conds = ([] if kind == "any" else [kind_is(kind)]) + (
                        [f"at >= {cutoff}"] if cutoff else []
                    )
                    where = f" FILTER (WHERE {' AND '.join(conds)})" if conds else ""
                    agg_cols.append(f"COUNT(*){where} AS {counts[key]}")
                hit = f"a.{counts[key]} >= {rule.min_count}"
            if rule.decays:
                # The newest matching activity is inside the window whenever the rule hits,
                # so the kind's overall newest activity gives the age that decay uses.
                j = newest(kind, julian=True)
                age = flavor.trunc_int(f"{now_jd} - {j}")
                points[i] = f"CASE WHEN {hit} THEN {decayed_points_sql(rule, age, flavor)} ELSE 0 END"
                # The points change when the age grows by a day; "age < n" is false without
                # an activity, so a rule that needs just one asks nothing more.
                end = f"CASE WHEN {age} < {rule.zero_after_days} THEN {j} + {age} + 1 ELSE {NEVER} END"
                plain = rule.min_count == 1 and rule.within_days is None
                expiries.append(end if plain else f"CASE WHEN {hit} THEN {end} ELSE {NEVER} END")
            else:
                points[i] = f"CASE WHEN {hit} THEN {rule.points} ELSE 0 END"
            if rule.within_days is not None:
                # Exact window ends cost a column each; checking again tomorrow is enough.
                window_hits.append(hit)
            continue
        needs_bant = needs_bant or rule.spec.needs_bant
        cond = (
            _number_condition(rule, p) if rule.spec.kind is Kind.NUMBER else _text_condition(rule, p, flavor)
        )
        points[i] = f"CASE WHEN {cond} THEN {rule.points} ELSE 0 END"
    pred = f" AND ({lead_filter})" if lead_filter else ""
    agg_sql = ""
    joins = ""
    if agg_cols:
        agg_where = [f"at <= {now_param}"]
        horizon = relevant_days([r for r in active if r.is_activity])
        if horizon is not None:
            # Older activities cannot change any rule's points: skip them before aggregating.
            oldest = datetime.fromtimestamp(now.timestamp() - horizon * 86400, UTC)
            agg_where.append(f"at >= {p.add(sql_time(oldest))}")
        if "any" not in kinds:
            agg_where.append(f"kind IN ({p.many(sorted(kinds))})")
        if activity_filter:
            agg_where.append(f"({activity_filter})")
        elif lead_filter:
            agg_where.append(f"lead_id IN (SELECT l.id FROM lead l WHERE l.erased = {flavor.false}{pred})")
        agg_sql = (
            f"SELECT lead_id, {', '.join(agg_cols)} FROM activity "
            f"WHERE {' AND '.join(agg_where)} GROUP BY lead_id"
        )
        joins += f" LEFT JOIN {agg_table or 'agg'} a ON a.lead_id = l.id"
    if needs_bant:
        joins += " LEFT JOIN qualification q ON q.lead_id = l.id"
    if totals:
        # LEFT: a lead without its score row (e.g. written with the trigger suspended) gets one.
        joins += " LEFT JOIN leadscore s ON s.lead_id = l.id"
        joins += f" AND ({score_filter})" if score_filter else ""

    def total(group: Group, *, fields_only: bool = False) -> str:
        terms = [
            points[i]
            for i, r in enumerate(active)
            if r.group == group and not (fields_only and r.is_activity)
        ]
        return "(" + " + ".join(terms) + ")" if terms else "0"

    if totals:
        assert limits is not None and all(r.group == Group.ENGAGEMENT for r in active if r.is_activity)
        fit, eng = total(Group.FIT), total(Group.ENGAGEMENT, fields_only=True)
        if agg_sql:
            # Activity points and expiry once per lead with activities; leads without any
            # (no ``agg`` row) get neither.
            if window_hits:
                expiries.append(f"CASE WHEN {' OR '.join(window_hits)} THEN {tomorrow} ELSE {NEVER} END")
            x = f"NULLIF({flavor.least(str(NEVER), *expiries)}, {NEVER})" if expiries else "NULL"
            activity_points = " + ".join(pts for i, pts in points.items() if active[i].is_activity)
            agg_sql = (
                f"SELECT lead_id, {activity_points} AS ea, "
                f"{flavor.julian_to_time(x)} AS x FROM ({agg_sql} {flavor.no_flatten}) AS a"
            )
            agg_cols = ["ea", "x"]
            eng = f"{eng} + COALESCE(a.ea, 0)"
        if limits.fit_cap is not None:
            fit = flavor.least(str(limits.fit_cap), fit)
        if limits.engagement_cap is not None:
            eng = flavor.least(str(limits.engagement_cap), eng)
        columns += [f"{fit} AS fit", f"{eng} AS eng", "a.x AS x" if agg_sql else f"{flavor.null_time} AS x"]
    else:
        columns += ["l.stage AS st", *(f"{points[i]} AS r{i}" for i in range(len(active)))]
    ctes = [] if agg_table or not agg_sql else [f"agg AS ({agg_sql})"]
    # OFFSET 0 keeps SQLite from flattening ``per`` into the statements that read it:
    # flattened, every reference to a total would evaluate all rule expressions again.
    # "+l.erased": without the plus SQLite walks ix_lead_board (erased, stage, position) and
    # visits the leads, their scores and aggregates in board order, one B-tree search each;
    # with it, an id-range scan reads all three in rowid order (~150 ms less for 100,000).
    ctes.append(
        f"per AS (SELECT {', '.join(columns)} FROM lead l{joins} "
        f"WHERE {flavor.unindexed('l.erased')} = {flavor.false}{pred} {flavor.no_flatten})"
    )
    return ScoreQuery(
        ctes="WITH " + ", ".join(ctes),
        params=p.values,
        rules=active,
        limits=limits,
        agg_sql=agg_sql,
        agg_columns=tuple(c.rsplit(" AS ", 1)[-1] for c in agg_cols),
        flavor=flavor,
    )
