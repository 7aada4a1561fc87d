"""Typed, locally validated models and a retry-safe client for Amazon AppFlow connectors."""

from appflow_typed.errors import ValidationError, Violation

__all__ = ["ValidationError", "Violation"]
