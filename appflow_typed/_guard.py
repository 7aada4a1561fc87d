"""``guard(client)``: an existing boto3 ``appflow`` client whose calls are checked by the models.

The check is one botocore event handler on that client's own event system. It checks the
parameters every ``provide-client-params`` and ``before-parameter-build`` handler has
produced, those registered after ``guard()`` included: it runs on the next event botocore
emits with the parameters, ``before-endpoint-resolution.appflow``, which comes after every
``before-parameter-build`` handler has run and before the parameters are validated by
botocore, serialized, signed or sent (botocore ``BaseClient._make_api_call``:
``_emit_api_params``, then ``_resolve_endpoint_ruleset``, whose resolver emits it with the
call's parameters, then ``_convert_to_request_dict``). It builds the operation's request
model from them, which raises :class:`~appflow_typed.ValidationError`; valid calls go on
exactly as they came.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from appflow_typed._converter import from_boto
from appflow_typed._lint import emit_warnings
from appflow_typed._redaction import RequestParams

if TYPE_CHECKING:
    from botocore.model import OperationModel
    from mypy_boto3_appflow import AppflowClient

_EVENT = "before-endpoint-resolution.appflow"
_HANDLER_ID = "appflow-typed-guard"


@functools.cache
def _request_shapes() -> Mapping[str, str]:
    """Operation name (``RegisterConnector``) -> its request model's name, for every
    operation that has a model: read from the generated operation table, loading no model."""
    from appflow_typed._generated.operations import OPERATIONS

    return {name: operation.request_name for name, operation in OPERATIONS.items()}


@functools.cache
def _request_class(operation: str) -> type[Any] | None:
    """The request model of ``operation`` (its group's models load on first use), or
    ``None`` when it has none yet."""
    from appflow_typed._generated.operations import OPERATIONS

    found = OPERATIONS.get(operation)
    return None if found is None else found.request_cls


def _check_params(params: Mapping[str, Any], model: OperationModel, **_: Any) -> None:
    """``before-endpoint-resolution`` handler: validate the call's final parameters, change
    nothing.

    The parameters are held in a :class:`~appflow_typed._redaction.RequestParams`, not as
    this frame's raw argument: the frame is in the traceback of the ``ValidationError``, and
    tools that capture a traceback's locals show them.
    """
    request = RequestParams(params)
    del params
    cls = _request_class(model.name)
    if cls is not None:
        emit_warnings(from_boto(cls, request.wire))


def guard(client: AppflowClient) -> AppflowClient:
    """Check every call of an existing boto3 ``appflow`` client against the models.

    From now on, each call of any of AppFlow's 25 operations builds its request model from the
    call's keyword arguments before botocore serializes anything, from the parameters as your
    own ``provide-client-params`` and ``before-parameter-build`` handlers left them (whenever
    they were registered). Invalid parameters raise :class:`~appflow_typed.ValidationError`
    with every violation and its API path, and nothing is sent. A valid request that draws a
    warning (:class:`~appflow_typed.AppFlowConfigWarning`, see :func:`~appflow_typed.lint`)
    emits it with :func:`warnings.warn` and goes out. Valid calls go out exactly as given: the
    parameters are not changed, and botocore still fills a missing ``clientToken``.

    Nothing else about the client changes: not its retries, configuration or credentials, and
    no other client made from the same session is affected. Guarding a client twice is
    harmless (the check is registered once).

    Examples:
        >>> client = appflow_typed.guard(boto3.client("appflow"))  # doctest: +SKIP
        >>> client.unregister_connector(connectorLabel="bad label!")  # doctest: +SKIP
        appflow_typed.errors.ValidationError: 1 validation error for UnregisterConnectorRequest
          connectorLabel: expected 2 or more ASCII letters, digits or _ ! @ # . -, starting with a letter or digit

    Args:
        client: A boto3 client for the ``appflow`` service.

    Returns:
        The same client object, now guarded.

    Raises:
        TypeError: ``client`` is not a boto3 ``appflow`` client.
    """
    service_model = getattr(getattr(client, "meta", None), "service_model", None)
    service = getattr(service_model, "service_name", None)
    if service != "appflow":
        what = f"a {service!r} client" if isinstance(service, str) else type(client).__name__
        raise TypeError(f"guard() expects a boto3 'appflow' client, got {what}")
    client.meta.events.register(_EVENT, _check_params, unique_id=_HANDLER_ID)
    return client
