.PHONY: run test lint format messages lock ci bench bench-data bench-search audit

VENV ?= .venv

run:  ## set up and serve the demo site on http://127.0.0.1:8000
	bash scripts/start

test:  ## the whole test suite (DATABASE_URL=postgres://… for PostgreSQL)
	bash scripts/test

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the source catalogues after changing interface strings; then translate every new
# message in locale/*/LC_MESSAGES/django.po (the catalogue test fails on any left empty).
messages:
	$(VENV)/bin/python manage.py makemessages -l ar -l es -l fr -l ru -l zh_Hans --no-location \
		--no-obsolete -i ".venv/*" -i "static/*" -i "media/*" -i "tests/*" -i "test-artifacts/*"

lock:  ## pin every dependency of pyproject.toml into requirements.lock
	rm -rf /tmp/usdg-lock && python3 -m venv /tmp/usdg-lock
	/tmp/usdg-lock/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions of every dependency (runtime and test), installed by scripts/bootstrap."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml."; \
	  /tmp/usdg-lock/bin/pip freeze --exclude-editable; } > requirements.lock

ci:
	bash .ci/run

# PostgreSQL databases of their own (created if missing), kept between runs so that the data is
# generated once: the large one and a small one of about the demo's size, for the growth table
# (scripts/bench_scale.py); DEBUG off so that query logging does not weigh on the figures. The
# HTTP part (scripts/bench_http.py) needs Redis and Debian's varnish, nginx and wrk; see README.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/usdg_bench
BENCH_SMALL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/usdg_bench_170
bench-data:  ## generate both benchmark databases (once): 170 and 5,000 initiatives in six languages
	export DEBUG=false; \
	for spec in "$(BENCH_SMALL_DATABASE_URL) 170" "$(BENCH_DATABASE_URL) $${BENCH_INITIATIVES:-5000}"; do \
	  set -- $$spec; export DATABASE_URL=$$1; \
	  $(VENV)/bin/python scripts/create_database.py "$$DATABASE_URL" && \
	  $(VENV)/bin/python manage.py migrate --noinput && \
	  $(VENV)/bin/python manage.py compile_catalogues && \
	  $(VENV)/bin/python manage.py load_demo_content && \
	  $(VENV)/bin/python manage.py generate_bench_data --initiatives $$2 || exit 1; \
	done

bench: bench-data  ## measure HTTP serving, growth from 170 to 5,000 initiatives, and search
	export DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) \
	  BENCH_SMALL_DATABASE_URL=$(BENCH_SMALL_DATABASE_URL) DEBUG=false; \
	$(VENV)/bin/python scripts/bench_http.py && \
	$(VENV)/bin/python scripts/bench_scale.py && \
	$(VENV)/bin/python manage.py bench_search

audit:  ## Lighthouse scores of 12 pages on the running site (BASE_URL, default :8000)
	bash scripts/audit

bench-search:  ## search latency only, on the benchmark database as it is
	export DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=false; \
	$(VENV)/bin/python manage.py bench_search
