# Starting and stopping as a user does: `make run`, then Ctrl-C / SIGTERM / a killed supervisor (tests/lifecycle).
# Included by the main Makefile, which defines PY.
.PHONY: test-lifecycle

test-lifecycle: catalogue train $(WEB_TARGETS)
	$(PY) -m pytest -q tests/lifecycle

TEST_TARGETS += test-lifecycle
