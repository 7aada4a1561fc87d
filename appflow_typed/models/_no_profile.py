"""The connector types used without a connector profile: one table, read by the request
rules (:mod:`appflow_typed.models._rules`) and by the local endpoint
(:mod:`appflow_typed.testing`)."""

from __future__ import annotations

from typing import Final

__all__ = ["CONNECTORS_WITHOUT_PROFILE"]

# API reference, ResetConnectorMetadataCache: connectorType "You must include this parameter
# in your request if you're resetting the cache for any of the following connectors: Connect
# Customer, Amazon EventBridge, Amazon Lookout for Metrics, Amazon S3, or Upsolver";
# connectorProfileName "You can omit this parameter if you're resetting the cache for any of
# the following connectors: [the same five]. If you're resetting the cache for any other
# connector, you must include this parameter in your request." Amazon Connect's (Customer
# Profiles') connector type is ``CustomerProfiles``.
CONNECTORS_WITHOUT_PROFILE: Final = frozenset(
    {"CustomerProfiles", "EventBridge", "LookoutMetrics", "S3", "Upsolver"}
)
"""Connector types used without a connector profile (ResetConnectorMetadataCache names them)."""
