# One command to test everything, one to run the product. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ADDON_DIRS := $(patsubst %/__manifest__.py,%,$(wildcard addons/*/__manifest__.py))

.PHONY: test run lint venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m scripts.harness test $(if $(TIERS),--tiers $(TIERS))

run: $(STAMP)
	$(PY) -m scripts.harness run

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pylint --rcfile=.pylintrc-odoo $(ADDON_DIRS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
