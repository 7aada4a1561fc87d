"""Runs of flows: DescribeFlowExecutionRecords, CancelFlowExecutions, and the run controls
tests use (held runs, failures asked for, scheduled runs on demand)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, ClassVar

import attrs

from appflow_typed.testing._resources._common import (
    RUNNING,
    ApiError,
    Body,
    Context,
    Family,
    Json,
)
from appflow_typed.testing._resources._paging import Pages

if TYPE_CHECKING:
    from appflow_typed.testing._resources.entities import Volume
    from appflow_typed.testing._resources.flows import StoredFlow

__all__ = ["Runs", "StoredExecution"]


@attrs.frozen(kw_only=True)
class StoredExecution:
    """One run of a flow."""

    execution_id: str
    """The ``executionId`` StartFlow answered."""

    flow_name: str
    """The flow it ran."""

    status: str
    """The ``ExecutionStatus``: ``InProgress``, ``Successful``, ``Error``, ``CancelStarted``
    or ``Canceled``."""

    message: str | None
    """The ``executionMessage`` of a failed run."""

    started_at: float
    """The endpoint's clock when it started."""

    last_updated_at: float
    """The endpoint's clock at its last status change."""

    records_processed: int = 0
    """``recordsProcessed``: the source entity's records once the run succeeded, else 0."""

    bytes_processed: int = 0
    """``bytesProcessed``: the size of the records read (JSON), once the run succeeded."""

    bytes_written: int = 0
    """``bytesWritten``: the size of the records written (the fields a projection keeps),
    once the run succeeded."""


class Runs(Family):
    """Every run of every flow still there, in the order started, and the run controls."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "DescribeFlowExecutionRecords": "_describe_records",
        "CancelFlowExecutions": "_cancel",
    }

    def __init__(
        self,
        context: Context,
        pages: Pages,
        *,
        find_flow: Callable[[str], StoredFlow],
        measure: Callable[[StoredFlow], Volume],
    ) -> None:
        """``find_flow(name)`` is the flow ``name`` or raises ``ResourceNotFoundException``;
        ``measure(flow)`` is what a successful run of it reads and writes."""
        self._context = context
        self._pages = pages
        self._find_flow = find_flow
        self._measure = measure
        self.records: dict[str, StoredExecution] = {}
        self.hold = False
        """While set, new runs stay ``InProgress`` until :meth:`finish`."""
        self._failures: dict[str, list[str]] = {}
        self._held_failures: dict[str, str] = {}

    def clear(self) -> None:
        """Forget every run and the run controls."""
        self.records.clear()
        self.hold = False
        self._failures.clear()
        self._held_failures.clear()

    def of(self, flow_name: str) -> list[StoredExecution]:
        """The runs of ``flow_name``, in the order started."""
        return [e for e in self.records.values() if e.flow_name == flow_name]

    def running(self, flow_name: str) -> list[StoredExecution]:
        """The runs of ``flow_name`` that have not ended."""
        return [e for e in self.of(flow_name) if e.status in RUNNING]

    def forget(self, flow_name: str) -> None:
        """Drop the runs and the failures asked for of a deleted flow."""
        for run in self.of(flow_name):
            del self.records[run.execution_id]
            self._held_failures.pop(run.execution_id, None)
        self._failures.pop(flow_name, None)

    def start(self, flow: StoredFlow) -> StoredExecution:
        """Record a run of ``flow``: ``Error`` with the message a test asked for, else
        ``Successful``; while runs are held, ``InProgress`` until finished, the failure asked
        for kept until then."""
        now = self._context.clock()
        failures = self._failures.get(flow.name)
        message = failures.pop(0) if failures else None
        if failures == []:
            del self._failures[flow.name]
        execution_id = str(uuid.uuid4())
        if self.hold:
            status = "InProgress"
            if message is not None:
                self._held_failures[execution_id] = message
                message = None
        else:
            status = "Successful" if message is None else "Error"
        run = StoredExecution(
            execution_id=execution_id,
            flow_name=flow.name,
            status=status,
            message=message,
            started_at=now,
            last_updated_at=now,
        )
        if status == "Successful":
            run = self._counted(run, flow)
        self.records[run.execution_id] = run
        return run

    def _counted(self, run: StoredExecution, flow: StoredFlow) -> StoredExecution:
        volume = self._measure(flow)
        return attrs.evolve(
            run,
            records_processed=volume.records,
            bytes_processed=volume.bytes_read,
            bytes_written=volume.bytes_written,
        )

    def last_details(self, flow_name: str) -> Json | None:
        """The ``lastRunExecutionDetails`` of a flow (``None`` before its first run)."""
        runs = self.of(flow_name)
        if not runs:
            return None
        last = runs[-1]
        details: Json = {
            "mostRecentExecutionTime": last.started_at,
            "mostRecentExecutionStatus": last.status,
        }
        if last.message is not None:
            details["mostRecentExecutionMessage"] = last.message
        return details

    @staticmethod
    def _record(run: StoredExecution, flow: StoredFlow) -> Json:
        """An ``ExecutionRecord``. ``numParallelProcesses`` is 1 unless the source asks for
        more (SAP OData's ``parallelismConfig.maxParallelism``); ``maxPageSize`` ("the maximum
        number of records that Amazon AppFlow receives in each page of the response from your
        SAP application") is reported when a SAP OData source sets
        ``paginationConfig.maxPageSize``."""
        result: Json = {
            "bytesProcessed": run.bytes_processed,
            "bytesWritten": run.bytes_written,
            "recordsProcessed": run.records_processed,
            "numParallelProcesses": 1,
        }
        sap = flow.source_flow_config["sourceConnectorProperties"].get("SAPOData")
        if isinstance(sap, Mapping):
            parallelism = (sap.get("parallelismConfig") or {}).get("maxParallelism")
            if isinstance(parallelism, int):
                result["numParallelProcesses"] = parallelism
            page_size = (sap.get("paginationConfig") or {}).get("maxPageSize")
            if isinstance(page_size, int):
                result["maxPageSize"] = page_size
        if run.message is not None:
            result["errorInfo"] = {"putFailuresCount": 0, "executionMessage": run.message}
        record: Json = {
            "executionId": run.execution_id,
            "executionStatus": run.status,
            "executionResult": result,
            "startedAt": run.started_at,
            "lastUpdatedAt": run.last_updated_at,
            "dataPullStartTime": run.started_at,
        }
        if run.status not in RUNNING:
            record["dataPullEndTime"] = run.last_updated_at
        return record

    def _describe_records(self, body: Body, token: str | None) -> Json:
        """The flow's runs, the most recent first."""
        flow = self._find_flow(body["flowName"])
        return self._pages.answer(
            "DescribeFlowExecutionRecords", "flowExecutions", self.of(flow.name)[::-1], body,
            lambda run: self._record(run, flow),
        )

    def _cancel(self, body: Body, token: str | None) -> Json:
        """AWS: "You can cancel a flow run only when the run is in progress. You can't cancel a
        run that has already completed or failed"; without ``executionIds`` "your request ends
        all active runs that belong to the flow". The IDs that cannot be canceled (unknown,
        of another flow, ended) are the ``invalidExecutions``. "When you send your request,
        the status for each run becomes CancelStarted. When the cancellation completes, the
        status becomes Canceled": while runs are held the run stays ``CancelStarted`` until
        the test finishes it; otherwise the cancellation completes at once."""
        flow = self._find_flow(body["flowName"])
        ids = body.get("executionIds")
        runs = {e.execution_id: e for e in self.of(flow.name)}
        if ids is None:
            ids = [i for i, e in runs.items() if e.status == "InProgress"]
        invalid: list[str] = []
        now = self._context.clock()
        for execution_id in ids:
            run = runs.get(execution_id)
            if run is None or run.status != "InProgress":
                invalid.append(execution_id)
                continue
            status = "CancelStarted" if self.hold else "Canceled"
            self.records[execution_id] = attrs.evolve(run, status=status, last_updated_at=now)
        self._context.effect("CancelFlowExecutions", flow.name, token)
        return {"invalidExecutions": invalid}

    # -- run controls (LocalAppFlow's) ------------------------------------------------------

    def fail_next(self, flow_name: str, message: str) -> None:
        """Make the next run of ``flow_name`` end in ``Error`` with ``message``."""
        self._failures.setdefault(flow_name, []).append(message)

    def finish(self, execution_id: str, message: str | None) -> StoredExecution:
        """End a held run: ``Canceled`` if a cancel started, else ``Error`` with ``message``
        (or the failure asked for before it started), else ``Successful``.

        Raises:
            ValueError: No run in progress has this ID.
        """
        run = self.records.get(execution_id)
        if run is None or run.status not in RUNNING:
            raise ValueError(f"no run in progress has executionId {execution_id!r}")
        asked = self._held_failures.pop(execution_id, None)
        if message is None:
            message = asked
        if run.status == "CancelStarted":
            status, message = "Canceled", None
        else:
            status = "Successful" if message is None else "Error"
        ended = attrs.evolve(
            run, status=status, message=message, last_updated_at=self._context.clock()
        )
        if status == "Successful":
            ended = self._counted(ended, self._find_flow(run.flow_name))
        self.records[execution_id] = ended
        return ended

    def run_now(self, flow_name: str) -> StoredExecution:
        """Run an active flow as its schedule or event would.

        Raises:
            ValueError: No such flow, or it is not ``Active``.
        """
        try:
            flow = self._find_flow(flow_name)
        except ApiError:
            raise ValueError(f"no flow is named {flow_name!r}") from None
        if flow.status != "Active":
            raise ValueError(f"flow {flow_name!r} is {flow.status}, not Active")
        return self.start(flow)
