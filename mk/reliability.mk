# Reliability, security and privacy tests (tests/reliability/): bad input, faults, fuzzing, SQL injection,
# the API token, CORS, "forget me", the privacy CLI and the logs. Each module starts its own real stack.
# Included by the main Makefile, which defines PY.

TEST_TARGETS += test-reliability

.PHONY: test-reliability

## test-reliability: the reliability suite against real servers on free ports (about 10 minutes)
test-reliability: catalogue train
	$(PY) -m pytest -q tests/reliability

# pip-audit conflicts with Rasa's pins, so it runs from its own throwaway venv. It needs the vulnerability
# database (PyPI's JSON API or OSV): the target fails when no package could be audited. Not part of `make test`.
AUDIT_VENV ?= /tmp/kvg-pip-audit
AUDIT_OUT  ?= results/pip-audit.json

.PHONY: security-audit

## security-audit: pip-audit over requirements.lock (needs network access to the vulnerability database)
security-audit:
	@test -x $(AUDIT_VENV)/bin/pip-audit || { python3 -m venv $(AUDIT_VENV) && $(AUDIT_VENV)/bin/pip install -q pip-audit; }
	@mkdir -p $(dir $(AUDIT_OUT))
	$(AUDIT_VENV)/bin/pip-audit --version
	-$(AUDIT_VENV)/bin/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off \
	    -f json -o $(AUDIT_OUT)
	@python3 -c 'import json, sys; deps = json.load(open("$(AUDIT_OUT)"))["dependencies"]; \
	  skipped = [d for d in deps if d.get("skip_reason")]; vulns = [(d["name"], d["version"], v["id"], v.get("fix_versions")) \
	  for d in deps for v in d.get("vulns", [])]; [print(*v) for v in vulns]; \
	  print(f"{len(deps) - len(skipped)} of {len(deps)} packages audited, {len(vulns)} known vulnerabilities"); \
	  sys.exit(2 if len(skipped) == len(deps) else 0)'
