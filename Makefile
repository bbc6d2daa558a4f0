# Shortcuts; the real steps live in scripts/dev.py so that python3 alone is enough.
PYTHON ?= python3

.PHONY: demo check install matrix package docs docs-serve fuzz bench bench-quick clean

demo:
	$(PYTHON) scripts/dev.py demo

check:
	$(PYTHON) scripts/dev.py check

install:
	$(PYTHON) scripts/dev.py install

matrix:
	$(PYTHON) scripts/dev.py matrix

package:
	$(PYTHON) scripts/dev.py package

docs:
	$(PYTHON) scripts/dev.py docs

docs-serve:
	$(PYTHON) scripts/dev.py docs --serve

fuzz:
	$(PYTHON) scripts/dev.py fuzz

bench:
	$(PYTHON) scripts/dev.py bench

bench-quick:
	$(PYTHON) scripts/dev.py bench --quick

clean:
	rm -rf .venv .venv-matrix .venv-demo .venv-wheel dist .site .coverage .mypy_cache .ruff_cache .pytest_cache .hypothesis
