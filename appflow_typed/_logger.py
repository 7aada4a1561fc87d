"""The library's logger.

appflow-typed logs to ``logging.getLogger("appflow_typed")``: one DEBUG line per attempt,
one DEBUG line per retry decision, one INFO line per scheduled retry. Those lines carry
the operation, attempt number, clientToken, delay and error code, never request content.
"""

from __future__ import annotations

import logging

__all__ = ["LOGGER"]

LOGGER = logging.getLogger("appflow_typed")
"""The library's logger. A library adds no handlers of its own beyond a NullHandler."""
LOGGER.addHandler(logging.NullHandler())
