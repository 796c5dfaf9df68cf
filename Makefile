# Every task of the project. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# An editable install leaves our modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set (this
# machine, many containers) Python would compile them again at every start: 40 ms to 100 ms a run.
COMPILE := $(BIN)/python -m compileall -q src
# Claude Code's own validator and the YAML parser it reads frontmatter with (Bun), from the npm registry,
# for the tests that run them. Pinned: on Node 20 an unpinned install silently takes an older Claude Code,
# whose validator differs.
CLAUDE_CODE := tools/claude-code
CLAUDE_CODE_VERSION := 2.1.332
BUN_VERSION := 1.4.5
CLAUDE_READY := $(CLAUDE_CODE)/.ready-$(CLAUDE_CODE_VERSION)-$(BUN_VERSION)
# Mermaid's own parser (run under jsdom), for the tests that read what `assembler graph` writes.
MERMAID := tools/mermaid
MERMAID_VERSION := 11.17.2
JSDOM_VERSION := 29.1.1
MERMAID_READY := $(MERMAID)/.ready-$(MERMAID_VERSION)-$(JSDOM_VERSION)
NPM := $(shell command -v npm 2>/dev/null)
ifneq ($(NPM),)
TEST_TOOLS := $(CLAUDE_READY) $(MERMAID_READY)
endif

.PHONY: help build test check lint typecheck snapshots schema readme fuzz bench clean claude-validator mermaid

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-17s %s\n", $$1, $$2}'

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(COMPILE)
	touch $(READY)

build: $(READY) ## Set up .venv and regenerate every agent into _generated/
	@$(COMPILE)
	$(BIN)/assembler build

check: $(READY) ## Fail when _generated/ drifts from the catalog (what the pre-commit hook runs)
	$(BIN)/assembler check

test: $(READY) $(TEST_TOOLS) lint typecheck ## Set up and run the whole suite: pytest, ruff, mypy strict
	$(BIN)/pytest

claude-validator: $(CLAUDE_READY) ## Install Claude Code (its validator) and Bun from npm into tools/claude-code/

$(CLAUDE_READY):
	npm install --prefix $(CLAUDE_CODE) --no-audit --no-fund --save-exact \
		@anthropic-ai/claude-code@$(CLAUDE_CODE_VERSION) bun@$(BUN_VERSION)
	$(CLAUDE_CODE)/node_modules/.bin/claude --version
	touch $@

mermaid: $(MERMAID_READY) ## Install Mermaid and jsdom from npm into tools/mermaid/ (the graph's tests parse with it)

$(MERMAID_READY):
	npm install --prefix $(MERMAID) --no-audit --no-fund --save-exact mermaid@$(MERMAID_VERSION) jsdom@$(JSDOM_VERSION)
	touch $@

lint: $(READY) ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(READY) ## mypy strict
	$(BIN)/mypy

snapshots: $(READY) ## Refresh the snapshot files of the generated agents after a deliberate change
	$(BIN)/pytest tests/test_snapshots.py --snapshot-update

schema: $(READY) ## Rewrite manifest_core.json and the JSON Schemas in schemas/ after a change to the models
	$(BIN)/python -m assembler.generate schema

fuzz: $(READY) ## Fuzz the whole catalog with 5,000 generated catalogs (make test runs 40)
	FUZZ_EXAMPLES=5000 $(BIN)/pytest tests/test_fuzz.py -p no:randomly

readme: $(READY) ## Rewrite the generated parts of README.md (codes, exit statuses, the graph)
	$(BIN)/python -m assembler.generate readme

bench: $(READY) ## Time build, check and set on synthetic catalogs (see README, Performance)
	@$(COMPILE)
	$(BIN)/python -m benchmarks.run

clean: ## Remove the virtual environment, the npm tools and caches
	rm -rf $(VENV) tools .pytest_cache .mypy_cache .ruff_cache .hypothesis
