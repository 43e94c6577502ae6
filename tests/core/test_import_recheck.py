"""An import applied some time after its dry run follows the leads as they are then.

Between the dry run and the import a colleague (another process, another machine in team
mode) may add the same person, or the person may be erased. Applying the dry run's plan as it
was would add a second lead for the first, and write the erased person's data back into the
blank shell of the second. The apply notices any change (``leads_state``) and checks the rows
again inside its own transaction.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from leaddesk.core import paths
from leaddesk.core.models import Lead
from leaddesk.core.privacy.consent import set_do_not_contact
from leaddesk.core.privacy.erase import erase_leads
from leaddesk.core.services.import_rows import leads_state
from leaddesk.core.services.imports import ImportRefused, apply_import, plan_import
from leaddesk.core.services.leads import create_lead, update_lead
from leaddesk.core.services.query import LeadFilter, lead_ids
from leaddesk.core.services.trash import delete_leads

HEADER = "Vorname;Nachname;Firma;E-Mail;Ort\n"
FILE = (HEADER + "Eva;Roth;Roth Bau;eva@roth.de;Zwickau\nTom;Quast;Quast KG;tom@quast.de;Bonn\n").encode()


def _add_in_another_process(url: str, values: dict[str, str]) -> None:
    """A colleague's LeadDesk: its own process and connection, adding one lead."""
    from leaddesk.core.db import Database
    from leaddesk.core.services.leads import create_lead

    db = Database.open(url)
    try:
        create_lead(db, values)
    finally:
        db.close()


def _state(db: Any) -> tuple[Any, ...]:
    with db.engine.connect() as conn:
        return leads_state(conn)


def _people(db: Any, email: str) -> list[Lead]:
    with db.session() as session:
        return list(session.execute(select(Lead).where(Lead.email == email).order_by(Lead.id)).scalars())


def test_the_state_changes_with_every_kind_of_change_the_checks_read(db: Any) -> None:
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    ina = create_lead(db, {"first_name": "Ina", "last_name": "Ott"})[0]
    seen = [_state(db)]
    create_lead(db, {"first_name": "Tom", "last_name": "Quast"})
    seen.append(_state(db))
    update_lead(db, eva.id, {"last_name": "Roth-Berg"}, expected_version=eva.version)
    seen.append(_state(db))
    set_do_not_contact(db, eva.id, True)  # the suppression list grows
    seen.append(_state(db))
    delete_leads(db, [ina.id])
    seen.append(_state(db))
    erase_leads(db, [eva.id], wipe=False)
    seen.append(_state(db))
    assert len(set(seen)) == len(seen)
    assert _state(db) == seen[-1]  # and nothing else moves it


def test_a_person_added_meanwhile_in_another_process_is_merged_not_added_twice(
    db: Any, data_dir: Path
) -> None:
    plan = plan_import(db, [("messe.csv", FILE)])
    assert [r.action for r in plan.rows] == ["new", "new"]
    url = paths.database_url(data_dir).render_as_string(hide_password=False)
    colleague = multiprocessing.get_context("spawn").Process(
        target=_add_in_another_process,
        args=(url, {"first_name": "Tom", "last_name": "Quast", "email": "tom@quast.de", "phone": ""}),
    )
    colleague.start()
    colleague.join(timeout=120)
    assert colleague.exitcode == 0
    result = apply_import(db, plan, on_duplicate="merge")
    assert (result.created, result.updated, result.rechecked) == (1, 1, 1)
    toms = _people(db, "tom@quast.de")
    assert len(toms) == 1  # the colleague's lead, filled in from the file
    assert (toms[0].company, toms[0].city) == ("Quast KG", "Bonn")
    assert len(_people(db, "eva@roth.de")) == 1
    assert [r.action for r in plan.rows] == ["new", "new"]  # the caller's plan is left as it was


def test_a_person_erased_meanwhile_is_refused_and_the_blank_lead_stays_blank(db: Any) -> None:
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    plan = plan_import(db, [("messe.csv", FILE)])
    assert plan.rows[0].action == "duplicate" and plan.rows[0].match.lead_id == eva.id  # type: ignore[union-attr]
    erase_leads(db, [eva.id], wipe=False)
    with pytest.raises(ImportRefused) as refused:
        apply_import(db, plan, on_duplicate="merge")
    message = str(refused.value)
    assert message.startswith("leads changed since the dry run")
    assert "messe.csv, line 2: not imported: erased" in message
    assert lead_ids(db, LeadFilter(search="quast")) == []  # nothing was imported
    # Leaving the refused row out imports the others; the erased lead keeps nothing of Eva.
    result = apply_import(db, plan, on_duplicate="merge", skip_errors=True)
    assert (result.created, result.updated, result.errors) == (1, 0, 1)
    with db.session() as session:
        shell = session.get(Lead, eva.id)
        assert shell is not None and shell.erased
        assert (shell.first_name, shell.last_name, shell.email, shell.city) == ("", "", "", "")
    assert _people(db, "eva@roth.de") == []


def test_unchanged_leads_keep_the_dry_run_and_its_choices(db: Any) -> None:
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    plan = plan_import(db, [("messe.csv", FILE)])
    plan.rows[0].decision = "skip"  # the person's choice in the report, over "merge"
    result = apply_import(db, plan, on_duplicate="merge")
    assert (result.created, result.updated, result.skipped, result.rechecked) == (1, 0, 1, 0)
    assert _people(db, "eva@roth.de")[0].city == ""
    assert _people(db, "eva@roth.de")[0].id == eva.id


def test_a_choice_survives_a_check_again_where_the_row_still_matches_the_same_lead(db: Any) -> None:
    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "eva@roth.de"})[0]
    plan = plan_import(db, [("messe.csv", FILE)])
    plan.rows[0].decision = "skip"
    create_lead(db, {"first_name": "Tom", "last_name": "Quast", "email": "tom@quast.de"})  # a change
    result = apply_import(db, plan, on_duplicate="merge")
    assert (result.created, result.updated, result.skipped, result.rechecked) == (0, 1, 1, 1)
    assert _people(db, "eva@roth.de")[0].city == ""  # still skipped, as chosen
    assert _people(db, "eva@roth.de")[0].id == eva.id
