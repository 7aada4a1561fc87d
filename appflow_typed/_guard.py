"""``guard(client)``: an existing boto3 ``appflow`` client whose calls are checked by the models.

The check is one botocore event handler on that client's own event system: on
``before-parameter-build.appflow`` it builds the operation's request model from the call's
keyword arguments, which raises :class:`~appflow_typed.ValidationError` before botocore has
serialized, signed or sent anything. Valid calls go on exactly as they came.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from appflow_typed._converter import from_boto

if TYPE_CHECKING:
    from botocore.model import OperationModel
    from mypy_boto3_appflow import AppflowClient

_EVENT = "before-parameter-build.appflow"
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
    """``before-parameter-build`` handler: validate the call's parameters, change nothing."""
    cls = _request_class(model.name)
    if cls is not None:
        from_boto(cls, params)


def guard(client: AppflowClient) -> AppflowClient:
    """Check every call of an existing boto3 ``appflow`` client against the models.

    From now on, each call of any of AppFlow's 25 operations builds its request model from the
    call's keyword arguments before botocore serializes anything. Invalid parameters raise :class:`~appflow_typed.ValidationError`
    with every violation and its API path, and nothing is sent. Valid calls go out exactly as
    given: the parameters are not changed, and botocore still fills a missing ``clientToken``.

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
