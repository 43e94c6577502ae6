"""Does the score predict outcomes? Conversion per score band at MQL, and each rule's lift.

Only leads of the cohort whose outcome is known (Won or Lost now) count. The score at MQL is
the one the move into MQL recorded (scoring moved the lead, or its suggestion was accepted);
for leads moved by hand no score was recorded, and their current score stands in
(``from_current`` says how many). A rule's lift compares the Won share of the leads it gives
points to now with that of the others: lift = conversion(hit) / conversion(not hit).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from leaddesk.core.reports.data import ReportData
from leaddesk.core.reports.scope import Scope

#: Lower bounds of the score bands (the last is open upwards; scores below 0 join the first).
BANDS: tuple[int, ...] = (0, 20, 40, 60, 80)


def band_label(k: int) -> str:
    if k == len(BANDS) - 1:
        return f"{BANDS[k]}+"
    return f"{BANDS[k]}–{BANDS[k + 1] - 1}"


def band_of(score: int) -> int:
    k = 0
    for j, low in enumerate(BANDS):
        if score >= low:
            k = j
    return k


@dataclass(frozen=True)
class BandRow:
    band: str
    outcomes: int
    won: int
    conversion: float | None
    ids: tuple[int, ...]


@dataclass(frozen=True)
class RuleLift:
    rule: str
    hit: int
    hit_won: int
    miss: int
    miss_won: int
    conversion_hit: float | None
    conversion_miss: float | None
    lift: float | None
    #: The leads with a known outcome the rule gives points to.
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScoringCheck:
    bands: tuple[BandRow, ...]
    outcomes: int
    from_current: int
    rules: tuple[RuleLift, ...]


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def scoring_check(data: ReportData, scope: Scope) -> ScoringCheck:
    take = scope.take
    stage = take(data.stage)
    known = [k for k, st in enumerate(stage) if st == "won" or st == "lost"]
    ids, is_mql, recorded, current = take(data.ids), take(data.is_mql), take(data.mql_score), take(data.score)
    bits = take(data.rule_bits)
    members: list[list[int]] = [[] for _ in BANDS]
    won_in = [0] * len(BANDS)
    from_current = mqls = 0
    for k in known:
        if not is_mql[k]:
            continue  # lost before it was ever an MQL: no score at MQL
        mqls += 1
        score = recorded[k]
        if score is None:
            score = current[k]
            from_current += 1
        band = band_of(score)
        members[band].append(ids[k])
        if stage[k] == "won":
            won_in[band] += 1
    bands = tuple(
        BandRow(band_label(b), len(m), won_in[b], _pct(won_in[b], len(m)), tuple(m))
        for b, m in enumerate(members)
    )
    won_known = [stage[k] == "won" for k in known]
    bits_known = [bits[k] for k in known]
    total, total_won = len(known), sum(won_known)
    rules = []
    for b, name in enumerate(data.rule_names):
        mask = 1 << b
        hits = [x & mask != 0 for x in bits_known]
        hit = sum(hits)
        hit_won = sum(compress(won_known, hits))
        miss, miss_won = total - hit, total_won - hit_won
        c_hit, c_miss = _pct(hit_won, hit), _pct(miss_won, miss)
        lift = c_hit / c_miss if c_hit is not None and c_miss else None
        hit_ids = tuple(compress([ids[k] for k in known], hits))
        rules.append(RuleLift(name, hit, hit_won, miss, miss_won, c_hit, c_miss, lift, hit_ids))
    return ScoringCheck(bands, mqls, from_current, tuple(rules))
