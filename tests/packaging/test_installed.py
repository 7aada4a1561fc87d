"""What an installed appflow-typed provides: run against the built wheel by CI (``.ci/run``).

CI copies this file to an empty directory and runs it there with a fresh environment that
has only the wheel, its dependencies and pytest, with ``APPFLOW_TYPED_EXPECT_INSTALLED=1``,
so the package imported is the installed one. In the development checkout it runs too,
against the editable install. It uses nothing from the tests package.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import appflow_typed

if TYPE_CHECKING:
    from mypy_boto3_appflow import AppflowClient

    from appflow_typed.testing import LocalAppFlow

PACKAGE_DIR = Path(appflow_typed.__file__).resolve().parent
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector"


@pytest.mark.skipif(
    os.environ.get("APPFLOW_TYPED_EXPECT_INSTALLED") != "1",
    reason="checks the wheel's install (set APPFLOW_TYPED_EXPECT_INSTALLED=1)",
)
def test_the_package_is_imported_from_the_install() -> None:
    assert "site-packages" in PACKAGE_DIR.parts
    assert not (PACKAGE_DIR.parent / "pyproject.toml").exists()


def test_the_version_is_the_distribution_version() -> None:
    assert appflow_typed.__version__ == importlib.metadata.version("appflow-typed")


def test_it_ships_its_typing_marker_and_license() -> None:
    assert (PACKAGE_DIR / "py.typed").is_file()
    distribution = importlib.metadata.distribution("appflow-typed")
    assert distribution.metadata["License-Expression"] == "Apache-2.0"
    licenses = [f for f in distribution.files or [] if f.name == "LICENSE"]
    assert licenses
    assert "Apache License" in licenses[0].read_text()


def test_its_pytest_fixtures_serve_a_guarded_client(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = appflow_typed.guard(appflow_client)
    with pytest.raises(appflow_typed.ValidationError):
        client.unregister_connector(connectorLabel="not a label")
    client.register_connector(
        connectorLabel="acme_crm",
        connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
    )
    assert list(appflow_endpoint.connectors) == ["acme_crm"]
    assert [r.operation for r in appflow_endpoint.requests] == ["RegisterConnector"]


def test_its_console_script_runs() -> None:
    script = Path(sys.executable).with_name("appflow-typed")
    version = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=True, timeout=60
    )
    assert version.stdout.split() == ["appflow-typed", appflow_typed.__version__]
    check = subprocess.run(
        [str(script), "validate", "--operation", "list-connectors", "-"],
        input='{"maxResults": 0}',
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 1
    assert check.stdout.startswith("<stdin>:1:2: error: maxResults: ")
