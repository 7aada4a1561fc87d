"""clientToken minting, reading and expiry."""

from __future__ import annotations

import re

import pytest

from appflow_typed._tokens import (
    IDEMPOTENCY_WINDOW_SECONDS,
    check_token_age,
    mint_token,
    minted_at,
)
from appflow_typed.errors import ClientTokenExpiredError
from appflow_typed.models import RegisterConnectorRequest

NOW = 1_732_215_600.123


def test_minted_token_records_its_mint_time_and_fits_the_model() -> None:
    token = mint_token(lambda: NOW)
    assert re.fullmatch(r"aft1\.1732215600123\.[0-9a-f]{32}", token)
    assert re.fullmatch(r"[ -~]+", token)
    assert 1 <= len(token) <= 256
    assert RegisterConnectorRequest(client_token=token).client_token == token
    assert minted_at(token) == pytest.approx(NOW, abs=0.001)


def test_minted_tokens_are_unique() -> None:
    assert len({mint_token(lambda: NOW) for _ in range(1000)}) == 1000


@pytest.mark.parametrize("token", ["my-own-token", "aft1.12.zz", "aft1.x.0123456789abcdef0123456789abcdef", ""])
def test_foreign_tokens_have_no_known_age(token: str) -> None:
    assert minted_at(token) is None
    assert check_token_age("RegisterConnector", token, NOW + 10 * IDEMPOTENCY_WINDOW_SECONDS) is None


def test_a_token_is_usable_up_to_eight_hours() -> None:
    token = mint_token(lambda: NOW)
    valid_until = check_token_age("RegisterConnector", token, NOW + IDEMPOTENCY_WINDOW_SECONDS - 1)
    assert valid_until == pytest.approx(NOW + IDEMPOTENCY_WINDOW_SECONDS, abs=0.001)


def test_an_older_token_is_refused() -> None:
    token = mint_token(lambda: NOW)
    with pytest.raises(ClientTokenExpiredError) as caught:
        check_token_age("RegisterConnector", token, NOW + IDEMPOTENCY_WINDOW_SECONDS + 1)
    error = caught.value
    assert error.operation == "RegisterConnector"
    assert error.client_token == token
    assert error.age_seconds == pytest.approx(IDEMPOTENCY_WINDOW_SECONDS + 1, abs=0.01)
    assert isinstance(error, ValueError)
