# Two entry points: `make demo` and `make test`. Both create .venv and install
# into it first; re-installing happens only when pyproject.toml changes or
# .venv's interpreter changed. A .venv whose interpreter no longer runs (the
# Python it was made from was removed) or is older than 3.11 is rebuilt.
# `make clean` removes .venv and the test caches: the next make starts afresh.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Absolute, so that tests which change their working folder still find it.
DATA ?= $(abspath $(or $(MANUAL_DNN_DATA),$(wildcard ../shared/datasets),datasets))
# Prints the interpreter's version when it runs and is >= 3.11, nothing otherwise.
VERSION_OF = $(1) -c 'import sys; sys.version_info >= (3, 11) and print(sys.version)' 2>/dev/null

.PHONY: demo test install clean bench docs FORCE

# Runs every time (one interpreter start); rewrites the stamp only when the version
# changed, so an unchanged .venv is not reinstalled.
$(VENV)/python-version: FORCE
	@version="$$($(call VERSION_OF,$(BIN)/python))"; \
	if [ -z "$$version" ]; then \
	  if [ -e $(VENV) ]; then echo "$(VENV) has no working Python >= 3.11: rebuilding it with $(PYTHON)"; fi; \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV) || exit 1; \
	  version="$$($(call VERSION_OF,$(BIN)/python))"; \
	  if [ -z "$$version" ]; then \
	    echo "$(PYTHON) is not Python >= 3.11; run: make PYTHON=python3.11 $(MAKECMDGOALS)"; rm -rf $(VENV); exit 1; \
	  fi; \
	fi; \
	if [ "$$version" != "$$(cat $@ 2>/dev/null)" ]; then echo "$$version" > $@; fi

$(VENV)/.installed: pyproject.toml $(VENV)/python-version
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/manual-dnn gradcheck
	@echo
	@echo "Next: check your own notebook:  $(BIN)/manual-dnn gradcheck --impl my_notebook.ipynb"
	@echo "      see a bug being caught:    $(BIN)/manual-dnn gradcheck --mutant dW-missing-1/m"
	@echo "      the other assignments:     $(BIN)/manual-dnn gradcheck --list-assignments"
	@echo "      train on the cat images:   $(BIN)/manual-dnn train --data-dir $(DATA) --plot cost.png"
	@echo "      (README.md has the rest; '$(BIN)/manual-dnn --help' lists the commands)"

test: install
	$(BIN)/ruff check .
	# one worker per core, each with one BLAS thread: two threads per worker collapse when the cores are shared
	MANUAL_DNN_DATA=$(DATA) OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n auto --dist loadgroup

bench: install
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python benchmarks/check_speed.py
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python benchmarks/training_speed.py
	MANUAL_DNN_DATA=$(DATA) $(BIN)/python benchmarks/training_threads.py
	$(BIN)/python benchmarks/report_speed.py
	$(BIN)/python benchmarks/convolution_speed.py

# The pictures of docs/derivations.md, from real checks (committed; re-run after changing the checks).
docs: install
	OPENBLAS_NUM_THREADS=1 $(BIN)/python docs/draw_pictures.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

FORCE:
