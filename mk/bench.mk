# Speed and memory against a bare `rasa init` bot: bench/ (about 5 minutes; not part of `make test`).
# Included by the main Makefile, which defines PY.
.PHONY: bench test-bench-smoke

## bench: train both bots from empty caches, serve them, load them at 1/4/16 users; results/bench/
bench: catalogue spacy
	$(PY) -m bench

## test-bench-smoke: the harness at a tiny duration, with the current model (part of `make test`)
test-bench-smoke: catalogue train
	$(PY) -m pytest -q tests/bench

TEST_TARGETS += test-bench-smoke
