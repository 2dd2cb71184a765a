# Messaging-app channels (Telegram, Twilio SMS/WhatsApp, Messenger, Slack) against the real stack, with the
# apps' APIs replaced by a local stub: tests/channels, docs/channels.md.
.PHONY: test-channels

test-channels: catalogue train
	$(PY) -m pytest -q tests/channels

TEST_TARGETS += test-channels
