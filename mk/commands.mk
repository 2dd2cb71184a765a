# Rasa's own commands (`rasa run actions`, `rasa run --enable-api`) in a copy of the project with no project
# environment variables, the model's self-contained linker, and `make shell` in a pseudo-terminal:
# tests/commands. Included by the main Makefile, which defines PY.

TEST_TARGETS += test-commands

.PHONY: test-commands

## test-commands: Rasa's commands as a Rasa engineer runs them (ports 5005 and 5055 must be free) and make shell
test-commands: catalogue train
	$(PY) -m pytest -q tests/commands
