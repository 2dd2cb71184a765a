# Web chat widget (web/): npm dependencies, esbuild bundle, Chromium, tests.
# Included by the main Makefile (`include mk/*.mk`), run from the repository root.
# Uses $(PY) from the main Makefile for the Python parts (serve.py, pytest).

WEB_DIR        := web
WEB_SRC        := $(wildcard $(WEB_DIR)/src/*.js)
WEB_BUNDLE     := $(WEB_DIR)/dist/korea-visa-guide.js
WEB_DEPS_STAMP := $(WEB_DIR)/node_modules/.kvg-deps.stamp
WEB_CHROMIUM   := /usr/bin/chromium
WEB_SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WEB_PY         ?= $(if $(PY),$(PY),python3)
# What the `stack` fixture needs before the browser tests (targets of the main Makefile).
WEB_STACK_TARGETS ?= catalogue train

# Hooks of the main Makefile: `make run` serves the built widget, `make test` runs its tests.
WEB_TARGETS  += web-build
TEST_TARGETS += test-web-unit test-web-browser

.PHONY: web-deps web-build chromium test-web-unit test-web-browser web-serve web-clean

## web-deps: install the widget's pinned npm packages (npm ci) when missing or when the lock file changed
web-deps: $(WEB_DEPS_STAMP)

$(WEB_DEPS_STAMP): $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --no-audit --no-fund
	touch $@

## web-build: bundle web/src into web/dist/korea-visa-guide.js (only when sources changed)
web-build: $(WEB_BUNDLE)

$(WEB_BUNDLE): $(WEB_SRC) $(WEB_DIR)/package.json $(WEB_DEPS_STAMP)
	cd $(WEB_DIR) && npm run --silent build
	@wc -c $@ | awk '{printf "widget bundle: %s bytes\n", $$1}'

## chromium: install Debian's Chromium for the browser tests when /usr/bin/chromium is missing
chromium:
	@if [ -x $(WEB_CHROMIUM) ]; then \
	  echo "chromium: $(WEB_CHROMIUM) present"; \
	else \
	  $(WEB_SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(WEB_SUDO) apt-get install -y --no-install-recommends chromium; \
	fi

## test-web-unit: widget logic tests (safe renderer, message parsing, colours); no server, no browser
test-web-unit:
	node --test $(WEB_DIR)/tests/render.test.mjs

## test-web-browser: real-browser tests against a real Rasa (pytest starts the servers)
test-web-browser: web-build chromium $(WEB_STACK_TARGETS)
	$(WEB_PY) -m pytest -q tests/browser

## web-serve: serve the demo page on $$WEB_PORT (default 8080) for a Rasa at $$RASA_PUBLIC_URL
web-serve: web-build
	$(WEB_PY) $(WEB_DIR)/serve.py

web-clean:
	rm -rf $(WEB_DIR)/dist $(WEB_DIR)/node_modules
