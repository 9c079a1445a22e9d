# IR Hub Portal: developer entry points. The work is done by scripts/dev.sh (see docs/DEPLOY.md).
#
# Environment honoured by every target: DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, CACHE_BACKEND,
# EMBEDDED_PG=never, PYTHON=/path/to/python3.12, WEB_HOST, WEB_PORT; a .env file is read when present.

SHELL := /bin/bash
.DEFAULT_GOAL := help
DEV := scripts/dev.sh

# Extra pytest arguments, e.g. make test PYTEST_ARGS="-m 'not e2e' -x"
PYTEST_ARGS ?=
# Benchmarks to run (names in benchmarks/, default all), e.g. make bench BENCH="booklet_pdf"
BENCH ?=

.PHONY: help install run test chaos bench lint migrate seed pg-stop check-deploy screenshots clean

help: ## List the targets
	@echo "IR Hub Portal - make targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'
	@echo
	@echo "Examples: make run WEB_PORT=8001 | make test PYTEST_ARGS=\"-m 'not e2e'\""
	@echo "          DATABASE_URL=postgres://postgres@127.0.0.1:5439/portal make run   (embedded PostgreSQL on 5439)"

install: ## Debian packages (scripts/system-packages.sh), .venv (Python >= 3.12), requirements.lock, npm ci, CSS
	@$(DEV) install

run: ## install, PostgreSQL + Redis (or fallbacks), migrate, seed demo data, serve http://127.0.0.1:8000 + worker + beat
	@$(DEV) run

test: ## install, PostgreSQL + Redis (or fallbacks), run the whole pytest suite (fails on 0 tests)
	@$(DEV) test $(PYTEST_ARGS)

chaos: ## install, then only the resilience tests (tests/chaos: private PostgreSQL/Redis restarted, stopped, killed)
	@$(DEV) chaos $(PYTEST_ARGS)

bench: ## install, PostgreSQL + Redis (or fallbacks), run benchmarks/*.py, print figures, write benchmarks/results/
	@$(DEV) bench $(BENCH)

lint: ## ruff check, ruff format --check, mypy, the layer contract (the venv's tools)
	@$(DEV) lint

migrate: ## Apply migrations (creates the database when missing)
	@$(DEV) migrate

seed: ## migrate, then load the demo data (idempotent)
	@$(DEV) seed

pg-stop: ## Stop the embedded PostgreSQL (var/pgdata) if one was left running
	@$(DEV) pg-stop

screenshots: ## install, services as for test, demo data, then PNGs per role at 1280 + 360 px into docs/screenshots/
	@E2E_SCREENSHOT_DIR="$(CURDIR)/docs/screenshots" E2E_SCREENSHOT_FULL_PAGE=0 \
	$(DEV) test tests/e2e/test_screenshots.py -q -p no:cacheprovider

check-deploy: ## manage.py check --deploy with production settings (throw-away SECRET_KEY)
	@$(DEV) install >/dev/null
	DJANGO_ENV=production ALLOWED_HOSTS=portal.example.org \
	SECRET_KEY="$$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	.venv/bin/python manage.py check --deploy --fail-level WARNING

clean: ## Remove .venv, node_modules, static/build, staticfiles and tool caches (never the database in var/)
	rm -rf .venv node_modules static/build staticfiles .pytest_cache .mypy_cache .ruff_cache
	find . -path ./var -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
