"""Saved filters and the several-values filters: what a user saves is what they get back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaddesk.core.errors import ValidationError
from leaddesk.core.services.leads import create_lead
from leaddesk.core.services.query import LeadFilter, filter_from_spec, filter_to_spec, lead_ids
from leaddesk.core.services.saved_filters import (
    delete_filter,
    list_saved_filters,
    rename_filter,
    save_filter,
)


def add(db: Any, name: str, stage: str = "lead", **fields: Any) -> int:
    view, _ = create_lead(db, {"last_name": name, **fields}, stage=stage)
    return view.id


@pytest.fixture
def leads(db: Any) -> dict[str, int]:
    soon = datetime.now(UTC) + timedelta(days=3)
    return {
        "a": add(db, "A", source="Messe Stuttgart 2026", tags="Premium", owner="Eva"),
        "b": add(db, "B", "mql", source="Website", tags="Ärzte, Premium", owner="Jan", next_follow_up=soon),
        "c": add(db, "C", "mql", source="Messe Stuttgart 2026", tags="Maschinenbau", owner="Jan"),
        "d": add(db, "D", "sql", source="Empfehlung", tags="", owner="Eva", next_follow_up=soon),
    }


def ids(db: Any, f: LeadFilter) -> set[int]:
    return set(lead_ids(db, f))


def test_several_sources_tags_owners_and_stages(db: Any, leads: dict[str, int]) -> None:
    a, b, c, d = (leads[k] for k in "abcd")
    assert ids(db, LeadFilter(sources=("Website", "Empfehlung"))) == {b, d}
    assert ids(db, LeadFilter(tags=("ärzte", "maschinenbau"))) == {b, c}  # any of them, case folded
    assert ids(db, LeadFilter(owners=("Eva",))) == {a, d}
    assert ids(db, LeadFilter(stage_in=("mql", "sql"))) == {b, c, d}
    # combined with each other and with the single-value fields
    assert ids(db, LeadFilter(sources=("Messe Stuttgart 2026", "Website"), owners=("Jan",))) == {b, c}
    assert ids(db, LeadFilter(source="Messe Stuttgart 2026", stage_in=("mql",))) == {c}
    # a board column's own stage stays apart from the chosen stages
    assert ids(db, LeadFilter(stage_in=("mql",)).with_stage("lead")) == set()
    assert ids(db, LeadFilter(stage_in=("mql",)).with_stage("mql")) == {b, c}


def test_no_follow_up(db: Any, leads: dict[str, int]) -> None:
    no_follow_up = LeadFilter(no_follow_up=True, sources=("Messe Stuttgart 2026",))
    assert ids(db, no_follow_up) == {leads["a"], leads["c"]}
    assert ids(db, LeadFilter(no_follow_up=True)) == {leads["a"], leads["c"]}


def test_saved_filter_round_trip(db: Any, leads: dict[str, int]) -> None:
    f = LeadFilter(source="Messe Stuttgart 2026", no_follow_up=True, score_max=80, search="")
    saved = save_filter(db, "  Messe Stuttgart 2026,   no follow-up ", f)
    assert saved.name == "Messe Stuttgart 2026, no follow-up"
    [again] = list_saved_filters(db)
    assert again == saved
    assert ids(db, again.to_filter()) == ids(db, f) == {leads["a"], leads["c"]}

    hot = save_filter(db, "My hot MQLs", LeadFilter(stage_in=("mql",), owners=("Jan", "Eva"), score_min=50))
    assert [v.name for v in list_saved_filters(db)] == ["Messe Stuttgart 2026, no follow-up", "My hot MQLs"]
    with pytest.raises(ValidationError):
        save_filter(db, "my HOT mqls", LeadFilter())  # names are unique, case ignored
    replaced = save_filter(db, "my HOT mqls", LeadFilter(tags=("Premium",)), replace=True)
    assert replaced.id == hot.id and replaced.spec == {"tags": ["Premium"]}

    renamed = rename_filter(db, hot.id, "Premium")
    assert renamed.name == "Premium"
    with pytest.raises(ValidationError):
        rename_filter(db, hot.id, "messe stuttgart 2026, no follow-up")
    with pytest.raises(ValidationError):
        rename_filter(db, hot.id, "   ")
    delete_filter(db, hot.id)
    assert [v.name for v in list_saved_filters(db)] == ["Messe Stuttgart 2026, no follow-up"]


def test_saving_notes_a_settings_change(db: Any) -> None:
    seen: list[Any] = []
    db.add_listener(seen.append)
    try:
        save_filter(db, "x", LeadFilter(search="müller"))
    finally:
        db.remove_listener(seen.append)
    assert seen and seen[-1].settings and not seen[-1].touches_leads


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
filters = st.builds(
    LeadFilter,
    search=st.text(max_size=10),
    sources=st.lists(names, max_size=3, unique=True).map(tuple),
    tags=st.lists(names, max_size=3, unique=True).map(tuple),
    owners=st.lists(names, max_size=3, unique=True).map(tuple),
    stage_in=st.lists(st.sampled_from(["lead", "mql", "sql", "won", "lost"]), max_size=3, unique=True).map(
        tuple
    ),
    score_min=st.none() | st.integers(0, 100),
    score_max=st.none() | st.integers(0, 100),
    follow_up_due=st.booleans(),
    no_follow_up=st.booleans(),
    tz=st.just("Europe/Berlin"),
)


@settings(max_examples=200, deadline=None)
@given(filters)
def test_spec_round_trip(f: LeadFilter) -> None:
    spec = json.loads(json.dumps(filter_to_spec(f)))
    back = filter_from_spec(spec, tz="Europe/Berlin")
    expected = f if f.search.strip() else LeadFilter(**{**f.__dict__, "search": ""})
    assert back == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                *filter_to_spec(LeadFilter(search="x", no_follow_up=True)),
                "sources",
                "tags",
                "stage_in",
                "score_min",
                "follow_up_due",
                "junk",
            ]
        ),
        json_values,
    )
)
def test_any_stored_spec_reads_as_a_filter(spec: dict[str, Any]) -> None:
    f = filter_from_spec(spec, tz="UTC")
    assert all(isinstance(s, str) and s for s in f.sources + f.tags + f.owners)
    assert set(f.stage_in) <= {"lead", "mql", "sql", "won", "lost"}
    assert f.score_min is None or isinstance(f.score_min, int)
