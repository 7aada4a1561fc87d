"""The standalone server with the real AWS CLI: register, list, describe and a conflict; a
whole flow lifecycle.

The CLI pins its own botocore, so it lives in its own virtual environment (``.ci/run`` makes
it); ``APPFLOW_TYPED_AWS_CLI`` names its ``aws`` executable. Without it the test is skipped
locally and fails in CI (``CI`` set).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.endpoint._serve import serving, stop

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector"


@pytest.fixture
def aws_cli() -> str:
    path = os.environ.get("APPFLOW_TYPED_AWS_CLI")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("CI is set but APPFLOW_TYPED_AWS_CLI (the aws executable) is not")
        pytest.skip("set APPFLOW_TYPED_AWS_CLI to an aws executable to run the AWS CLI test")
    if not os.access(path, os.X_OK):
        pytest.fail(f"APPFLOW_TYPED_AWS_CLI={path} is not an executable")
    return path


def cli_environment(tmp_path: Path) -> dict[str, str]:
    """The environment without the caller's AWS settings, with dummy credentials."""
    empty = tmp_path / "empty"
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(empty),
        "AWS_SHARED_CREDENTIALS_FILE": str(empty),
        "AWS_MAX_ATTEMPTS": "1",
        "NO_PROXY": "127.0.0.1",
    })
    return env


def test_the_aws_cli_against_the_standalone_server(aws_cli: str, tmp_path: Path) -> None:
    env = cli_environment(tmp_path)
    with serving() as (process, url):

        def aws(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [aws_cli, "appflow", *args, "--endpoint-url", url, "--output", "json"],
                env=env, capture_output=True, text=True, timeout=120, check=False,
            )

        def ok(*args: str) -> Any:
            result = aws(*args)
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout) if result.stdout.strip() else {}

        register = ("register-connector", "--connector-label", "cli_connector",
                    "--connector-provisioning-type", "LAMBDA",
                    "--connector-provisioning-config",
                    json.dumps({"lambda": {"lambdaArn": LAMBDA_ARN}}))
        arn = ok(*register)["connectorArn"]
        assert arn == "arn:aws:appflow:us-east-1:123456789012:connector/cli_connector"

        listed = ok("list-connectors")["connectors"]
        assert [c["connectorLabel"] for c in listed] == ["cli_connector"]

        described = ok("describe-connector", "--connector-type", "CustomConnector",
                       "--connector-label", "cli_connector")["connectorConfiguration"]
        assert described["connectorLabel"] == "cli_connector"

        conflict = aws(*register)
        assert conflict.returncode != 0
        assert "ConflictException" in conflict.stderr
        assert stop(process) == 0


def test_a_flow_lifecycle_through_the_aws_cli(aws_cli: str, tmp_path: Path) -> None:
    env = cli_environment(tmp_path)
    with serving() as (process, url):

        def aws(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [aws_cli, "appflow", *args, "--endpoint-url", url, "--output", "json"],
                env=env, capture_output=True, text=True, timeout=120, check=False,
            )

        def ok(*args: str) -> Any:
            result = aws(*args)
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout) if result.stdout.strip() else {}

        ok("create-connector-profile", "--connector-profile-name", "sf",
           "--connector-type", "Salesforce", "--connection-mode", "Public",
           "--connector-profile-config", json.dumps({"connectorProfileProperties": {
               "Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}}}))
        flow = ("--trigger-config", json.dumps({"triggerType": "OnDemand"}),
                "--source-flow-config", json.dumps({
                    "connectorType": "Salesforce", "connectorProfileName": "sf",
                    "sourceConnectorProperties": {"Salesforce": {"object": "Account"}}}),
                "--destination-flow-config-list", json.dumps([{
                    "connectorType": "S3",
                    "destinationConnectorProperties": {"S3": {"bucketName": "my-bucket"}}}]),
                "--tasks", json.dumps([{"sourceFields": ["Id"], "taskType": "Filter",
                                        "connectorOperator": {"Salesforce": "PROJECTION"}},
                                       {"sourceFields": ["Id"], "taskType": "Map",
                                        "destinationField": "Id",
                                        "connectorOperator": {"Salesforce": "NO_OP"}}]))
        created = ok("create-flow", "--flow-name", "cli-flow", *flow, "--tags", "team=data")
        assert created["flowStatus"] == "Active"
        execution = ok("start-flow", "--flow-name", "cli-flow")["executionId"]
        records = ok("describe-flow-execution-records", "--flow-name", "cli-flow")
        assert [r["executionId"] for r in records["flowExecutions"]] == [execution]
        arn = created["flowArn"]
        ok("untag-resource", "--resource-arn", arn, "--tag-keys", "team")
        assert ok("list-tags-for-resource", "--resource-arn", arn)["tags"] == {}
        conflict = aws("delete-connector-profile", "--connector-profile-name", "sf")
        assert "ConflictException" in conflict.stderr
        ok("delete-flow", "--flow-name", "cli-flow")
        ok("delete-connector-profile", "--connector-profile-name", "sf")
        assert ok("list-flows")["flows"] == []
        assert stop(process) == 0
