# Production topology (runtime/prod/, deploy/, docs/deployment.md): nginx on 8000 in front of two Rasa
# (5005, 5006) and two action servers (5055, 5056), PostgreSQL (catalogue and conversations, a cluster under
# var/prod/) and Redis (conversation locks), from Debian's packages. Included by the main Makefile.

PROD_SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# make test runs the lock test with fewer conversations when PROD_LOCK_CONVERSATIONS is set lower
PROD_LOCK_CONVERSATIONS ?= 20

TEST_TARGETS += test-prod

.PHONY: prod prod-deps test-prod prod-lock-compare

## prod-deps: install Debian's nginx, redis-server and postgresql when missing
prod-deps:
	@missing=""; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  $(PROD_SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(PROD_SUDO) apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "prod-deps: nginx, redis-server and PostgreSQL present"; \
	fi

## prod: the production topology in the foreground (Ctrl-C or SIGTERM stops everything)
prod: prod-deps train web-build
	$(PY) -m runtime.prod.run

## test-prod: lock store, concurrency, routes and faults of the production topology (about 4 minutes)
test-prod: prod-deps train web-build
	PROD_LOCK_CONVERSATIONS=$(PROD_LOCK_CONVERSATIONS) $(PY) -m pytest -q tests/prod

## prod-lock-compare: the lock test with Rasa's RedisLockStore and with the project's (results/prod/)
prod-lock-compare: prod-deps train
	$(PY) scripts/compare_lock_stores.py
