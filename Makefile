# LeadDesk: `make run` opens the app, `make test` runs every test headless. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean translations package release release-check

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "LeadDesk needs Python 3.11 or newer; set PYTHON=/path/to/python3.11+")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/leaddesk

test: $(STAMP)
	$(BIN)/ruff check leaddesk tests benchmarks packaging tools
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check leaddesk tests benchmarks packaging tools
	$(BIN)/ruff format --check leaddesk tests benchmarks packaging tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Translations: resources/translations/*.ts are the source (edit them with pyside6-linguist); the
# compiled .qm files are committed in leaddesk/resources/translations (installed, editable and frozen
# runs need no build step). Run this after changing user-visible strings, translate what linguist
# shows as unfinished, and run it again. tools/core_strings.py first lists the core's Text(...)
# templates in leaddesk/ui/core_strings.py for lupdate.
# Strings moved to another class (a window split in parts) keep their translations with
# tools/carry_translations.py (see its docstring).
TS := resources/translations
QM := leaddesk/resources/translations
translations: $(STAMP)
	$(BIN)/python tools/core_strings.py
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -extensions py leaddesk/ui leaddesk/cli.py -ts $(TS)/leaddesk_de.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly -extensions py leaddesk/ui -ts $(TS)/leaddesk_en.ts
	$(BIN)/pyside6-lrelease $(TS)/leaddesk_de.ts -qm $(QM)/leaddesk_de.qm
	$(BIN)/pyside6-lrelease $(TS)/leaddesk_en.ts -qm $(QM)/leaddesk_en.qm

# One-folder desktop build in dist/LeadDesk (~1 min, not part of `make test`); `make release-check` checks it
# (packaging/smoke.py is the longer manual smoke test under Xvfb).
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,package]"
	$(BIN)/pyinstaller --noconfirm --clean packaging/leaddesk.spec

# Linux release archive dist/LeadDesk-<version>-linux-<arch>.tar.gz: the app folder, install.sh/uninstall.sh
# (per user, ~/.local), menu entry, hicolor icons, AppStream metainfo. Windows: see packaging/windows.
release: package
	$(BIN)/python packaging/release.py archive

# What CI checks on every run (.ci/run): build, archive, size budget, .desktop + metainfo validation,
# install into a scratch home and run the installed app's --selftest, compile the NSIS script, and the
# packaging tests with the archive at hand. Needs desktop-file-utils, appstream and nsis (apt).
release-check: package
	$(BIN)/python packaging/release.py all
	LEADDESK_RELEASE_ARCHIVE=$$($(BIN)/python packaging/release.py path) QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q tests/packaging

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
