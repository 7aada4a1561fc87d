"""pytest plugin: fixtures for the local AppFlow endpoint.

Registered through the ``pytest11`` entry point. Importing it is cheap: the endpoint (and
boto3) are imported when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_appflow import AppflowClient

    from appflow_typed.testing import LocalAppFlow


@pytest.fixture
def appflow_endpoint() -> Iterator[LocalAppFlow]:
    """A running :class:`~appflow_typed.testing.LocalAppFlow`, fresh for each test and stopped
    after it (region ``us-east-1``, account ``123456789012``, real-time clock)."""
    from appflow_typed.testing import LocalAppFlow

    with LocalAppFlow() as endpoint:
        yield endpoint


@pytest.fixture
def appflow_client(appflow_endpoint: LocalAppFlow) -> Iterator[AppflowClient]:
    """A boto3 ``appflow`` client talking to the ``appflow_endpoint`` fixture, with dummy
    credentials and botocore's default retries; closed after the test."""
    client = appflow_endpoint.client()
    yield client
    client.close()
