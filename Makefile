# Shortcuts; the real steps live in scripts/dev.py so that python3 alone is enough.
PYTHON ?= python3

.PHONY: demo check install bench bench-quick fuzz clean

demo:
	$(PYTHON) scripts/dev.py demo

check:
	$(PYTHON) scripts/dev.py check

install:
	$(PYTHON) scripts/dev.py install

clean:
	rm -rf .venv .coverage .mypy_cache .ruff_cache .pytest_cache .hypothesis
