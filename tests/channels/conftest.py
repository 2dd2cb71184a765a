"""Messaging-app channels against the real stack, with the apps' APIs replaced by a local stub server.

One stack serves every test in this folder: the Telegram, Twilio, Messenger and Slack channels are enabled
with fake secrets, and TELEGRAM_/TWILIO_/FACEBOOK_/SLACK_API_BASE_URL send their outbound calls to `StubApis`,
which records them and answers like the real APIs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.channels.checks import TrackerDb
from tests.channels.stub import (
    FACEBOOK_PAGE_TOKEN,
    FACEBOOK_SECRET,
    FACEBOOK_VERIFY,
    SLACK_SIGNING_SECRET,
    SLACK_TOKEN,
    TELEGRAM_BOT_NAME,
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TWILIO_NUMBER,
    TWILIO_PUBLIC_URL,
    TWILIO_SID,
    TWILIO_TOKEN,
    StubApis,
)


@pytest.fixture(scope="package")
def apis() -> Iterator[StubApis]:
    stub = StubApis().start()
    yield stub
    stub.stop()


@pytest.fixture(scope="package")
def channel_stack(tmp_path_factory: pytest.TempPathFactory, catalogue_db_url: str, apis: StubApis):
    from tests.stacks import start_test_stack

    env = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": "https://visa-bot.example.test/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE_URL": f"{apis.url}/telegram",
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": TWILIO_PUBLIC_URL,
        "TWILIO_API_BASE_URL": f"{apis.url}/twilio",
        "FACEBOOK_VERIFY": FACEBOOK_VERIFY,
        "FACEBOOK_SECRET": FACEBOOK_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": FACEBOOK_PAGE_TOKEN,
        "FACEBOOK_API_BASE_URL": f"{apis.url}/facebook",
        "SLACK_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_BASE_URL": f"{apis.url}/slack/api/",
        "MAX_MESSAGE_LENGTH": "2000",
    }
    stack = start_test_stack(tmp_path_factory.mktemp("channels"), database_url=catalogue_db_url, extra_env=env)
    yield stack
    stack.stop()


@pytest.fixture(scope="package")
def webhooks(channel_stack) -> str:
    return f"{channel_stack.config.rasa_url}/webhooks"


@pytest.fixture(scope="package")
def tracker(channel_stack) -> Iterator[TrackerDb]:
    db = TrackerDb(channel_stack.config.tracker_url)
    yield db
    db.engine.dispose()
