# Two commands a fresh machine needs: `make run` (the product on embedded defaults) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= ../shared/data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast knowledge bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/install.sh
	@touch $(STAMP)

knowledge: install
	$(BIN)/orient --data-dir $(DATA_DIR) knowledge build

# Local use: demo counsellor and demo recipients on (the pages say so); ORIENT_DEMO=false make run turns them off.
run: install
	ORIENT_DEMO=$${ORIENT_DEMO:-true} $(BIN)/orient --data-dir $(DATA_DIR) serve --host $(HOST) --port $(PORT)

test: install
	bash scripts/test.sh

clean:
	rm -rf $(VENV) var .pytest_cache
