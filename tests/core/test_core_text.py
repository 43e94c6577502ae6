"""``Text``: an English str that keeps its template; the generated list and German stay complete."""

from __future__ import annotations

import copy
import importlib.util
import pickle
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest

from leaddesk.core.errors import NEEDS_NAME_OR_COMPANY, ConflictError, NotFoundError, ValidationError
from leaddesk.core.scoring.rules import validate_rule
from leaddesk.core.services.leads import clean_fields
from leaddesk.core.stages import IMPORTED, reason_text
from leaddesk.core.text import Text, msg, noop, read_back

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_tool_{name}", ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_text_is_the_formatted_english_string() -> None:
    t = Text("{points!r} is not a whole number", points="zehn")
    assert t == "'zehn' is not a whole number"
    assert isinstance(t, str) and str(t) == t and f"{t}" == t
    assert t.template == "{points!r} is not a whole number" and t.values == {"points": "zehn"}
    assert {t: 1}["'zehn' is not a whole number"] == 1  # hashes like the plain string
    assert "not a whole" in t and t.upper().startswith("'ZEHN'")
    assert msg is Text


def test_literal_braces_and_no_values() -> None:
    assert Text('needs {{"min": number}}') == 'needs {"min": number}'
    assert Text("unknown setting").values == {}


def test_pickle_and_copy_keep_the_template() -> None:
    t = Text("lead {id} does not exist", id=7)
    for clone in (pickle.loads(pickle.dumps(t)), copy.copy(t), copy.deepcopy(t)):
        assert isinstance(clone, Text) and clone == t
        assert clone.template == t.template and clone.values == {"id": 7}
    exc = pickle.loads(pickle.dumps(NotFoundError(Text("lead {id} does not exist", id=3))))
    assert exc.args[0].template == "lead {id} does not exist" and exc.args[0].values == {"id": 3}


def test_core_errors_keep_their_english_messages() -> None:
    exc = ConflictError(Text("lead {id}", id=3), 4, 5)
    assert str(exc) == (
        "lead 3 was changed elsewhere (you edited version 4, it is now at version 5); nothing was saved"
    )
    assert exc.args[0].values["what"].template == "lead {id}"  # the nested value is translatable too
    with pytest.raises(ValidationError) as info:
        validate_rule({"group": "fit", "field": "city", "operator": "between", "value": 3, "points": 1})
    reason = info.value.errors["operator"]
    assert (
        isinstance(reason, Text)
        and reason.template == "{operator!r} does not apply to {label} (valid: {valid})"
    )
    assert str(reason).startswith("'between' does not apply to City (valid: equals")
    # The quick entry compares with this constant, whether leads.py says it as a str or as a Text.
    with pytest.raises(ValidationError) as info:
        clean_fields({"email": "a@example.com"})
    assert info.value.errors["last_name"] == NEEDS_NAME_OR_COMPANY


def test_generated_core_strings_are_up_to_date() -> None:
    tool = _tool("core_strings")
    found, problems = tool.templates()
    assert not problems, problems  # an f-string or variable as template cannot be translated
    assert "a manual score change needs a reason" in found
    current = tool.OUTPUT.read_text(encoding="utf-8")
    assert current == tool.render(found), "leaddesk/ui/core_strings.py is out of date: run make translations"


def test_the_extractor_flags_templates_that_are_no_literals(tmp_path: Path) -> None:
    tool = _tool("core_strings")
    (tmp_path / "m.py").write_text('x = 1\na = Text("ok {x}", x=x)\nb = Text(f"bad {x}")\nc = msg(a)\n')
    found, problems = tool.templates(tmp_path)
    assert found == ["ok {x}"]
    assert len(problems) == 2


def _fields(text: str) -> list[str]:
    return sorted(f"{name}!{conv}:{spec}" for _, name, spec, conv in string.Formatter().parse(text) if name)


def _german_core_messages() -> dict[str, str]:
    """The finished German translations of the "core" context in the translation source."""
    import xml.etree.ElementTree as ET

    ts = Path(__file__).resolve().parents[2] / "resources" / "translations" / "leaddesk_de.ts"
    return {
        msg.findtext("source") or "": msg.findtext("translation") or ""
        for ctx in ET.parse(ts).getroot().iter("context")
        if ctx.findtext("name") == "core"
        for msg in ctx.iter("message")
        if msg.find("translation").get("type") is None  # type: ignore[union-attr]
    }


def test_every_core_template_has_german_with_the_same_placeholders() -> None:
    found, _ = _tool("core_strings").templates()
    german = _german_core_messages()
    missing = [t for t in found if t not in german]
    assert not missing, f"translate these in resources/translations/leaddesk_de.ts: {missing}"
    wrong = [(t, german[t]) for t in found if _fields(t) != _fields(german[t])]
    assert not wrong, wrong


def test_read_back_finds_the_template_a_stored_message_was_written_from() -> None:
    template = noop("Import {file}, line {line}")
    stored = template.format(file="Messe: Köln, Halle 2.csv", line=17)
    found = read_back(stored, {template: template})
    assert isinstance(found, Text) and found == stored and found.template == template
    assert found.values == {"file": "Messe: Köln, Halle 2.csv", "line": "17"}
    assert read_back("Import x.csv, line 3 and more", {"Import {file}, line {line}": template}) is not None
    assert read_back("Imported x.csv", {template: template}) is None
    assert read_back("a (b) [c] *d*\nzwei", {"a ({x}) [c] {y}": "{x}-{y}"}) == "b-*d*\nzwei"  # regex-safe


def test_reason_text_reads_what_leaddesk_wrote_and_leaves_peoples_words() -> None:
    assert reason_text("Import messe.csv, line 2") == Text(IMPORTED, file="messe.csv", line="2")
    old = reason_text("Import messe.csv, Zeile 2")  # written by earlier versions
    assert isinstance(old, Text) and old.template == IMPORTED and old == "Import messe.csv, line 2"
    for own in ("Budget erst 2027", "", "Score was too low"):
        assert reason_text(own) == own and not isinstance(reason_text(own), Text)
