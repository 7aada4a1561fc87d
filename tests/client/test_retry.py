"""The retry policy, the predicate and the loop, driven by plain callables (no network)."""

from __future__ import annotations

import logging

import pytest

from appflow_typed._retry import (
    Attempt,
    RetryPolicy,
    call_with_retries,
    full_jitter_delay,
    is_retryable,
)
from appflow_typed.errors import (
    AccessDeniedError,
    ConflictError,
    ConnectorAuthenticationError,
    ConnectorServerError,
    InternalServerError,
    ResourceNotFoundError,
    ServiceError,
    ServiceQuotaExceededError,
    ServiceValidationError,
    ThrottlingError,
    TransportError,
    UnmodeledServiceError,
)


def service_error(
    cls: type[ServiceError], code: str, status: int, attempts: int = 1
) -> ServiceError:
    return cls(
        operation="RegisterConnector",
        code=code,
        message="m",
        status_code=status,
        client_token="tok",
        attempts=attempts,
    )


def transport_error(attempts: int = 1) -> TransportError:
    return TransportError(
        operation="RegisterConnector",
        reason="ConnectionClosedError: closed",
        client_token="tok",
        attempts=attempts,
        outcome_unknown=True,
    )


class Script:
    """An attempt callable that fails with the scripted errors, then returns ``"done"``."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.numbers: list[int] = []

    def __call__(self, number: int) -> str:
        self.numbers.append(number)
        if self.failures:
            raise self.failures.pop(0)
        return "done"


class TestPolicy:
    def test_defaults(self) -> None:
        policy = RetryPolicy()
        assert policy.max_attempts == 5
        assert policy.deadline is None

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"max_attempts": 0},
            {"base_delay": -1.0},
            {"max_delay": -0.1},
            {"deadline": -5.0},
            {"base_delay": float("nan")},
            {"max_delay": float("inf")},
        ],
    )
    def test_rejects_invalid_fields(self, kwargs: dict[str, float]) -> None:
        with pytest.raises(ValueError, match="RetryPolicy"):
            RetryPolicy(**kwargs)  # type: ignore[arg-type]

    def test_is_frozen_and_comparable(self) -> None:
        assert RetryPolicy(max_attempts=3) == RetryPolicy(max_attempts=3, sleep=print)
        with pytest.raises(AttributeError):
            RetryPolicy().max_attempts = 2  # type: ignore[misc]

    def test_full_jitter_ceiling_doubles_up_to_max_delay(self) -> None:
        policy = RetryPolicy(base_delay=0.5, max_delay=3.0, random=lambda: 1.0)
        assert [full_jitter_delay(policy, n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
        assert full_jitter_delay(policy, 10_000) == 3.0

    def test_full_jitter_scales_the_ceiling_by_random(self) -> None:
        policy = RetryPolicy(base_delay=1.0, max_delay=20.0, random=lambda: 0.25)
        assert full_jitter_delay(policy, 3) == 1.0


class TestPredicate:
    @pytest.mark.parametrize(
        ("error", "retried"),
        [
            (service_error(ThrottlingError, "ThrottlingException", 429), True),
            (service_error(InternalServerError, "InternalServerException", 500), True),
            (service_error(UnmodeledServiceError, "ServiceUnavailableException", 503), True),
            (service_error(UnmodeledServiceError, "Teapot", 418), False),
            (service_error(ServiceValidationError, "ValidationException", 400), False),
            (service_error(ConflictError, "ConflictException", 409), False),
            (service_error(AccessDeniedError, "AccessDeniedException", 403), False),
            (service_error(ResourceNotFoundError, "ResourceNotFoundException", 404), False),
            (service_error(ServiceQuotaExceededError, "ServiceQuotaExceededException", 402), False),
            (
                service_error(
                    ConnectorAuthenticationError, "ConnectorAuthenticationException", 401
                ),
                False,
            ),
            (service_error(ConnectorServerError, "ConnectorServerException", 400), False),
            (transport_error(), True),
            (ValueError("a bug, not a transient failure"), False),
        ],
    )
    def test_decides(self, error: Exception, retried: bool) -> None:
        assert is_retryable(error) is retried

    def test_logs_each_decision_at_debug(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG, logger="appflow_typed")
        is_retryable(service_error(ConflictError, "ConflictException", 409))
        is_retryable(service_error(ThrottlingError, "ThrottlingException", 429))
        messages = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
        assert "RegisterConnector: ConflictException is not retryable" in messages
        assert "RegisterConnector: ThrottlingException is retryable" in messages


class TestLoop:
    def test_retries_until_success_with_exact_delays(self) -> None:
        delays: list[float] = []
        policy = RetryPolicy(
            max_attempts=5, base_delay=0.5, max_delay=20.0, sleep=delays.append, random=lambda: 0.5
        )
        script = Script(
            service_error(ThrottlingError, "ThrottlingException", 429),
            transport_error(),
            service_error(InternalServerError, "InternalServerException", 500),
        )
        result, attempts = call_with_retries(
            policy, script, operation="RegisterConnector", client_token="tok"
        )
        assert (result, attempts) == ("done", 4)
        assert script.numbers == [1, 2, 3, 4]
        assert delays == [0.25, 0.5, 1.0]
        assert all(type(d) is float for d in delays)

    def test_never_exceeds_max_attempts(self) -> None:
        delays: list[float] = []
        policy = RetryPolicy(max_attempts=3, sleep=delays.append, random=lambda: 1.0)
        script = Script(
            *(service_error(ThrottlingError, "ThrottlingException", 429) for _ in range(9))
        )
        with pytest.raises(ThrottlingError):
            call_with_retries(policy, script, operation="RegisterConnector", client_token="tok")
        assert script.numbers == [1, 2, 3]
        assert delays == [0.5, 1.0]

    def test_a_non_retryable_error_is_raised_after_one_attempt(self) -> None:
        delays: list[float] = []
        policy = RetryPolicy(sleep=delays.append)
        error = service_error(ConflictError, "ConflictException", 409)
        script = Script(error)
        with pytest.raises(ConflictError) as caught:
            call_with_retries(policy, script, operation="RegisterConnector", client_token="tok")
        assert caught.value is error
        assert script.numbers == [1]
        assert delays == []

    def test_max_attempts_one_disables_retries(self) -> None:
        script = Script(transport_error())
        with pytest.raises(TransportError):
            call_with_retries(RetryPolicy(max_attempts=1), script, operation="X", client_token=None)
        assert script.numbers == [1]

    def test_deadline_stops_before_a_sleep_that_would_pass_it(self) -> None:
        now = [0.0]
        delays: list[float] = []

        def sleep(seconds: float) -> None:
            delays.append(seconds)
            now[0] += seconds

        policy = RetryPolicy(
            max_attempts=10,
            base_delay=1.0,
            max_delay=100.0,
            deadline=5.0,
            sleep=sleep,
            random=lambda: 1.0,
            monotonic=lambda: now[0],
        )
        script = Script(*(transport_error() for _ in range(10)))
        with pytest.raises(TransportError):
            call_with_retries(policy, script, operation="X", client_token=None)
        # 1 + 2 = 3 s slept; the next backoff (4 s) would end at 7 s > 5 s: stop.
        assert delays == [1.0, 2.0]
        assert script.numbers == [1, 2, 3]

    def test_the_deadline_counts_from_the_start_of_the_first_attempt(self) -> None:
        now = [0.0]
        delays: list[float] = []

        def slow_failure(number: int) -> str:
            now[0] += 4.0  # the attempt itself takes 4 s
            raise transport_error(number)

        policy = RetryPolicy(
            max_attempts=10,
            base_delay=1.0,
            deadline=5.0,
            sleep=delays.append,
            random=lambda: 1.0,
            monotonic=lambda: now[0],
        )
        with pytest.raises(TransportError):
            call_with_retries(policy, slow_failure, operation="X", client_token=None)
        # 4 s spent, then a 1 s backoff would reach the 5 s deadline: no second attempt.
        assert delays == []

    def test_an_error_that_is_not_ours_is_raised_after_one_attempt(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG, logger="appflow_typed")
        seen: list[Attempt] = []
        bug = KeyError("a bug, not a transient failure")
        script = Script(bug)
        with pytest.raises(KeyError) as caught:
            call_with_retries(
                RetryPolicy(on_attempt=seen.append), script, operation="X", client_token=None
            )
        assert caught.value is bug
        assert script.numbers == [1]
        assert seen == []
        assert [r.getMessage() for r in caplog.records] == [
            "X attempt 1/5",
            "?: KeyError is not retryable",
        ]

    def test_token_expiry_stops_retries(self) -> None:
        wall = [1000.0]
        delays: list[float] = []

        def sleep(seconds: float) -> None:
            delays.append(seconds)
            wall[0] += seconds

        policy = RetryPolicy(max_attempts=10, base_delay=1.0, sleep=sleep, random=lambda: 1.0)
        script = Script(*(transport_error() for _ in range(10)))
        with pytest.raises(TransportError):
            call_with_retries(
                policy,
                script,
                operation="X",
                client_token="tok",
                token_valid_until=1002.5,
                clock=lambda: wall[0],
            )
        assert delays == [1.0]
        assert script.numbers == [1, 2]

    def test_on_attempt_sees_every_attempt(self) -> None:
        seen: list[Attempt] = []
        policy = RetryPolicy(sleep=lambda _: None, random=lambda: 0.0, on_attempt=seen.append)
        script = Script(service_error(ThrottlingError, "ThrottlingException", 429))
        call_with_retries(policy, script, operation="RegisterConnector", client_token="tok")
        assert seen == [
            Attempt(
                operation="RegisterConnector",
                number=1,
                max_attempts=5,
                client_token="tok",
                outcome="ThrottlingException",
                retrying=True,
                delay=0.0,
            ),
            Attempt(
                operation="RegisterConnector",
                number=2,
                max_attempts=5,
                client_token="tok",
                outcome="ok",
                retrying=False,
            ),
        ]

    def test_on_attempt_sees_the_final_failure(self) -> None:
        seen: list[Attempt] = []
        policy = RetryPolicy(max_attempts=1, on_attempt=seen.append)
        with pytest.raises(ConflictError):
            call_with_retries(
                policy,
                Script(service_error(ConflictError, "ConflictException", 409)),
                operation="RegisterConnector",
                client_token="tok",
            )
        assert [(a.outcome, a.retrying) for a in seen] == [("ConflictException", False)]

    def test_a_first_attempt_success_logs_two_lines(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG, logger="appflow_typed")
        seen: list[Attempt] = []
        result = call_with_retries(
            RetryPolicy(on_attempt=seen.append),
            Script(),
            operation="RegisterConnector",
            client_token="aft1.1.x",
        )
        assert result == ("done", 1)
        assert [r.getMessage() for r in caplog.records] == [
            "RegisterConnector attempt 1/5 (clientToken=aft1.1.x)",
            "RegisterConnector attempt 1/5: succeeded, done (clientToken=aft1.1.x)",
        ]
        assert [(a.number, a.outcome, a.retrying) for a in seen] == [(1, "ok", False)]

    def test_one_log_line_per_attempt_and_retry(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG, logger="appflow_typed")
        policy = RetryPolicy(sleep=lambda _: None, random=lambda: 0.5)
        call_with_retries(
            policy,
            Script(service_error(ThrottlingError, "ThrottlingException", 429)),
            operation="RegisterConnector",
            client_token="aft1.1.x",
        )
        messages = [r.getMessage() for r in caplog.records]
        assert messages == [
            "RegisterConnector attempt 1/5 (clientToken=aft1.1.x)",
            "RegisterConnector: ThrottlingException is retryable",
            "RegisterConnector attempt 1/5 failed with ThrottlingException; "
            "retrying in 0.250 s (clientToken=aft1.1.x)",
            "RegisterConnector attempt 2/5 (clientToken=aft1.1.x)",
            "RegisterConnector attempt 2/5: succeeded, done (clientToken=aft1.1.x)",
        ]
