# Two entry points a newcomer needs: `make demo` and `make check`. Only python3 is assumed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo check install lint typecheck test bench bench-quick fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

demo: install
	$(BIN)/python examples/quickstart.py

lint: install
	$(BIN)/python -m ruff check src tests examples benchmarks
	$(BIN)/python -m ruff format --check src tests examples benchmarks

typecheck: install
	$(BIN)/python -m mypy --strict

test: install
	$(BIN)/python -m coverage erase
	$(BIN)/python -m coverage run -m pytest -q
	$(BIN)/python -m coverage report

check: lint typecheck test

bench: install
	$(BIN)/python benchmarks/run.py

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py -p no:randomly -s

clean:
	rm -rf $(VENV) .coverage .mypy_cache .ruff_cache .pytest_cache .hypothesis
