# Two entry points for a fresh machine: `make run` and `make test`.
# Each creates the project virtual environment on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run extract dashboard test bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## extract seeds/ into data/, then open the dashboard
run: extract dashboard

extract: $(STAMP)
	$(PY) -m extractors extract seeds --out data

dashboard: $(STAMP)
	$(PY) -m streamlit run dashboard/app.py

## the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## characters per second: ours, a regex floor, jionlp, Recognizers-Text (competitors in .bench-venv)
bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) .bench-venv .pytest_cache
