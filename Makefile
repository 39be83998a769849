# Two commands do all the set-up on a fresh machine:
#   make run    -> installs what is missing, then starts the app on the bundled plans
#   make test   -> installs what is missing (test extras, system packages), then runs the tests
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup ask clean-index

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kehoach app

ask: $(STAMP)
	$(VENV)/bin/kehoach ask "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu?"

test: $(STAMP)
	bash scripts/setup.sh $(VENV) --test
	$(PY) -m pytest -q

clean-index:
	rm -rf data/index
