"""A token pasted into the wrong place is never echoed, and log records never carry one."""

from __future__ import annotations

import io
import logging

import pytest

from bot import redact
from bot.settings import SettingsError, load_settings

BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz1234567"


@pytest.mark.parametrize(
    "name", ["BOT_DEV_GUILD", "DISCORD_API_BASE", "DISCORD_GATEWAY_URL", "LOG_LEVEL"]
)
def test_a_token_in_the_wrong_variable_is_not_echoed(name: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"DISCORD_TOKEN": BOT_TOKEN, name: BOT_TOKEN})
    message = str(raised.value)
    assert message.startswith(f"{name}='********'"), message
    assert "MTIz" not in message and "abcdefghijklmnop" not in message


def test_the_configured_token_is_masked_whatever_it_looks_like() -> None:
    odd = "plain-secret-without-dots-0123456789"
    with pytest.raises(SettingsError) as raised:
        load_settings({"DISCORD_TOKEN": odd, "BOT_MESSAGE_CONTENT": odd})
    assert odd not in str(raised.value)
    assert "BOT_MESSAGE_CONTENT='********' is not a yes/no value" in str(raised.value)


def test_log_records_lose_tokens_in_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("test.secrets")
    handler = logging.StreamHandler(stream)
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    redact.install(["configured-secret"], logger=logger)
    try:
        logger.debug(
            "%s %s with %s has returned %s",
            "POST",
            "http://127.0.0.1/api/v10/interactions/1234/aW50ZXJhY3Rpb246MTI0OnNlY3JldA/callback",
            {"type": 5},
            204,
        )
        logger.debug("PATCH /webhooks/99/tok_en-123/messages/@original")
        try:
            raise RuntimeError(f"login failed with {BOT_TOKEN} and configured-secret")
        except RuntimeError:
            logger.exception("oops")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "interactions/1234/********/callback" in text
    assert "/webhooks/99/********/messages" in text
    for secret in ("aW50ZXJhY3Rpb246", "tok_en-123", BOT_TOKEN, "configured-secret"):
        assert secret not in text
    assert "RuntimeError: login failed with ******** and ********" in text
