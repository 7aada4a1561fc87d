"""Shared fixtures and sample requests for the local endpoint's tests."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.config import Config
from mypy_boto3_appflow import AppflowClient
from mypy_boto3_appflow.type_defs import ConnectorProfileConfigTypeDef

from appflow_typed.testing import LocalAppFlow

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector"
SECRET = "s3cr3t-V4LUE-never-shown"


@pytest.fixture
def endpoint(appflow_endpoint: LocalAppFlow) -> LocalAppFlow:
    """The plugin's endpoint, under a short name."""
    return appflow_endpoint


@pytest.fixture
def client(appflow_client: AppflowClient) -> AppflowClient:
    """The plugin's client (botocore's default retries)."""
    return appflow_client


@pytest.fixture
def once(appflow_endpoint: LocalAppFlow) -> Iterator[AppflowClient]:
    """A client that makes exactly one attempt per call: faults show as they are."""
    client = appflow_endpoint.client(config=Config(retries={"total_max_attempts": 1}))
    yield client
    client.close()


@pytest.fixture
def unchecked(appflow_endpoint: LocalAppFlow) -> Iterator[AppflowClient]:
    """A client without botocore's own parameter validation: the endpoint's is all there is."""
    client = appflow_endpoint.client(config=Config(parameter_validation=False))
    yield client
    client.close()


def register(client: AppflowClient, label: str, **extra: Any) -> str:
    """Register a Lambda connector; return its ARN."""
    response = client.register_connector(
        connectorLabel=label,
        connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        **extra,
    )
    return response["connectorArn"]


def salesforce_config(secret: str = SECRET) -> ConnectorProfileConfigTypeDef:
    """A Salesforce ``connectorProfileConfig`` with credentials."""
    return {
        "connectorProfileProperties": {
            "Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}
        },
        "connectorProfileCredentials": {
            "Salesforce": {"accessToken": secret, "refreshToken": secret}
        },
    }


def custom_config(secret: str = SECRET) -> ConnectorProfileConfigTypeDef:
    """A ``CustomConnector`` ``connectorProfileConfig`` with API-key credentials."""
    return {
        "connectorProfileProperties": {
            "CustomConnector": {"profileProperties": {"region": "eu-west-1"}}
        },
        "connectorProfileCredentials": {
            "CustomConnector": {"authenticationType": "APIKEY", "apiKey": {"apiKey": secret}}
        },
    }


def create_profile(client: AppflowClient, name: str, connector_label: str | None = None) -> str:
    """Create a profile (a custom connector's one when ``connector_label`` is given)."""
    if connector_label is None:
        response = client.create_connector_profile(
            connectorProfileName=name,
            connectorType="Salesforce",
            connectionMode="Public",
            connectorProfileConfig=salesforce_config(),
        )
    else:
        response = client.create_connector_profile(
            connectorProfileName=name,
            connectorType="CustomConnector",
            connectorLabel=connector_label,
            connectionMode="Public",
            connectorProfileConfig=custom_config(),
        )
    return response["connectorProfileArn"]


def post(
    endpoint: LocalAppFlow,
    path: str,
    body: bytes | Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
    method: str = "POST",
) -> tuple[int, dict[str, str], dict[str, Any]]:
    """A raw (unsigned) HTTP request; returns status, lower-cased headers and JSON body."""
    parts = urlsplit(endpoint.url)
    assert parts.hostname is not None
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        conn.request(method, path, body=payload,
                     headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        raw = response.read()
        found_headers = {k.lower(): v for k, v in response.getheaders()}
        return response.status, found_headers, json.loads(raw) if raw else {}
    finally:
        conn.close()
