# Two commands: `make up` runs the workbench, `make test` proves it. Both install what they need first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/package.json frontend/vite.config.ts -type f 2>/dev/null)

.PHONY: up test install frontend lint test-python test-frontend clean

up: install frontend
	PORT=$(PORT) $(PY) -m backend.cli up

test: install frontend
	bash scripts/ensure_chromium.sh
	$(MAKE) --no-print-directory lint test-frontend test-python

install: $(VENV)/.installed frontend/node_modules/.installed

$(VENV)/.installed: pyproject.toml scripts/install.sh
	bash scripts/install.sh $(VENV)
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build

lint:
	$(VENV)/bin/ruff check backend worker specs tests bench migrations
	$(VENV)/bin/mypy backend specs worker
	$(VENV)/bin/lint-imports
	cd frontend && npm run lint && npm run typecheck && npm run check-client

test-frontend:
	cd frontend && npm test

test-python:
	$(PY) -m pytest

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
