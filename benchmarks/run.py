"""What appflow-typed costs, each number a ratio of two things measured side by side.

Every row times "ours" and a baseline alternately in the same run: interleaved rounds (the
order flips every round), warm-up first, ``time.perf_counter_ns``. Each side shows its
median; the ratio is the median of the rounds' own ratios, so that load from elsewhere on a
shared machine, which comes in bursts, slows both sides of a round alike. The in-memory rows
run with the garbage collector off on both sides; the others keep it on. Sections:

1. ``model``: model work, validate + build + dump, from a dict (``from_boto`` + ``to_boto``)
   and from constructors (construction + ``to_boto``), against botocore's own parameter
   validation + rest-json serialization of the same request; four connector requests and a
   200- and a 1,000-task CreateFlow. Target ≤ 0.5x.
2. ``client``: a call through ``AppFlowClient`` against the same call on a raw boto3 client:
   three small operations (target ≤ 1.05x) and a 200- and a 1,000-task CreateFlow from a dict
   (target ≤ 0.95x: the request is validated once, by the models).
3. ``import``: ``import boto3, appflow_typed`` against ``import boto3``, each in a fresh
   interpreter with its bytecode cached (as an installed package has it). Target ≤ 1.15x.
   Shown too: the same with every part loaded, and what each part adds on first use.
4. ``first``: the first request of a fresh interpreter (imports, client, one validated
   RegisterConnector) against raw boto3's. Target ≤ 1.2x. Shown too, from the same rounds:
   raw boto3's after importing the runtime dependencies appflow-typed requires (the floor of
   any first request of ours), and ours against that floor.
5. ``pydantic``: the attrs models against equivalent pydantic v2 models
   (``benchmarks/_pydantic_models.py``), the connector requests.
6. ``load``: throughput of 16 threads sharing one ``AppFlowClient`` against 16 threads
   sharing one boto3 client. Target ≥ 0.97x.
7. ``guard``: a call through a boto3 client checked by ``appflow_typed.guard`` against the
   same call through an unguarded one. Target ≤ 1.03x.
8. ``async``: 64 concurrent calls through ``AsyncAppFlowClient`` against raw aiobotocore
   (``benchmarks/async_throughput.py``'s measurement; skipped without the async extra).
   Target ≥ 0.95x.

The network rows talk to one local AppFlow endpoint (``appflow_typed.testing``) on
127.0.0.1, run in a child process so that its work does not compete with the measured
clients for this interpreter's GIL. Dummy credentials; no other network.

Run: ``python benchmarks/run.py`` (several minutes), ``--quick`` (a smoke run, fewer rounds:
for checking the script, not for quoting), ``--only SECTION`` (repeatable). Prints a
markdown table, each row with its target and whether it passes, then a summary of the
missed targets; asserts nothing. Where a target is missed, ``benchmarks/profile_models.py``
(model work, class by class) and ``benchmarks/client_overhead.py`` (a client call's
overhead) show where the time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import importlib.metadata
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import botocore.serialize
import botocore.validate
from botocore.config import Config
from mypy_boto3_appflow import AppflowClient
from mypy_boto3_appflow.type_defs import ConnectorProvisioningConfigTypeDef
from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _pydantic_models as pyd
import async_throughput

from appflow_typed import (
    AppFlowClient,
    CreateConnectorProfileRequest,
    CreateFlowRequest,
    RegisterConnectorRequest,
    UpdateConnectorProfileRequest,
    from_boto,
    guard,
    to_boto,
)
from appflow_typed.models import (
    ConnectorOperator,
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    LambdaConnectorProvisioningConfig,
    OAuth2Credentials,
    OAuth2Properties,
    OAuthCredentials,
    OAuthProperties,
    S3DestinationProperties,
    S3SourceProperties,
    SalesforceConnectorProfileCredentials,
    SalesforceConnectorProfileProperties,
    SAPODataConnectorProfileCredentials,
    SAPODataConnectorProfileProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)
from appflow_typed.testing._model import boto3_session

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:acme-crm-connector"
TOKEN = "aft1.1732200000000.4f1c2b7d9e8a4b6c8d0e1f2a3b4c5d6e"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJleGFtcGxlIn0.c2lnbmF0dXJl"
LABEL = "bench_connector"
THREADS = 16
FLOW_TASKS = (200, 1000)
"""The sizes of the CreateFlow rows: a wide table mapped field by field."""


# --- the representative requests -------------------------------------------------------


@attrs.frozen
class Case:
    """One representative request: its AWS shape and how each library builds it."""

    title: str
    operation: str
    wire: dict[str, Any]
    model: type[Any]
    build: Callable[[], Any]
    pydantic_model: type[BaseModel] | None = None
    """An equivalent pydantic model (the connector cases only: rows 3)."""
    build_pydantic: Callable[[], BaseModel] | None = None


REGISTER_WIRE: dict[str, Any] = {
    "connectorLabel": "acme_crm",
    "description": "ACME CRM records",
    "connectorProvisioningType": "LAMBDA",
    "connectorProvisioningConfig": {"lambda": {"lambdaArn": LAMBDA_ARN}},
    "clientToken": TOKEN,
}


def register_ours() -> RegisterConnectorRequest:
    return RegisterConnectorRequest(
        connector_label="acme_crm",
        description="ACME CRM records",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=ConnectorProvisioningConfig(
            lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
        ),
        client_token=TOKEN,
    )


def register_pydantic() -> pyd.RegisterConnectorRequest:
    return pyd.RegisterConnectorRequest(
        connector_label="acme_crm",
        description="ACME CRM records",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=pyd.ConnectorProvisioningConfig(
            lambda_=pyd.LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
        ),
        client_token=TOKEN,
    )


SAP_WIRE: dict[str, Any] = {
    "connectorProfileName": "sap-odata-prod",
    "connectionMode": "Private",
    "connectorProfileConfig": {
        "connectorProfileProperties": {
            "SAPOData": {
                "applicationHostUrl": "https://sap.example.com",
                "applicationServicePath": "/sap/opu/odata/sap/API_SALES_ORDER_SRV",
                "portNumber": 443,
                "clientNumber": "100",
                "logonLanguage": "EN",
                "oAuthProperties": {
                    "tokenUrl": "https://sap.example.com/sap/bc/sec/oauth2/token",
                    "authCodeUrl": "https://sap.example.com/sap/bc/sec/oauth2/authorize",
                    "oAuthScopes": ["API_SALES_ORDER_SRV_0001"],
                },
                "disableSSO": False,
            }
        },
        "connectorProfileCredentials": {
            "SAPOData": {
                "oAuthCredentials": {
                    "clientId": "appflow-client",
                    "clientSecret": "example-client-secret-not-real",
                    "refreshToken": "example-refresh-token-not-real",
                }
            }
        },
    },
    "clientToken": TOKEN,
}


def sap_ours() -> UpdateConnectorProfileRequest:
    return UpdateConnectorProfileRequest(
        connector_profile_name="sap-odata-prod",
        connection_mode="Private",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                sapo_data=SAPODataConnectorProfileProperties(
                    application_host_url="https://sap.example.com",
                    application_service_path="/sap/opu/odata/sap/API_SALES_ORDER_SRV",
                    port_number=443,
                    client_number="100",
                    logon_language="EN",
                    o_auth_properties=OAuthProperties(
                        token_url="https://sap.example.com/sap/bc/sec/oauth2/token",
                        auth_code_url="https://sap.example.com/sap/bc/sec/oauth2/authorize",
                        o_auth_scopes=["API_SALES_ORDER_SRV_0001"],
                    ),
                    disable_sso=False,
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                sapo_data=SAPODataConnectorProfileCredentials(
                    o_auth_credentials=OAuthCredentials(
                        client_id="appflow-client",
                        client_secret="example-client-secret-not-real",
                        refresh_token="example-refresh-token-not-real",
                    )
                )
            ),
        ),
        client_token=TOKEN,
    )


def sap_pydantic() -> pyd.UpdateConnectorProfileRequest:
    return pyd.UpdateConnectorProfileRequest(
        connector_profile_name="sap-odata-prod",
        connection_mode="Private",
        connector_profile_config=pyd.ConnectorProfileConfig(
            connector_profile_properties=pyd.ConnectorProfileProperties(
                sapo_data=pyd.SAPODataConnectorProfileProperties(
                    application_host_url="https://sap.example.com",
                    application_service_path="/sap/opu/odata/sap/API_SALES_ORDER_SRV",
                    port_number=443,
                    client_number="100",
                    logon_language="EN",
                    o_auth_properties=pyd.OAuthProperties(
                        token_url="https://sap.example.com/sap/bc/sec/oauth2/token",
                        auth_code_url="https://sap.example.com/sap/bc/sec/oauth2/authorize",
                        o_auth_scopes=["API_SALES_ORDER_SRV_0001"],
                    ),
                    disable_sso=False,
                )
            ),
            connector_profile_credentials=pyd.ConnectorProfileCredentials(
                sapo_data=pyd.SAPODataConnectorProfileCredentials(
                    o_auth_credentials=pyd.OAuthCredentials(
                        client_id="appflow-client",
                        client_secret="example-client-secret-not-real",
                        refresh_token="example-refresh-token-not-real",
                    )
                )
            ),
        ),
        client_token=TOKEN,
    )


SALESFORCE_WIRE: dict[str, Any] = {
    "connectorProfileName": "salesforce-crm",
    "connectorType": "Salesforce",
    "connectionMode": "Public",
    "connectorProfileConfig": {
        "connectorProfileProperties": {
            "Salesforce": {
                "instanceUrl": "https://example.my.salesforce.com",
                "isSandboxEnvironment": False,
            }
        },
        "connectorProfileCredentials": {
            "Salesforce": {"oAuth2GrantType": "JWT_BEARER", "jwtToken": JWT}
        },
    },
    "clientToken": TOKEN,
}


def salesforce_ours() -> CreateConnectorProfileRequest[Any]:
    return CreateConnectorProfileRequest(
        connector_profile_name="salesforce-crm",
        connector_type="Salesforce",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                salesforce=SalesforceConnectorProfileProperties(
                    instance_url="https://example.my.salesforce.com",
                    is_sandbox_environment=False,
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                salesforce=SalesforceConnectorProfileCredentials(
                    o_auth2_grant_type="JWT_BEARER", jwt_token=JWT
                )
            ),
        ),
        client_token=TOKEN,
    )


def salesforce_pydantic() -> pyd.CreateConnectorProfileRequest:
    return pyd.CreateConnectorProfileRequest(
        connector_profile_name="salesforce-crm",
        connector_type="Salesforce",
        connection_mode="Public",
        connector_profile_config=pyd.ConnectorProfileConfig(
            connector_profile_properties=pyd.ConnectorProfileProperties(
                salesforce=pyd.SalesforceConnectorProfileProperties(
                    instance_url="https://example.my.salesforce.com",
                    is_sandbox_environment=False,
                )
            ),
            connector_profile_credentials=pyd.ConnectorProfileCredentials(
                salesforce=pyd.SalesforceConnectorProfileCredentials(
                    o_auth2_grant_type="JWT_BEARER", jwt_token=JWT
                )
            ),
        ),
        client_token=TOKEN,
    )


CUSTOM_WIRE: dict[str, Any] = {
    "connectorProfileName": "acme-crm-production",
    "connectorType": "CustomConnector",
    "connectorLabel": "acme_crm",
    "connectionMode": "Public",
    "connectorProfileConfig": {
        "connectorProfileProperties": {
            "CustomConnector": {
                "profileProperties": {"instance": "eu1", "apiVersion": "v3", "tenant": "acme"},
                "oAuth2Properties": {
                    "tokenUrl": "https://login.acme.example/oauth2/token",
                    "oAuth2GrantType": "CLIENT_CREDENTIALS",
                    "tokenUrlCustomProperties": {"audience": "https://api.acme.example"},
                },
            }
        },
        "connectorProfileCredentials": {
            "CustomConnector": {
                "authenticationType": "OAUTH2",
                "oauth2": {
                    "clientId": "appflow-client",
                    "clientSecret": "example-client-secret-not-real",
                },
            }
        },
    },
    "clientToken": TOKEN,
}


def custom_ours() -> CreateConnectorProfileRequest[Any]:
    return CreateConnectorProfileRequest(
        connector_profile_name="acme-crm-production",
        connector_type="CustomConnector",
        connector_label="acme_crm",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                custom_connector=CustomConnectorProfileProperties(
                    profile_properties={"instance": "eu1", "apiVersion": "v3", "tenant": "acme"},
                    o_auth2_properties=OAuth2Properties(
                        token_url="https://login.acme.example/oauth2/token",
                        o_auth2_grant_type="CLIENT_CREDENTIALS",
                        token_url_custom_properties={"audience": "https://api.acme.example"},
                    ),
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                custom_connector=CustomConnectorProfileCredentials(
                    authentication_type="OAUTH2",
                    oauth2=OAuth2Credentials(
                        client_id="appflow-client",
                        client_secret="example-client-secret-not-real",
                    ),
                )
            ),
        ),
        client_token=TOKEN,
    )


def custom_pydantic() -> pyd.CreateConnectorProfileRequest:
    return pyd.CreateConnectorProfileRequest(
        connector_profile_name="acme-crm-production",
        connector_type="CustomConnector",
        connector_label="acme_crm",
        connection_mode="Public",
        connector_profile_config=pyd.ConnectorProfileConfig(
            connector_profile_properties=pyd.ConnectorProfileProperties(
                custom_connector=pyd.CustomConnectorProfileProperties(
                    profile_properties={"instance": "eu1", "apiVersion": "v3", "tenant": "acme"},
                    o_auth2_properties=pyd.OAuth2Properties(
                        token_url="https://login.acme.example/oauth2/token",
                        o_auth2_grant_type="CLIENT_CREDENTIALS",
                        token_url_custom_properties={"audience": "https://api.acme.example"},
                    ),
                )
            ),
            connector_profile_credentials=pyd.ConnectorProfileCredentials(
                custom_connector=pyd.CustomConnectorProfileCredentials(
                    authentication_type="OAUTH2",
                    oauth2=pyd.OAuth2Credentials(
                        client_id="appflow-client",
                        client_secret="example-client-secret-not-real",
                    ),
                )
            ),
        ),
        client_token=TOKEN,
    )


FLOW_FIELDS = {"SOURCE_DATA_TYPE": "string", "DESTINATION_DATA_TYPE": "string"}


def flow_wire(tasks: int, name: str = "bench-flow") -> dict[str, Any]:
    """An S3-to-S3 CreateFlow request (no connector profile needed) mapping ``tasks``
    fields, one Map task each, after the Filter task that projects them (the service wants
    one: see docs/rules.md, flow-projection-task): the shape of a wide table's flow."""
    return {
        "flowName": name,
        "description": "benchmark flow",
        "triggerConfig": {"triggerType": "OnDemand"},
        "sourceFlowConfig": {
            "connectorType": "S3",
            "sourceConnectorProperties": {
                "S3": {"bucketName": "bench-source", "bucketPrefix": "in"}
            },
        },
        "destinationFlowConfigList": [
            {
                "connectorType": "S3",
                "destinationConnectorProperties": {
                    "S3": {"bucketName": "bench-destination", "bucketPrefix": "out"}
                },
            }
        ],
        "tasks": [
            {
                "sourceFields": [f"field_{i}" for i in range(tasks)],
                "connectorOperator": {"S3": "PROJECTION"},
                "taskType": "Filter",
            },
            *(
                {
                    "sourceFields": [f"field_{i}"],
                    "connectorOperator": {"S3": "NO_OP"},
                    "destinationField": f"field_{i}",
                    "taskType": "Map",
                    "taskProperties": dict(FLOW_FIELDS),
                }
                for i in range(tasks)
            ),
        ],
        "clientToken": TOKEN,
    }


def flow_ours(tasks: int) -> Callable[[], CreateFlowRequest]:
    """Builds :func:`flow_wire`'s request with the model constructors."""

    def build() -> CreateFlowRequest:
        return CreateFlowRequest(
            flow_name="bench-flow",
            description="benchmark flow",
            trigger_config=TriggerConfig(trigger_type="OnDemand"),
            source_flow_config=SourceFlowConfig(
                connector_type="S3",
                source_connector_properties=SourceConnectorProperties(
                    s3=S3SourceProperties(bucket_name="bench-source", bucket_prefix="in")
                ),
            ),
            destination_flow_config_list=[
                DestinationFlowConfig(
                    connector_type="S3",
                    destination_connector_properties=DestinationConnectorProperties(
                        s3=S3DestinationProperties(
                            bucket_name="bench-destination", bucket_prefix="out"
                        )
                    ),
                )
            ],
            tasks=[
                Task(
                    source_fields=[f"field_{i}" for i in range(tasks)],
                    connector_operator=ConnectorOperator(s3="PROJECTION"),
                    task_type="Filter",
                ),
                *(
                    Task(
                        source_fields=[f"field_{i}"],
                        connector_operator=ConnectorOperator(s3="NO_OP"),
                        destination_field=f"field_{i}",
                        task_type="Map",
                        task_properties={
                            "SOURCE_DATA_TYPE": "string",
                            "DESTINATION_DATA_TYPE": "string",
                        },
                    )
                    for i in range(tasks)
                ),
            ],
            client_token=TOKEN,
        )

    return build


CASES = [
    Case(
        "Lambda RegisterConnector",
        "RegisterConnector",
        REGISTER_WIRE,
        RegisterConnectorRequest,
        register_ours,
        pyd.RegisterConnectorRequest,
        register_pydantic,
    ),
    Case(
        "SAP OData OAuth UpdateConnectorProfile",
        "UpdateConnectorProfile",
        SAP_WIRE,
        UpdateConnectorProfileRequest,
        sap_ours,
        pyd.UpdateConnectorProfileRequest,
        sap_pydantic,
    ),
    Case(
        "Salesforce JWT CreateConnectorProfile",
        "CreateConnectorProfile",
        SALESFORCE_WIRE,
        CreateConnectorProfileRequest,
        salesforce_ours,
        pyd.CreateConnectorProfileRequest,
        salesforce_pydantic,
    ),
    Case(
        "CustomConnector OAuth2 CreateConnectorProfile",
        "CreateConnectorProfile",
        CUSTOM_WIRE,
        CreateConnectorProfileRequest,
        custom_ours,
        pyd.CreateConnectorProfileRequest,
        custom_pydantic,
    ),
    *(
        Case(
            f"{tasks:,}-task CreateFlow",
            "CreateFlow",
            flow_wire(tasks),
            CreateFlowRequest,
            flow_ours(tasks),
        )
        for tasks in FLOW_TASKS
    ),
]


def dump(model: BaseModel) -> dict[str, Any]:
    shape: dict[str, Any] = model.model_dump(by_alias=True, exclude_none=True)
    return shape


def check_cases() -> None:
    """Every side of every case must produce the same AWS shape, or nothing is comparable."""
    for case in CASES:
        shapes = {
            "from_boto": to_boto(from_boto(case.model, case.wire)),
            "construction": to_boto(case.build()),
        }
        if case.pydantic_model is not None and case.build_pydantic is not None:
            shapes["pydantic model_validate"] = dump(case.pydantic_model.model_validate(case.wire))
            shapes["pydantic construction"] = dump(case.build_pydantic())
        for how, shape in shapes.items():
            if shape != case.wire:
                raise SystemExit(f"{case.title}: {how} does not give the AWS shape back")


# --- measuring -------------------------------------------------------------------------


@attrs.frozen
class Settings:
    rounds: int
    batch_ns: int  # the target duration of one side's batch in one round
    network_rounds: int
    network_batch_ns: int
    import_runs: int
    load_rounds: int
    load_calls_per_thread: int
    async_rounds: int


FULL = Settings(
    rounds=21,
    batch_ns=25_000_000,
    network_rounds=61,
    network_batch_ns=40_000_000,
    import_runs=25,
    load_rounds=7,
    load_calls_per_thread=60,
    async_rounds=60,
)
QUICK = Settings(
    rounds=5,
    batch_ns=5_000_000,
    network_rounds=9,
    network_batch_ns=20_000_000,
    import_runs=5,
    load_rounds=3,
    load_calls_per_thread=15,
    async_rounds=6,
)


def _batch(fn: Callable[[], object], n: int) -> int:
    start = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return time.perf_counter_ns() - start


@contextmanager
def _gc_off(off: bool) -> Iterator[None]:
    if not off:
        yield
        return
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@attrs.frozen
class Timed:
    """Two functions timed in alternating batches: medians per call, and their ratio."""

    ours: float
    base: float
    """Each side's median: ns per call, or calls per second for throughput."""
    ratio: float
    """The median of the rounds' own ratios: each round's two batches ran back to back, so a
    burst of load from elsewhere on the machine slows both and cancels out, which a ratio
    of the two sides' separate medians would not do."""


def paired(ours: list[float], base: list[float]) -> Timed:
    """Medians of the samples of each side, taken in rounds, and of their per-round ratios."""
    return Timed(
        statistics.median(ours),
        statistics.median(base),
        statistics.median(o / b for o, b in zip(ours, base, strict=True)),
    )


def compare(
    ours: Callable[[], object],
    base: Callable[[], object],
    *,
    rounds: int,
    batch_ns: int,
    gc_off: bool = True,
    between: Callable[[], object] = lambda: None,
) -> Timed:
    """``ours`` and ``base`` timed in alternating batches (ns per call); ``between`` runs,
    untimed, after each batch (e.g. deleting what the batch created)."""
    for fn in (ours, base):  # warm-up: caches, hooks and lazily compiled code
        for _ in range(5):
            fn()
        between()
    per_call = max(_batch(ours, 3), _batch(base, 3)) / 3
    between()
    n = max(1, int(batch_ns / max(per_call, 1.0)))
    sides: list[tuple[Callable[[], object], list[float]]] = [(ours, []), (base, [])]
    with _gc_off(gc_off):
        for round_ in range(rounds):
            for fn, samples in sides if round_ % 2 == 0 else reversed(sides):
                samples.append(_batch(fn, n) / n)
                between()
    return paired(sides[0][1], sides[1][1])


@attrs.frozen
class Row:
    what: str
    ours: str
    baseline: str
    ratio: float
    target: str
    met: bool | None
    """``None``: a row shown for reference, without a target."""


def _us(ns: float) -> str:
    if ns < 1_000_000:
        return f"{ns / 1000:.1f} µs"
    return f"{ns / 1_000_000:.2f} ms" if ns < 1_000_000_000 else f"{ns / 1e9:.2f} s"


def target_row(what: str, ours: str, baseline: str, ratio: float, target: float) -> Row:
    """A row whose ratio must be at most ``target``."""
    return Row(what, ours, baseline, ratio, f"≤ {target:g}x", ratio <= target)


def time_row(what: str, timed: Timed, target: float, baseline_name: str) -> Row:
    return target_row(
        what, _us(timed.ours), f"{_us(timed.base)} ({baseline_name})", timed.ratio, target
    )


# --- rows 1 and 3: model work ------------------------------------------------------------


def botocore_work(case: Case) -> Callable[[], object]:
    """botocore's own validation + rest-json serialization of the case's request."""
    op = (
        boto3_session()
        .client(
            "appflow",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        .meta.service_model.operation_model(case.operation)
    )
    validator = botocore.validate.ParamValidator()
    # Validation is done explicitly: the serializer's own would make it count twice.
    serializer = botocore.serialize.create_serializer("rest-json", include_validation=False)
    shape = op.input_shape
    assert shape is not None
    params = case.wire

    def work() -> object:
        report = validator.validate(params, shape)
        if report.has_errors():
            raise SystemExit(report.generate_report())
        return serializer.serialize_to_request(params, op)

    return work


def model_work(case: Case) -> dict[str, Callable[[], object]]:
    """The measured functions of one case."""
    cls, wire, build = case.model, case.wire, case.build
    work: dict[str, Callable[[], object]] = {
        "parse": lambda: to_boto(from_boto(cls, wire)),
        "build": lambda: to_boto(build()),
        "from_boto": lambda: from_boto(cls, wire),
        "botocore": botocore_work(case),
    }
    pydantic_model, build_pydantic = case.pydantic_model, case.build_pydantic
    if pydantic_model is not None and build_pydantic is not None:
        work["pydantic parse"] = lambda: dump(pydantic_model.model_validate(wire))
        work["pydantic build"] = lambda: dump(build_pydantic())
    return work


MODEL_TARGET = 0.5
"""Model work (validate + build + dump) against botocore's validate + serialize."""


def model_rows(settings: Settings) -> tuple[list[Row], list[Row]]:
    vs_botocore: list[Row] = []
    vs_pydantic: list[Row] = []
    for case in CASES:
        work = model_work(case)

        def measure(ours: str, base: str) -> Timed:
            return compare(
                work[ours],  # noqa: B023  (called before the loop moves on)
                work[base],  # noqa: B023
                rounds=settings.rounds,
                batch_ns=settings.batch_ns,
            )

        timed = measure("parse", "botocore")
        vs_botocore.append(
            time_row(
                f"{case.title}: from a dict (from_boto + to_boto)", timed, MODEL_TARGET, "botocore"
            )
        )
        timed = measure("build", "botocore")
        vs_botocore.append(
            time_row(
                f"{case.title}: from constructors (construction + to_boto)",
                timed,
                MODEL_TARGET,
                "botocore",
            )
        )
        if "pydantic parse" not in work:
            continue
        timed = measure("from_boto", "pydantic parse")
        vs_pydantic.append(
            time_row(
                f"{case.title}: from_boto vs model_validate + model_dump", timed, 1.5, "pydantic"
            )
        )
        timed = measure("build", "pydantic build")
        row = time_row(
            f"{case.title}: construction + to_boto vs construction + model_dump",
            timed,
            1.0,
            "pydantic",
        )
        vs_pydantic.append(attrs.evolve(row, target="< 1x", met=row.ratio < 1.0))
    return vs_botocore, vs_pydantic


# --- rows 2 and 5: over loopback ---------------------------------------------------------


@attrs.frozen
class Endpoint:
    url: str
    region: str

    def raw_client(self, *, fixed_user_agent: bool = False) -> AppflowClient:
        """A boto3 client of the endpoint, configured as a user's would be.

        With ``fixed_user_agent``, its configuration names the user agent string botocore
        computed for such a client, as the configuration of ``AppFlowClient``'s sender (a
        sibling of the user's client) does: botocore then sends that string as it is instead
        of assembling a user agent for each request.
        """
        config = Config(proxies={}, max_pool_connections=THREADS)
        if fixed_user_agent:
            config = self.raw_client().meta.config
        return boto3_session().client(
            "appflow",
            region_name=self.region,
            endpoint_url=self.url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            aws_session_token=None,
            config=config,
        )


@contextmanager
def local_endpoint() -> Iterator[Endpoint]:
    """A LocalAppFlow in a child process (this script with ``--serve``)."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        url, region = child.stdout.readline().split()
        yield Endpoint(url, region)
    finally:
        assert child.stdin is not None
        child.stdin.close()  # the child exits when its stdin closes
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve() -> None:
    from appflow_typed.testing import LocalAppFlow

    with LocalAppFlow() as endpoint:
        print(endpoint.url, endpoint.region, flush=True)
        sys.stdin.read()


def e2e_rows(settings: Settings, endpoint: Endpoint) -> list[Row]:
    raw = endpoint.raw_client()
    typed = AppFlowClient(client=endpoint.raw_client())
    provisioning: ConnectorProvisioningConfigTypeDef = {"lambda": {"lambdaArn": LAMBDA_ARN}}
    typed_provisioning = ConnectorProvisioningConfig(
        lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
    )

    def typed_pair() -> None:
        typed.register_connector(
            connector_label="bench_typed",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=typed_provisioning,
        )
        typed.unregister_connector(connector_label="bench_typed")

    def raw_pair() -> None:
        raw.register_connector(
            connectorLabel="bench_raw",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig=provisioning,
        )
        raw.unregister_connector(connectorLabel="bench_raw")

    calls: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "DescribeConnector",
            lambda: typed.describe_connector(
                connector_type="CustomConnector", connector_label=LABEL
            ),
            lambda: raw.describe_connector(connectorType="CustomConnector", connectorLabel=LABEL),
        ),
        ("ListConnectors", typed.list_connectors, raw.list_connectors),
        ("RegisterConnector + UnregisterConnector", typed_pair, raw_pair),
    ]
    rows = []
    for name, ours, base in calls:
        timed = compare(
            ours,
            base,
            rounds=settings.network_rounds,
            batch_ns=settings.network_batch_ns,
            gc_off=False,
        )
        rows.append(time_row(f"{name} through AppFlowClient", timed, SMALL_CALL_TARGET, "boto3"))
    for tasks in FLOW_TASKS:
        timed = compare_flows(settings, endpoint, typed, raw, tasks)
        rows.append(
            time_row(
                f"{tasks:,}-task CreateFlow from a dict through AppFlowClient "
                "(`create_flow(from_boto(CreateFlowRequest, d))` vs `create_flow(**d)`)",
                timed,
                FLOW_CALL_TARGET,
                "boto3",
            )
        )
    return rows


SMALL_CALL_TARGET = 1.05
"""A small call through AppFlowClient against the same call on a raw boto3 client."""
FLOW_CALL_TARGET = 0.95
"""A large CreateFlow through AppFlowClient against raw boto3: validated once (by the models;
the sender skips botocore's validation), it must cost less than boto3's own call."""


def compare_flows(
    settings: Settings, endpoint: Endpoint, typed: AppFlowClient, raw: AppflowClient, tasks: int
) -> Timed:
    """CreateFlow of ``tasks`` tasks from a dict, through AppFlowClient and through raw boto3.

    Each call creates a flow of a new name (the dict built before the timer starts, for both
    sides alike); the flows of a batch are deleted after it, untimed, so the endpoint's store
    stays small. Both sides send a clientToken (the raw client fills one in itself).
    """
    template = flow_wire(tasks)
    del template["clientToken"]
    names = (f"bench-flow-{i}" for i in itertools.count())
    pending: list[dict[str, Any]] = []
    used: list[str] = []
    cleaner = endpoint.raw_client()

    def take() -> dict[str, Any]:
        request = pending.pop() if pending else {**template, "flowName": next(names)}
        used.append(request["flowName"])
        return request

    def ours() -> object:
        return typed.create_flow(from_boto(CreateFlowRequest, take()))

    def base() -> object:
        return raw.create_flow(**take())

    def refill() -> None:
        for name in used:
            cleaner.delete_flow(flowName=name, forceDelete=True)
        used.clear()
        while len(pending) < 64:
            pending.append({**template, "flowName": next(names)})

    refill()
    return compare(
        ours,
        base,
        rounds=settings.network_rounds,
        batch_ns=settings.network_batch_ns,
        gc_off=False,
        between=refill,
    )


def load_row(settings: Settings, endpoint: Endpoint) -> Row:
    raw = endpoint.raw_client()
    typed = AppFlowClient(client=endpoint.raw_client())
    provisioning: ConnectorProvisioningConfigTypeDef = {"lambda": {"lambdaArn": LAMBDA_ARN}}
    typed_provisioning = ConnectorProvisioningConfig(
        lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
    )

    def typed_mix(thread: int, i: int) -> int:
        step = i % 4
        if step == 0:
            typed.describe_connector(connector_type="CustomConnector", connector_label=LABEL)
        elif step == 1:
            typed.list_connectors()
        else:
            label = f"load_typed_{thread}"
            typed.register_connector(
                connector_label=label,
                connector_provisioning_type="LAMBDA",
                connector_provisioning_config=typed_provisioning,
            )
            typed.unregister_connector(connector_label=label)
            return 2
        return 1

    def raw_mix(thread: int, i: int) -> int:
        step = i % 4
        if step == 0:
            raw.describe_connector(connectorType="CustomConnector", connectorLabel=LABEL)
        elif step == 1:
            raw.list_connectors()
        else:
            label = f"load_raw_{thread}"
            raw.register_connector(
                connectorLabel=label,
                connectorProvisioningType="LAMBDA",
                connectorProvisioningConfig=provisioning,
            )
            raw.unregister_connector(connectorLabel=label)
            return 2
        return 1

    def throughput(mix: Callable[[int, int], int], iterations: int) -> float:
        start = threading.Barrier(THREADS + 1)
        done = [0] * THREADS

        def worker(thread: int) -> None:
            start.wait()
            for i in range(iterations):
                done[thread] += mix(thread, i)

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
        for t in threads:
            t.start()
        start.wait()
        began = time.perf_counter_ns()
        for t in threads:
            t.join()
        return sum(done) / ((time.perf_counter_ns() - began) / 1e9)

    throughput(typed_mix, 4)  # warm-up: connections, hooks
    throughput(raw_mix, 4)
    sides: list[tuple[Callable[[int, int], int], list[float]]] = [(typed_mix, []), (raw_mix, [])]
    for round_ in range(settings.load_rounds):
        for mix, samples in sides if round_ % 2 == 0 else reversed(sides):
            samples.append(throughput(mix, settings.load_calls_per_thread))
    timed = paired(sides[0][1], sides[1][1])
    return Row(
        f"{THREADS} threads, one shared client: throughput (describe/list/register+unregister)",
        f"{timed.ours:.0f} calls/s",
        f"{timed.base:.0f} calls/s (boto3)",
        timed.ratio,
        "≥ 0.97x",
        timed.ratio >= 0.97,
    )


# --- row 6: guard(client) --------------------------------------------------------------


def guard_rows(settings: Settings, endpoint: Endpoint) -> list[Row]:
    guarded = guard(endpoint.raw_client())
    raw = endpoint.raw_client()
    provisioning: ConnectorProvisioningConfigTypeDef = {"lambda": {"lambdaArn": LAMBDA_ARN}}

    def pair(client: AppflowClient, label: str) -> Callable[[], None]:
        def call() -> None:
            client.register_connector(
                connectorLabel=label,
                connectorProvisioningType="LAMBDA",
                connectorProvisioningConfig=provisioning,
            )
            client.unregister_connector(connectorLabel=label)

        return call

    calls: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "DescribeConnector",
            lambda: guarded.describe_connector(
                connectorType="CustomConnector", connectorLabel=LABEL
            ),
            lambda: raw.describe_connector(connectorType="CustomConnector", connectorLabel=LABEL),
        ),
        (
            "RegisterConnector + UnregisterConnector",
            pair(guarded, "bench_guarded"),
            pair(raw, "bench_unguarded"),
        ),
    ]
    rows = []
    for name, ours, base in calls:
        timed = compare(
            ours,
            base,
            rounds=settings.network_rounds,
            batch_ns=settings.network_batch_ns,
            gc_off=False,
        )
        rows.append(time_row(f"{name} through a guarded boto3 client", timed, 1.03, "unguarded"))
    return rows


# --- row 4: import cost ------------------------------------------------------------------


# What a user's program imports, as statements: appflow_typed loads its parts on first use,
# so the second row loads every part (every model group, the converter, the client side).
IMPORT_BOTO3 = "import boto3"
IMPORT_OURS = "import boto3, appflow_typed"
IMPORT_ALL = (
    "import boto3, appflow_typed, appflow_typed.models as m; "
    "appflow_typed.AppFlowClient, appflow_typed.from_boto; "
    "m.ConnectorProfileConfig, m.DescribeConnectorResponse, m.RegisterConnectorRequest, "
    "m.CreateFlowRequest, m.DescribeFlowExecutionRecordsResponse, "
    "m.ListConnectorEntitiesResponse, m.TagResourceRequest"
)


def _import_env(cache: str) -> dict[str, str]:
    # Bytecode as an installed package has it: written once (to a private cache, for both
    # sides alike, so neither the checkout nor site-packages is touched), then read.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _import_ns(statement: str, env: dict[str, str]) -> int:
    code = (
        f"import time; t = time.perf_counter_ns(); {statement}; print(time.perf_counter_ns() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    return int(out)


FIRST_USES = {
    "attrs (the models' base)": "import attrs",
    "appflow_typed": "import appflow_typed",
    "registration models": "appflow_typed.RegisterConnectorRequest",
    "profile models": "appflow_typed.CreateConnectorProfileRequest",
    "connector models": "appflow_typed.DescribeConnectorResponse",
    "flow models": "appflow_typed.CreateFlowRequest",
    "execution models": "appflow_typed.DescribeFlowExecutionRecordsResponse",
    "entity models": "appflow_typed.ListConnectorEntitiesResponse",
    "tag models": "appflow_typed.TagResourceRequest",
    "the converter (cattrs)": "appflow_typed.from_boto",
    "the client (tenacity, our call path)": "appflow_typed.AppFlowClient",
}


def _first_use_costs(env: dict[str, str]) -> dict[str, int]:
    """What each part adds when first used, in that order, after ``import boto3``."""
    steps = "; ".join(
        f"t = time.perf_counter_ns(); {statement}; out[{what!r}] = time.perf_counter_ns() - t"
        for what, statement in FIRST_USES.items()
    )
    code = f"import json, time, boto3; out = {{}}; {steps}; print(json.dumps(out))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    costs: dict[str, int] = json.loads(out)
    return costs


def import_rows(settings: Settings) -> tuple[list[Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="appflow-typed-bench-pyc-") as cache:
        env = _import_env(cache)
        sides: list[tuple[str, list[int]]] = [
            (IMPORT_OURS, []),
            (IMPORT_ALL, []),
            (IMPORT_BOTO3, []),
        ]
        for statement, _ in sides:
            _import_ns(statement, env)  # writes the bytecode, warms the file system cache
        for run in range(settings.import_runs):
            for statement, samples in sides if run % 2 == 0 else reversed(sides):
                samples.append(_import_ns(statement, env))
        ours = paired([float(t) for t in sides[0][1]], [float(t) for t in sides[2][1]])
        everything = paired([float(t) for t in sides[1][1]], [float(t) for t in sides[2][1]])
        rows = [
            target_row(
                "`import boto3, appflow_typed` vs `import boto3` (fresh interpreter, in-process timer)",
                _us(ours.ours),
                f"{_us(ours.base)} (boto3)",
                ours.ratio,
                1.15,
            ),
            Row(
                "the same, then every part loaded on first use: the client, the converter, all "
                "seven model groups",
                _us(everything.ours),
                f"{_us(everything.base)} (boto3)",
                everything.ratio,
                "(shown for reference)",
                None,
            ),
        ]
        runs = [_first_use_costs(env) for _ in range(settings.import_runs)]
    notes = [
        "What each part adds on first use after `import boto3` (medians, fresh interpreters):",
        "",
        "| part | first use |",
        "|---|---:|",
        *(
            f"| {what} | {statistics.median(run[what] for run in runs) / 1e6:.1f} ms |"
            for what in FIRST_USES
        ),
    ]
    return rows, notes


# --- row 5: the first request of a fresh interpreter ----------------------------------------

# Each program times itself from its first statement: imports, the client, one call whose
# request is validated (by the models, or by botocore), answered by the local endpoint.
# argv: the endpoint's URL and a connector label of its own.
FIRST_REQUEST_OURS = """\
import time; t = time.perf_counter_ns()
import sys, appflow_typed
from appflow_typed.models import ConnectorProvisioningConfig, LambdaConnectorProvisioningConfig
client = appflow_typed.AppFlowClient(endpoint_url=sys.argv[1])
client.register_connector(
    connector_label=sys.argv[2],
    connector_provisioning_type="LAMBDA",
    connector_provisioning_config=ConnectorProvisioningConfig(
        lambda_=LambdaConnectorProvisioningConfig(lambda_arn=sys.argv[3])
    ),
)
print(time.perf_counter_ns() - t)
"""
FIRST_REQUEST_BOTO3 = """\
import time; t = time.perf_counter_ns()
import sys, boto3
client = boto3.client("appflow", endpoint_url=sys.argv[1])
client.register_connector(
    connectorLabel=sys.argv[2],
    connectorProvisioningType="LAMBDA",
    connectorProvisioningConfig={"lambda": {"lambdaArn": sys.argv[3]}},
)
print(time.perf_counter_ns() - t)
"""
FIRST_REQUEST_DEPENDENCIES = FIRST_REQUEST_BOTO3.replace(
    "import sys, boto3\n",
    "import sys, boto3\nimport attrs, cattrs, tenacity, typing_extensions\ncattrs.Converter()\n",
)
"""Raw boto3's first request after importing the runtime dependencies appflow-typed requires
(and making one cattrs converter, as it does): the floor of any first request of ours."""
FIRST_REQUEST_TARGET = 1.2


def first_request_rows(settings: Settings, endpoint: Endpoint) -> list[Row]:
    """Import, client and one validated RegisterConnector in a fresh interpreter, each side
    with its own new connector label; bytecode cached as for the import rows. In the same
    rounds, raw boto3's with the runtime dependencies imported first: what the dependencies
    cost, and what our own code adds to them."""
    labels = (f"first_{i}" for i in itertools.count())
    with tempfile.TemporaryDirectory(prefix="appflow-typed-bench-pyc-") as cache:
        env = {
            **_import_env(cache),
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": endpoint.region,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "NO_PROXY": "127.0.0.1,localhost",
        }
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)

        def run(program: str) -> float:
            argv = [sys.executable, "-c", program, endpoint.url, next(labels), LAMBDA_ARN]
            out = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)
            return float(out.stdout)

        sides: list[tuple[str, list[float]]] = [
            (FIRST_REQUEST_OURS, []),
            (FIRST_REQUEST_BOTO3, []),
            (FIRST_REQUEST_DEPENDENCIES, []),
        ]
        for program, _ in sides:
            run(program)  # writes the bytecode, warms the file system cache
        for round_ in range(settings.import_runs):
            for program, samples in sides if round_ % 2 == 0 else reversed(sides):
                samples.append(run(program))
    ours, boto3_, floor = (samples for _, samples in sides)
    what = "first request of a fresh interpreter: import, client, one validated RegisterConnector"
    deps = paired(floor, boto3_)
    over = paired(ours, floor)
    return [
        time_row(what, paired(ours, boto3_), FIRST_REQUEST_TARGET, "boto3"),
        Row(
            "the floor: raw boto3's, after importing the required runtime dependencies (attrs, "
            "cattrs, tenacity, typing-extensions)",
            _us(deps.ours),
            f"{_us(deps.base)} (boto3)",
            deps.ratio,
            "(shown for reference)",
            None,
        ),
        Row(
            "ours over that floor: what appflow-typed's own code adds to a first request",
            _us(over.ours),
            f"{_us(over.base)} (boto3 + dependencies)",
            over.ratio,
            "(shown for reference)",
            None,
        ),
    ]


# --- row 8: AsyncAppFlowClient -----------------------------------------------------------


def async_rows(settings: Settings) -> list[Row]:
    """``benchmarks/async_throughput.py``'s rows, against an endpoint of their own; skipped
    (one row saying so) without the async extra."""
    try:
        import aiobotocore  # noqa: F401  (only whether it is installed)
    except ImportError:
        return [
            Row(
                'skipped: needs the async extra (pip install -e ".[async,dev]")',
                "—",
                "—",
                float("nan"),
                f"≥ {async_throughput.TARGET}x",
                None,
            )
        ]
    child, url = async_throughput._start_endpoint()
    try:
        measured = asyncio.run(async_throughput._measure(url, rounds=settings.async_rounds))
    finally:
        child.terminate()
        child.wait(timeout=10)
    return [
        Row(
            f"{async_throughput.CONCURRENCY} concurrent {name} through AsyncAppFlowClient",
            f"{ours:.0f} calls/s",
            f"{raw:.0f} calls/s (aiobotocore)",
            ratio,
            f"≥ {async_throughput.TARGET}x",
            ratio >= async_throughput.TARGET,
        )
        for name, ours, raw, ratio in measured
    ]


# --- report -------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def header(quick: bool) -> list[str]:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("boto3", "botocore", "attrs", "cattrs", "pydantic")
    )
    return [
        f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
        + ("  (--quick: smoke run, not for quoting)" if quick else ""),
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()} ({platform.python_implementation()}); {versions}",
        "",
    ]


RESULT = {True: "pass", False: "**MISS**", None: "—"}

LEGEND = [
    "Each row times *ours* and a *baseline* doing the same thing, side by side in this run",
    "(alternating batches; each side's median; the ratio is the median of the rounds' own",
    "ratios, so that load from elsewhere slows both sides of a round alike). ratio = ours /",
    "baseline: below 1 is faster than the baseline, except for throughput (calls/s), where",
    "above 1 is faster. A row passes when its ratio meets its target.",
]


def table(sections: list[tuple[str, str, list[Row]]]) -> list[str]:
    lines = [
        "| # | what | ours | baseline | ratio | target | result |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for number, (_, title, rows) in enumerate(sections, start=1):
        lines.append(f"| **{number}** | **{title}** | | | | | |")
        for row in rows:
            lines.append(
                f"| {number} | {row.what} | {row.ours} | {row.baseline} | "
                f"{row.ratio:.2f}x | {row.target} | {RESULT[row.met]} |".replace("nanx", "—")
            )
    return lines


def summary(sections: list[tuple[str, str, list[Row]]]) -> str:
    judged = [
        (number, row)
        for number, (_, _, rows) in enumerate(sections, start=1)
        for row in rows
        if row.met is not None
    ]
    missed = [
        f"{number}: {row.what} ({row.ratio:.2f}x, target {row.target})"
        for number, row in judged
        if not row.met
    ]
    if not judged:
        return "No row with a target was run."
    if not missed:
        return f"All {len(judged)} targets met."
    return f"{len(judged) - len(missed)} of {len(judged)} targets met; missed:\n" + "\n".join(
        f"- {line}" for line in missed
    )


SECTIONS = {
    "model": "model work (validate + build + dump) vs botocore's validate + serialize",
    "client": "a call through AppFlowClient vs the same call on raw boto3 (local endpoint)",
    "import": "`import boto3, appflow_typed` vs `import boto3` (fresh interpreters)",
    "first": "the first request of a fresh interpreter vs raw boto3's",
    "pydantic": "the models vs equivalent pydantic v2 models",
    "load": "16 threads sharing one client vs one boto3 client",
    "guard": "a call through a guard()ed boto3 client vs an unguarded one",
    "async": "concurrent calls through AsyncAppFlowClient vs raw aiobotocore: throughput",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run (fewer rounds)")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SECTIONS),
        help="run only this section (repeatable); default: all",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    settings = QUICK if args.quick else FULL
    wanted = set(args.only or SECTIONS)
    os.environ.update(  # dummy credentials for every client of this process and its children
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    check_cases()
    started = time.monotonic()
    rows: dict[str, list[Row]] = {}
    notes: list[str] = []
    if wanted & {"model", "pydantic"}:
        rows["model"], rows["pydantic"] = model_rows(settings)
    if wanted & {"client", "first", "load", "guard"}:
        with local_endpoint() as endpoint:
            setup = endpoint.raw_client()
            setup.register_connector(
                connectorLabel=LABEL,
                connectorProvisioningType="LAMBDA",
                connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
            )
            if "client" in wanted:
                rows["client"] = e2e_rows(settings, endpoint)
            if "first" in wanted:
                rows["first"] = first_request_rows(settings, endpoint)
            if "load" in wanted:
                rows["load"] = [load_row(settings, endpoint)]
            if "guard" in wanted:
                rows["guard"] = guard_rows(settings, endpoint)
    if "import" in wanted:
        rows["import"], notes = import_rows(settings)
    if "async" in wanted:
        rows["async"] = async_rows(settings)
    sections = [(key, title, rows[key]) for key, title in SECTIONS.items() if key in wanted]
    lines = [*header(args.quick), *LEGEND, "", *table(sections), "", summary(sections)]
    if notes:
        lines += ["", *notes]
    lines += ["", f"({time.monotonic() - started:.0f} s)"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
