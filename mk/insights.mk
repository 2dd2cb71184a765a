# Insights from stored conversations (insights/): `make insights [SINCE=7d]` writes results/insights/
# (report.html, summary.json, PNG charts); `make review [SINCE=7d]` writes review/inbox.yml for a maintainer
# to sort into data/nlu/. Both only read the tracker store (TRACKER_DB_URL, default var/tracker.db).
# Included by the main Makefile, which defines PY.

SINCE ?=
INSIGHTS_ARGS := $(if $(SINCE),--since $(SINCE),)

TEST_TARGETS += test-insights

.PHONY: insights review test-insights

## insights: the conversation report in results/insights/report.html (optional SINCE=7d)
insights: install
	$(PY) -m insights.cli report $(INSIGHTS_ARGS)

## review: missed messages in Rasa's NLU format in review/inbox.yml (never trained on)
review: install
	$(PY) -m insights.cli review $(INSIGHTS_ARGS)

## test-insights: unit tests, then real conversations through a real stack into a fresh tracker store
test-insights: catalogue train
	$(PY) -m pytest -q tests/insights
