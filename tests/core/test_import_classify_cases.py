"""Issue 15: an import's duplicate classification on the tricky cases, three ways that must agree.

The dry run builds its index of existing leads from one read, keeping only the groups the file's
rows can look up (``DuplicateIndex.from_db(only=…)``, its keys computed once per lead). Here it is
checked against the index of every lead and against what each case must give.
"""

from __future__ import annotations

from typing import Any

from leaddesk.core.dedupe import DuplicateIndex
from leaddesk.core.services.imports import apply_import, plan_import
from leaddesk.core.services.leads import create_lead, get_lead

HEADER = "UID;Vorname;Nachname;Firma;E-Mail;Telefon;Mobiltelefon\n"


def _lead(db: Any, **values: Any) -> int:
    return create_lead(db, values)[0].id


def _outcome(plan: Any) -> list[tuple[int, str, int | None, str | None, int | None, list[str]]]:
    return [
        (
            r.line,
            r.action,
            r.match.lead_id if r.match else None,
            r.match.reason if r.match else None,
            r.into_row,
            [str(i.message) for i in r.issues],
        )
        for r in plan.rows
    ]


def test_tricky_rows_classify_alike_with_the_filtered_and_the_full_index(db: Any) -> None:
    anna = _lead(db, first_name="Anna", last_name="Müller", company="Müller Bau GmbH", email="Anna@MB.de")
    bernd = _lead(db, first_name="Bernd", last_name="Schulz", company="Schulz AG", phone="0711 123456")
    carla = _lead(db, first_name="Carla", last_name="Weiß", company="Weiss Logistik", mobile="0151 2345678")
    jan = _lead(db, first_name="Jan", last_name="Roth", company="Roth KG", email="jan@roth.de")
    info = _lead(db, first_name="Eva", last_name="Klein", company="Klein & Co", email="info@klein.de")
    katrin = _lead(db, first_name="Katrin", last_name="Berg", company="Berg Consulting", email="k.berg@bc.de")
    hans = _lead(db, first_name="Hans", last_name="Ober", company="Ober GmbH", phone="030 9876543")
    uid = get_lead(db, jan).uid
    rows = [
        ";anna;MUELLER;Mueller Bau;ANNA@mb.de ;;",  # e-mail in another case, umlauts spelt out
        ";Bernd;Schulz;Schulz AG;;+49 (711) 123-456;",  # the same number spelt otherwise
        ";Carla;Weiss;;;;0049 151 2345678",  # the mobile as the phone, 0049 prefix
        f"{uid};Johann;Rothe;Andere GmbH;;;",  # matched by uid alone
        ";Petra;Lang;Schulz AG;;0711 123456;",  # a colleague at the switchboard: not Bernd
        ";Max;Ober;Klein & Co;info@klein.de;;",  # a shared info@ address: possible, not merged
        ";Anna;Müller;Metallbau Nord;;;",  # a namesake at another firm: a new lead
        ";Tom;Quast;Quast KG;tom@quast.de;;",
        ";tom;quast;Quast KG;TOM@quast.de;089 1234567;",  # repeats the row above (in the file)
        ";K.;Berg;;K.Berg@BC.de;;",  # shares only the e-mail with a lead (no name or company key)
        ";H.;Ober;;;+49 30 9876543;",  # shares only the number: names merely alike, so only possible
    ]
    data = (HEADER + "".join(r + "\n" for r in rows)).encode("cp1252")
    filtered = plan_import(db, [("messe.csv", data)])
    full = plan_import(db, [("messe.csv", data)], index=DuplicateIndex.from_db(db))
    assert _outcome(filtered) == _outcome(full)
    got = {r.line: (r.action, r.match.lead_id if r.match else None, r.into_row) for r in filtered.rows}
    assert got == {
        2: ("duplicate", anna, None),
        3: ("duplicate", bernd, None),
        4: ("duplicate", carla, None),
        5: ("duplicate", jan, None),
        6: ("new", None, None),
        7: ("new", None, None),
        8: ("new", None, None),
        9: ("new", None, None),
        10: ("in_file", 0, 7),  # lead id 0: an earlier row of the file
        11: ("duplicate", katrin, None),
        12: ("new", None, None),
    }
    # The shared info@ address is flagged for a look; the switchboard (contradicting names) is no evidence.
    assert f"possible duplicate of lead {info}" in str(filtered.rows[5].warnings[-1].message)
    assert not any("possible duplicate" in str(i.message) for i in filtered.rows[4].issues)
    assert f"possible duplicate of lead {hans}" in str(filtered.rows[10].warnings[-1].message)
    result = apply_import(db, filtered, on_duplicate="merge")
    assert (result.created, result.updated + result.unchanged) == (5, 5)
    assert info not in {r.match.lead_id for r in filtered.rows if r.match}


def test_a_person_whose_lead_is_in_the_trash_comes_in_new_with_a_warning(db: Any) -> None:
    """A lead in the trash matches nothing (it may be emptied away), so the person imported again
    is a new lead; the dry run names the one in the trash, by e-mail or by phone."""
    from leaddesk.core.services.trash import delete_leads, list_trash

    eva = create_lead(db, {"first_name": "Eva", "last_name": "Roth", "email": "Eva@Roth.de"})[0]
    tom = create_lead(db, {"first_name": "Tom", "last_name": "Quast", "phone": "+49 711 123456"})[0]
    ina = create_lead(db, {"first_name": "Ina", "last_name": "Ott", "email": "ina@ott.de"})[0]
    delete_leads(db, [eva.id, tom.id])
    data = (
        b"Vorname;Nachname;E-Mail;Telefon\n"
        b"Eva;Roth;eva@roth.de;\nTom;Quast;;0711 123456\nIna;Ott;ina@ott.de;\nOle;Lund;ole@lund.de;\n"
    )
    plan = plan_import(db, [("messe.csv", data)])
    assert [r.action for r in plan.rows] == ["new", "new", "duplicate", "new"]
    warnings = [[str(i.message) for i in r.warnings] for r in plan.rows]
    assert warnings[0] == [
        f"same email address as lead {eva.id} (Eva Roth · Eva@roth.de) in the trash; imported as a"
        " new lead (or restore that one from the trash)"
    ]
    assert warnings[1] == [
        f"same phone number as lead {tom.id} (Tom Quast) in the trash; imported as a new lead"
        " (or restore that one from the trash)"
    ]
    assert warnings[2] == warnings[3] == []
    assert ina.id == plan.rows[2].match.lead_id  # type: ignore[union-attr]
    result = apply_import(db, plan)
    assert (result.created, result.updated) == (3, 0)
    assert {t.id for t in list_trash(db)} == {eva.id, tom.id}  # the trash is left as it was
