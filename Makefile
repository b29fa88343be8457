# Two entry points: `make demo` and `make test`. Both create .venv and install
# into it first; re-installing happens only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= $(or $(MANUAL_DNN_DATA),$(wildcard ../shared/datasets),datasets)

.PHONY: demo test install clean bench docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/manual-dnn gradcheck
	@echo
	@echo "Next: check your own notebook:  $(BIN)/manual-dnn gradcheck --impl my_notebook.ipynb"
	@echo "      see a bug being caught:    $(BIN)/manual-dnn gradcheck --mutant dW-missing-1/m"
	@echo "      train on the cat images:   $(BIN)/manual-dnn train --data-dir $(DATA) --plot cost.png"
	@echo "      (README.md has the rest; '$(BIN)/manual-dnn --help' lists the commands)"

test: install
	$(BIN)/ruff check .
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python -m pytest

bench: install
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python benchmarks/gradcheck_speed.py
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python benchmarks/training_speed.py
	$(BIN)/python benchmarks/report_speed.py

# The pictures of docs/derivations.md, from real checks (committed; re-run after changing the checks).
docs: install
	OPENBLAS_NUM_THREADS=1 $(BIN)/python docs/draw_pictures.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
