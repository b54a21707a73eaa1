# Two commands for a new user: `make run` and `make test`. Both bootstrap .venv
# on first use. torch is pinned and installed first: pip then takes the CPU
# wheel from local disk instead of pulling a multi-GB CUDA build.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: run test venv install-desktop screenshots bench clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	-$(MAKE) --no-print-directory install-desktop
	$(PY) main.py

test: $(STAMP)
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

install-desktop: $(STAMP)
	$(PY) -m solorec_gui.desktop_entry

# Korean translation: lupdate over solorec_gui/ui + the models' labels -> resources/i18n/solorec_ko.ts,
# lrelease -> solorec_ko.qm (both committed; see solorec_gui/ui/i18n.py).
translations: $(STAMP)
	$(PY) tools/update_translations.py

screenshots: $(STAMP)
	$(PY) tools/screenshots.py

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info

# The standalone app (README: "Download and double-click"). The freezer (PyInstaller, pinned in
# packaging/requirements.txt) goes into .venv here, never into the runtime dependencies.
BUNDLE_STAMP := $(VENV)/.bundle-tools
.PHONY: bundle bundle-archive

$(BUNDLE_STAMP): $(STAMP) packaging/requirements.txt
	$(PY) -m pip install --quiet -r packaging/requirements.txt
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(PY) packaging/build.py

bundle-archive: bundle
	$(PY) packaging/archive.py
