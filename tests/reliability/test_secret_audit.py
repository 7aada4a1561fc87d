"""Secret audit: no credential value ever shows, on any surface, for any connector kind.

Every credential member of every connector kind (23 kinds: one per connector, Snowflake with
a password or a private key, CustomConnector in its four authentication types) holds a
unique sentinel. The surfaces checked: ``repr``/``str`` of every model node; every
``ValidationError`` (also when the credential itself is the invalid value), built from wire
data and by direct construction; every exception AppFlowClient raises after service errors,
exhausted retries and lost connections (``str``, ``repr``, ``args``, attributes, the
formatted traceback with its causes, the pickle); every record of the ``appflow_typed``
logger at DEBUG; botocore's DEBUG logs with the redacting filter installed; and the local
endpoint's own records. A control test shows botocore's DEBUG logs do leak without the
filter, so the audit can fail.

Tracebacks: a service error whose message quotes a credential (``Value '...' at
'...password'``, ``password=...``, a Java ``toString``) has no exception chain, and neither
``traceback.format_exception``, ``logger.exception()`` nor the uncaught-exception printout
shows the credential; plain ``pytest`` and ``pytest --showlocals`` on failing tests (a
service error, a model constructor given an invalid credential, ``from_boto`` given one)
show none in the library's frames.

By value: every credential value of every kind, echoed by the service in eight styles no
pattern knows (an OAuth form, ``Bearer``, XML, kebab-case, a bare quoted value, a Ruby hash,
a JSON body, a URL), leaves no trace in the error. Frame locals: on every error path the
locals of every library frame, as ``repr`` and as an error tracker walks them, and as
``traceback.TracebackException(capture_locals=True)`` renders them, show no credential.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import subprocess
import sys
import textwrap
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import boto3
import botocore.session
import pytest

from appflow_typed import (
    AppFlowClient,
    AppflowTypedError,
    CreateConnectorProfileRequest,
    RedactingFilter,
    RetryPolicy,
    ServiceError,
    UpdateConnectorProfileRequest,
    ValidationError,
    from_boto,
    guard,
    install_redacting_filter,
    to_boto,
)
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed._generated.secrets import CREDENTIAL_MEMBERS
from appflow_typed._redaction import REDACTED, RequestParams
from appflow_typed.models import SalesforceConnectorProfileCredentials
from appflow_typed.models._schema import EXTRA_SECRET_MEMBERS, SECRET_MEMBERS, WIRE_NAMES
from appflow_typed.testing import (
    DropResponse,
    Fault,
    InternalError,
    LocalAppFlow,
    ResetConnection,
    ServiceErrorFault,
    ServiceUnavailable,
    Throttle,
)
from tests.reliability import _requests as rq
from tests.reliability._leaks import ECHO_STYLES, assert_locals_clean, echoing_message
from tests.reliability._sentinels import MARK, Kind, bad_values, get, kinds, replaced

KINDS = kinds()
BY_NAME = {kind.name: kind for kind in KINDS}
LABEL = "audit_connector"
ATTEMPTS = 2

FAULTS: list[Fault] = [
    Throttle(),
    InternalError(),
    ServiceUnavailable(),
    ServiceErrorFault(code="ValidationException", status=400, message="Rejected."),
    ServiceErrorFault(code="AccessDeniedException", status=403, message="Denied."),
    ServiceErrorFault(code="ConnectorAuthenticationException", status=401, message="No."),
    DropResponse(),
    ResetConnection(),
]


def assert_clean(text: str, where: str) -> None:
    assert MARK not in text, f"a credential leaked into {where}: {text[:2000]}"


def exception_texts(exc: BaseException) -> Iterator[tuple[str, str]]:
    """Every rendering of an exception and of its causes."""
    yield "str", str(exc)
    yield "repr", repr(exc)
    yield "args", repr(exc.args)
    yield "traceback", "".join(traceback.format_exception(exc))
    yield "pickle", pickle.dumps(exc).decode("latin-1")
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield f"{type(current).__name__} str", str(current)
        yield f"{type(current).__name__} repr", repr(current)
        for name, value in vars(current).items():
            yield f"{type(current).__name__}.{name}", repr(value)
        for name in ("message", "reason", "violations", "operation", "code", "client_token"):
            if hasattr(current, name):
                yield f"{type(current).__name__}.{name}", repr(getattr(current, name))
        current = current.__cause__ or current.__context__


def assert_exception_clean(exc: BaseException) -> None:
    for where, text in exception_texts(exc):
        assert_clean(text, f"{type(exc).__name__} {where}")


def model_nodes(obj: Any) -> Iterator[Any]:
    """``obj`` and every model inside it."""
    if attrs.has(type(obj)):
        yield obj
        for a in attrs.fields(type(obj)):
            yield from model_nodes(getattr(obj, a.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from model_nodes(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from model_nodes(item)


def owner_and_attribute(request: Any, path: tuple[str, ...]) -> tuple[Any, str]:
    """The model holding the wire member at ``path``, and that member's attribute name."""
    node = request
    for step in path[:-1]:
        by_wire = {w: a for a, w in WIRE_NAMES[type(node).__name__].items()}
        node = getattr(node, by_wire[step])
    by_wire = {w: a for a, w in WIRE_NAMES[type(node).__name__].items()}
    return node, by_wire[path[-1]]


# --------------------------------------------------------------------------- coverage


def test_every_sensitive_member_of_the_whole_service_model_is_a_secret() -> None:
    # Read from botocore's raw model, every operation and shape, independently of the
    # generator: a member is a credential when its shape is sensitive, or a list or map of
    # sensitive shapes, or it is one of the credentials the model does not mark.
    raw = botocore.session.get_session().get_service_data("appflow")
    shapes = raw["shapes"]

    def sensitive(name: str) -> bool:
        shape = shapes[name]
        inner = {"list": ("member",), "map": ("key", "value")}.get(shape["type"], ())
        return bool(shape.get("sensitive")) or any(
            shapes[shape[k]["shape"]].get("sensitive") for k in inner
        )

    reachable = {
        name
        for op in raw["operations"].values()
        for role in ("input", "output")
        for name in _reachable(shapes, op[role]["shape"])
    }
    expected = {
        (name, member)
        for name in reachable
        if shapes[name]["type"] == "structure"
        for member, spec in shapes[name]["members"].items()
        if spec.get("sensitive") or sensitive(spec["shape"]) or member in EXTRA_SECRET_MEMBERS
    }
    assert expected <= SECRET_MEMBERS
    assert {member for _, member in SECRET_MEMBERS} <= CREDENTIAL_MEMBERS
    # every operation's models are generated, so the audit below covers the whole service
    assert {op.name for op in OPERATIONS.values()} == set(raw["operations"])


def _reachable(shapes: dict[str, Any], root: str) -> set[str]:
    seen: set[str] = set()
    stack = [root]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        if shape["type"] == "structure":
            stack.extend(m["shape"] for m in shape["members"].values())
        elif shape["type"] == "list":
            stack.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            stack.extend((shape["key"]["shape"], shape["value"]["shape"]))
    return seen


def test_every_credential_member_of_the_model_is_audited() -> None:
    audited = {(secret.shape, secret.member) for kind in KINDS for secret in kind.secrets}
    assert audited == SECRET_MEMBERS
    assert len(KINDS) == 23
    sentinels = [s for kind in KINDS for s in kind.sentinels]
    assert len(sentinels) == len(set(sentinels))
    for kind in KINDS:  # no sentinel anywhere but in a credential member
        without = kind.request
        for secret in kind.secrets:
            without = replaced(without, secret.path, None)
        assert MARK not in repr(without)


# --------------------------------------------------------------------------- models


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_model_shows_a_credential(name: str) -> None:
    kind = BY_NAME[name]
    request = from_boto(CreateConnectorProfileRequest, kind.request)
    update = UpdateConnectorProfileRequest(
        connector_profile_name=request.connector_profile_name,
        connection_mode="Private",
        connector_profile_config=request.connector_profile_config,
    )
    nodes = [*model_nodes(request), *model_nodes(update)]
    assert len(nodes) > 4
    for node in nodes:
        assert_clean(repr(node), f"repr of {type(node).__name__}")
        assert_clean(str(node), f"str of {type(node).__name__}")
        assert_clean(f"{node!r:>10}", f"format of {type(node).__name__}")
    # and the sentinels really are inside
    wire = repr(to_boto(request))
    assert all(s in wire for s in kind.sentinels)


# --------------------------------------------------------------------------- validation errors


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_validation_errors_never_echo_a_credential(name: str) -> None:
    kind = BY_NAME[name]
    valid = from_boto(CreateConnectorProfileRequest, kind.request)
    errors: list[ValidationError] = []

    # another member is invalid; the credentials are valid and sit in the same request
    bad_name = replaced(kind.request, ("connectorProfileName",), "not a valid name")
    with pytest.raises(ValidationError) as caught:
        from_boto(CreateConnectorProfileRequest, bad_name)
    errors.append(caught.value)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(valid, connector_profile_name="not a valid name")
    errors.append(caught.value)

    # the credential itself is the invalid value: from wire data and by direct construction
    for secret in kind.secrets:
        good = get(kind.request, secret.path)
        for what, bad in bad_values(secret, good):
            with pytest.raises(ValidationError) as caught:
                from_boto(CreateConnectorProfileRequest, replaced(kind.request, secret.path, bad))
            assert any(secret.member in v.path for v in caught.value.violations), what
            errors.append(caught.value)
            owner, attribute = owner_and_attribute(valid, secret.path)
            with pytest.raises(ValidationError) as caught:
                attrs.evolve(owner, **{attribute: bad})
            errors.append(caught.value)
    assert len(errors) >= 2 + 2 * 3 * len(kind.secrets)
    for error in errors:
        assert_exception_clean(error)


# --------------------------------------------------------------------------- the client


@pytest.fixture
def debug_logs() -> Iterator[io.StringIO]:
    """Every DEBUG record of appflow_typed, botocore, boto3 and urllib3, formatted, with the
    redacting filter installed the documented way (and removed afterwards)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.setLevel(logging.DEBUG)
    names = ("appflow_typed", "botocore", "boto3", "urllib3")
    loggers = [logging.getLogger(n) for n in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    install_redacting_filter(handler)
    try:
        yield stream
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
        _remove_redacting_filters()


def _remove_redacting_filters() -> None:
    for name in ["", *logging.Logger.manager.loggerDict]:
        logger = logging.getLogger(name)
        for target in [logger, *logger.handlers]:
            for f in list(target.filters):
                if isinstance(f, RedactingFilter):
                    target.removeFilter(f)


def _client(endpoint: LocalAppFlow) -> AppFlowClient:
    policy = RetryPolicy(max_attempts=ATTEMPTS, sleep=lambda _: None)
    return AppFlowClient(client=endpoint.client(), retry=policy)


def exercise(endpoint: LocalAppFlow, kind: Kind) -> list[AppflowTypedError]:
    """Real calls with ``kind``'s credentials: failures of every sort, then success."""
    client = _client(endpoint)
    if kind.connector == "CustomConnector":
        client.register_connector(rq.register(LABEL, "audited"))
    request = from_boto(CreateConnectorProfileRequest, {**kind.request})
    raised: list[AppflowTypedError] = []
    for fault in FAULTS:
        endpoint.inject(fault, operation="CreateConnectorProfile", times=ATTEMPTS)
        with pytest.raises(AppflowTypedError) as caught:
            client.create_connector_profile(request)
        raised.append(caught.value)
    endpoint.reset()
    if kind.connector == "CustomConnector":
        client.register_connector(rq.register(LABEL, "audited"))
    created = client.create_connector_profile(request)
    assert_clean(repr(created), "a Result")
    with pytest.raises(AppflowTypedError) as caught:  # the service's own ConflictException
        client.create_connector_profile(request)
    raised.append(caught.value)
    update = UpdateConnectorProfileRequest(
        connector_profile_name=request.connector_profile_name,
        connection_mode="Public",
        connector_profile_config=request.connector_profile_config,
    )
    endpoint.inject(DropResponse(), operation="UpdateConnectorProfile")
    updated = client.update_connector_profile(update)
    assert updated.attempts == 2
    assert_clean(repr(updated), "a Result")
    endpoint.inject(DropResponse(), operation="UpdateConnectorProfile", times=ATTEMPTS)
    with pytest.raises(AppflowTypedError) as caught:
        client.update_connector_profile(update)
    raised.append(caught.value)
    profiles = list(client.iter_connector_profiles())
    assert_clean(repr(profiles), "DescribeConnectorProfiles results")
    # the endpoint kept them: the calls really carried the credentials
    stored = endpoint.profiles[request.connector_profile_name].credentials
    assert stored is not None
    assert all(s in repr(stored.reveal()) for s in kind.sentinels)
    return raised


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_client_errors_and_debug_logs_never_show_a_credential(
    name: str, appflow_endpoint: LocalAppFlow, debug_logs: io.StringIO
) -> None:
    kind = BY_NAME[name]
    raised = exercise(appflow_endpoint, kind)
    assert len(raised) == len(FAULTS) + 2
    assert {type(e).__name__ for e in raised} >= {
        "ThrottlingError",
        "InternalServerError",
        "UnmodeledServiceError",
        "ServiceValidationError",
        "AccessDeniedError",
        "ConnectorAuthenticationError",
        "TransportError",
        "ConflictError",
    }
    for error in raised:
        assert getattr(error, "client_token", None) is not None
        assert_exception_clean(error)
    text = debug_logs.getvalue()
    # the logs are really there: the library's retry decisions and botocore's request bodies
    assert "appflow_typed CreateConnectorProfile attempt 1/2" in text
    assert (
        "botocore.endpoint Making request for OperationModel(name=CreateConnectorProfile)" in text
    )
    assert "<redacted>" in text
    assert_clean(text, "the DEBUG logs")
    # the local endpoint's records keep the bodies out of their repr
    assert_clean(repr(appflow_endpoint.requests), "repr of the endpoint's requests")
    assert_clean(repr(dict(appflow_endpoint.profiles)), "repr of the endpoint's profiles")


@pytest.fixture
def botocore_debug_without_filter() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("botocore")
    level = logger.level
    _remove_redacting_filters()
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.parametrize("name", ["Salesforce", "CustomConnector-CUSTOM"])
def test_control_botocore_debug_logs_leak_without_the_filter(
    name: str, appflow_endpoint: LocalAppFlow, botocore_debug_without_filter: io.StringIO
) -> None:
    """The audit can fail: the same calls, without the filter, do print the credentials."""
    kind = BY_NAME[name]
    exercise(appflow_endpoint, kind)
    text = botocore_debug_without_filter.getvalue()
    assert all(s in text for s in kind.sentinels)
    with pytest.raises(AssertionError, match="leaked"):
        assert_clean(text, "the DEBUG logs")


# --------------------------------------------------------------------------- tracebacks


def quoting_message(secret: str) -> str:
    """A service message that quotes ``secret`` in every style a service might."""
    return (
        f"1 validation error detected: Value '{secret}' at "
        "'connectorProfileConfig.connectorProfileCredentials.Snowflake.password' failed to "
        f"satisfy constraint; password={secret}, username=audit; "
        f"SnowflakeConnectorProfileCredentials(username=audit, password={secret}, role=x)"
    )


def quoted_service_error(endpoint: LocalAppFlow) -> AppflowTypedError:
    kind = BY_NAME["Snowflake-password"]
    (secret,) = kind.sentinels
    endpoint.inject(
        ServiceErrorFault(code="ValidationException", status=400, message=quoting_message(secret)),
        operation="CreateConnectorProfile",
    )
    with pytest.raises(AppflowTypedError) as caught:
        _client(endpoint).create_connector_profile(
            from_boto(CreateConnectorProfileRequest, kind.request)
        )
    assert endpoint.requests[-1].status == 400  # the service's answer quoted it
    return caught.value


def test_a_service_error_quoting_a_credential_has_no_chain_and_a_clean_traceback(
    appflow_endpoint: LocalAppFlow,
) -> None:
    error = quoted_service_error(appflow_endpoint)
    assert error.__cause__ is None
    assert error.__context__ is None
    assert_exception_clean(error)
    text = "".join(traceback.format_exception(error))
    assert text.count("<redacted>") == 3
    assert "botocore raised" in text  # the cause's facts, as a note


def test_logger_exception_shows_no_credential(appflow_endpoint: LocalAppFlow) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # no redacting filter: nothing to rely on
    logger = logging.getLogger("tests.secret_audit.user_code")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise quoted_service_error(appflow_endpoint)
        except AppflowTypedError:
            logger.exception("the call failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "Traceback" in text
    assert "ServiceValidationError" in text
    assert_clean(text, "logger.exception()")


_UNCAUGHT = """
from appflow_typed import AppFlowClient, CreateConnectorProfileRequest, RetryPolicy, from_boto
from appflow_typed.testing import LocalAppFlow, ServiceErrorFault
from tests.reliability.test_secret_audit import BY_NAME, quoting_message

kind = BY_NAME["Snowflake-password"]
with LocalAppFlow() as endpoint:
    endpoint.inject(
        ServiceErrorFault(code="ValidationException", status=400,
                          message=quoting_message(kind.sentinels[0])),
    )
    client = AppFlowClient(client=endpoint.client(), retry=RetryPolicy(max_attempts=1))
    client.create_connector_profile(from_boto(CreateConnectorProfileRequest, kind.request))
"""


def test_the_uncaught_exception_printout_shows_no_credential() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", _UNCAUGHT],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert result.returncode == 1, result.stderr
    assert "appflow_typed.errors.ServiceValidationError" in result.stderr
    assert "<redacted>" in result.stderr
    assert_clean(result.stderr + result.stdout, "the uncaught-exception printout")


# --------------------------------------------------------------------------- pytest output

_SECRETS_MODULE = """
from appflow_typed import AppFlowClient, RetryPolicy
from appflow_typed.testing import ServiceErrorFault
from appflow_typed.models import (
    ConnectorProfileConfig, ConnectorProfileCredentials, ConnectorProfileProperties,
    CreateConnectorProfileRequest, SnowflakeConnectorProfileCredentials,
    SnowflakeConnectorProfileProperties,
)

SECRET = "SENTINEL" + "-pytest-output-4d1e"  # the test's source lines never show it


def failing_call(endpoint):
    client = AppFlowClient(client=endpoint.client(), retry=RetryPolicy(max_attempts=1))
    message = (
        f"Value '{SECRET}' at 'connectorProfileConfig.connectorProfileCredentials.Snowflake."
        f"password' failed; password={SECRET}, username=u; "
        f"SnowflakeConnectorProfileCredentials(username=u, password={SECRET})"
    )
    endpoint.inject(ServiceErrorFault(code="ValidationException", status=400, message=message))
    request = CreateConnectorProfileRequest(
        connector_profile_name="audit", connector_type="Snowflake", connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                snowflake=SnowflakeConnectorProfileProperties(
                    warehouse="w", stage="s", bucket_name="bucket"
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                snowflake=SnowflakeConnectorProfileCredentials(username="u", password=SECRET)
            ),
        ),
    )
    return client, request


def too_long_password():
    return SECRET * 40


def wire_data_with_a_secret():
    return {
        "connectorProfileName": "not a valid name",
        "connectorType": "Snowflake",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {
                "Snowflake": {"warehouse": "w", "stage": "s", "bucketName": "bucket"}
            },
            "connectorProfileCredentials": {"Snowflake": {"username": "u", "password": SECRET}},
        },
    }
"""

_FAILING_TESTS = """
from audit_secrets import failing_call, too_long_password, wire_data_with_a_secret

from appflow_typed import CreateConnectorProfileRequest, from_boto
from appflow_typed.models import SnowflakeConnectorProfileCredentials


def test_service_error(appflow_endpoint):
    client, request = failing_call(appflow_endpoint)
    client.create_connector_profile(request)


def test_constructor():
    SnowflakeConnectorProfileCredentials(username="u", password=too_long_password())


def test_from_boto():
    from_boto(CreateConnectorProfileRequest, wire_data_with_a_secret())
"""


@pytest.fixture(scope="module", params=["plain", "--showlocals"])
def pytest_output(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The output of a pytest run (no flags, or --showlocals) on three failing tests."""
    where = tmp_path_factory.mktemp("pytest_output")
    (where / "audit_secrets.py").write_text(textwrap.dedent(_SECRETS_MODULE))
    (where / "test_failing.py").write_text(textwrap.dedent(_FAILING_TESTS))
    (where / "pytest.ini").write_text("[pytest]\n")
    flags = [] if request.param == "plain" else [request.param]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *flags, "test_failing.py"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=where,
        env=env,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout + result.stderr


def section(output: str, test: str) -> str:
    """The failure report of ``test`` in pytest's output."""
    head = f" {test} "
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("_") and head in line)
    end = next(
        (
            i
            for i, line in enumerate(lines[start + 1 :], start + 1)
            if line.startswith(("___", "==="))
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_pytest_output_of_a_service_error_shows_no_credential(pytest_output: str) -> None:
    text = section(pytest_output, "test_service_error")
    assert "ServiceValidationError" in text
    assert "<redacted>" in text
    assert_clean(text, "pytest's report of a service error")


def test_pytest_output_of_a_model_constructor_shows_no_credential(pytest_output: str) -> None:
    text = section(pytest_output, "test_constructor")
    assert "password: expected at most" in text
    assert_clean(text, "pytest's report of a model constructor")


def test_pytest_output_of_from_boto_shows_no_credential(pytest_output: str) -> None:
    text = section(pytest_output, "test_from_boto")
    assert "connectorProfileName: expected" in text
    assert_clean(text, "pytest's report of from_boto")


# --------------------------------------------------------------------------- secrets by value

def sent_values(kind: Kind) -> list[str]:
    """The credential values ``kind``'s request sends (a credential map's keys and values)."""
    values: list[str] = []
    for secret in kind.secrets:
        value = get(kind.request, secret.path)
        values.extend([*value.keys(), *value.values()] if isinstance(value, dict) else [value])
    assert all(MARK in value for value in values)
    return values


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_a_credential_echoed_in_any_style_is_removed_by_value(
    name: str, appflow_endpoint: LocalAppFlow
) -> None:
    kind = BY_NAME[name]
    values = sent_values(kind)
    message = echoing_message(values)
    appflow_endpoint.inject(
        ServiceErrorFault(code="ConnectorAuthenticationException", status=401, message=message),
        operation="CreateConnectorProfile",
    )
    with pytest.raises(AppflowTypedError) as caught:
        _client(appflow_endpoint).create_connector_profile(
            from_boto(CreateConnectorProfileRequest, kind.request)
        )
    error = caught.value
    assert isinstance(error, ServiceError)
    # the service's answer did quote them, and the rest of its message is kept
    assert appflow_endpoint.requests[-1].status == 401
    assert "Session '<redacted>' expired" in error.message
    assert "<accessToken><redacted></accessToken>" in error.message
    assert error.message.count(REDACTED) >= len(ECHO_STYLES) * len(values)
    assert_exception_clean(error)
    assert_clean(repr(error.response), "the error's response")
    assert_clean(pickle.dumps(error).decode("latin-1"), "the pickle")


# --------------------------------------------------------------------------- frame locals

SALESFORCE = BY_NAME["Salesforce"]
SALESFORCE_TOKEN = (
    "connectorProfileConfig",
    "connectorProfileCredentials",
    "Salesforce",
    "accessToken",
)


def _raise_from(call: Callable[[], object]) -> BaseException:
    try:
        call()
    except BaseException as exc:
        return exc
    raise AssertionError("the call did not fail")


def _sync_error_paths(endpoint: LocalAppFlow, monkeypatch: pytest.MonkeyPatch) -> dict[str, BaseException]:
    kind = SALESFORCE
    request = from_boto(CreateConnectorProfileRequest, kind.request)
    client = _client(endpoint)
    echoed = echoing_message(sent_values(kind))
    errors: dict[str, BaseException] = {}

    endpoint.inject(ServiceErrorFault(code="ValidationException", status=400, message=echoed))
    errors["service error"] = _raise_from(lambda: client.create_connector_profile(request))
    endpoint.inject(Throttle(message=echoed), times=ATTEMPTS)
    errors["retries spent"] = _raise_from(lambda: client.create_connector_profile(request))
    endpoint.inject(ResetConnection(), times=ATTEMPTS)
    errors["no answer"] = _raise_from(lambda: client.create_connector_profile(request))
    errors["invalid request"] = _raise_from(
        lambda: client.create_connector_profile(
            connector_profile_name="not a valid name",
            connector_type=request.connector_type,
            connection_mode=request.connection_mode,
            connector_profile_config=request.connector_profile_config,
        )
    )
    old = f"aft1.{int((time.time() - 9 * 3600) * 1000)}.{'0' * 32}"
    errors["token expired"] = _raise_from(
        lambda: client.create_connector_profile(attrs.evolve(request, client_token=old))
    )

    def interrupt(_: object) -> None:
        raise KeyboardInterrupt

    hooked = client.with_options(retry=RetryPolicy(max_attempts=1, on_attempt=interrupt))
    errors["interrupted"] = _raise_from(lambda: hooked.create_connector_profile(request))

    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    anonymous = AppFlowClient(
        session=boto3.Session(region_name="us-east-1"), endpoint_url=endpoint.url
    )
    errors["no credentials"] = _raise_from(lambda: anonymous.create_connector_profile(request))

    too_long = get(kind.request, SALESFORCE_TOKEN) * 1000
    errors["model constructor"] = _raise_from(
        lambda: SalesforceConnectorProfileCredentials(access_token=too_long)
    )
    errors["from_boto"] = _raise_from(
        lambda: from_boto(
            CreateConnectorProfileRequest, replaced(kind.request, SALESFORCE_TOKEN, too_long)
        )
    )

    guarded = guard(endpoint.client())
    errors["guard"] = _raise_from(
        lambda: guarded.create_connector_profile(
            **{**kind.request, "connectorProfileName": "not a valid name"}
        )
    )
    return errors


def test_no_library_frame_local_shows_a_credential(
    appflow_endpoint: LocalAppFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _sync_error_paths(appflow_endpoint, monkeypatch)
    assert {name: type(error).__name__ for name, error in errors.items()} == {
        "service error": "ServiceValidationError",
        "retries spent": "ThrottlingError",
        "no answer": "TransportError",
        "invalid request": "ValidationError",
        "token expired": "ClientTokenExpiredError",
        "interrupted": "KeyboardInterrupt",
        "no credentials": "CredentialsError",
        "model constructor": "ValidationError",
        "from_boto": "ValidationError",
        "guard": "ValidationError",
    }
    for name, error in errors.items():
        try:
            assert_locals_clean(error, SALESFORCE.sentinels)
        except AssertionError as failure:
            raise AssertionError(f"{name}: {failure}") from None
        if not isinstance(error, KeyboardInterrupt):
            assert_exception_clean(error)


def test_control_the_locals_check_fails_when_the_parameters_show(
    appflow_endpoint: LocalAppFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: the client's frames do hold the raw parameters (in a
    RequestParams), and with a plain ``repr`` they show."""
    monkeypatch.setattr(RequestParams, "__repr__", lambda self: repr(self.wire))
    request = from_boto(CreateConnectorProfileRequest, SALESFORCE.request)
    appflow_endpoint.inject(ServiceErrorFault(code="ValidationException", status=400))
    error = _raise_from(lambda: _client(appflow_endpoint).create_connector_profile(request))
    with pytest.raises(AssertionError, match="shows a credential"):
        assert_locals_clean(error, SALESFORCE.sentinels)
