# LeadDesk: `make run` opens the app, `make test` runs every test headless. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean translations package

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "LeadDesk needs Python 3.11 or newer; set PYTHON=/path/to/python3.11+")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/leaddesk

test: $(STAMP)
	$(BIN)/ruff check leaddesk tests benchmarks
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check leaddesk tests benchmarks
	$(BIN)/ruff format --check leaddesk tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Translations: the compiled .qm is committed (installed, editable and frozen runs need no build step);
# run this after changing user-visible strings, then translate what tools/fill_translations.py reports.
# tools/core_strings.py first lists the core's Text(...) templates in leaddesk/ui/core_strings.py for lupdate.
TR := leaddesk/resources/translations
translations: $(STAMP)
	$(BIN)/python tools/core_strings.py
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -extensions py leaddesk/ui -ts $(TR)/leaddesk_de.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly -extensions py leaddesk/ui -ts $(TR)/leaddesk_en.ts
	$(BIN)/python tools/fill_translations.py $(TR)/leaddesk_de.ts
	$(BIN)/python tools/fill_translations.py $(TR)/leaddesk_en.ts
	$(BIN)/pyside6-lrelease $(TR)/leaddesk_de.ts -qm $(TR)/leaddesk_de.qm
	$(BIN)/pyside6-lrelease $(TR)/leaddesk_en.ts -qm $(TR)/leaddesk_en.qm

# One-folder desktop build in dist/LeadDesk (~1 min, not part of `make test`); check it with packaging/smoke.sh.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	$(BIN)/pyinstaller --noconfirm --clean packaging/leaddesk.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
