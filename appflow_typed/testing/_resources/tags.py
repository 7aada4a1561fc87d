"""Tags: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar

from appflow_typed.testing._resources._common import ApiError, Body, Context, Family, Json

__all__ = ["MAX_TAGS", "Tags"]

MAX_TAGS = 50
"""Tags per resource: the model's ``TagMap`` holds at most 50."""


class Tags(Family):
    """The tags of each tagged resource, by ARN."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "TagResource": "_tag",
        "UntagResource": "_untag",
        "ListTagsForResource": "_list",
    }

    def __init__(self, context: Context, *, owned: Callable[[], Iterable[str]]) -> None:
        """``owned()`` gives the ARNs of every resource the endpoint holds."""
        self._context = context
        self._owned = owned
        self.records: dict[str, dict[str, str]] = {}

    def of(self, arn: str) -> dict[str, str]:
        """A copy of the tags of ``arn`` (empty when it has none)."""
        return dict(self.records.get(arn, {}))

    def set(self, arn: str, tags: Mapping[str, str]) -> None:
        """Give a new resource its tags (CreateFlow's ``tags``)."""
        if tags:
            self.records[arn] = dict(tags)

    def drop(self, arn: str) -> None:
        """Forget the tags of a deleted resource."""
        self.records.pop(arn, None)

    def _resource(self, arn: str) -> str:
        if arn not in set(self._owned()):
            raise ApiError("ResourceNotFoundException", f"Resource {arn} does not exist.")
        return arn

    def _tag(self, body: Body, token: str | None) -> Json:
        """Tags on any ARN the endpoint owns (connector, connector profile, flow); a key
        already there takes the new value. More than 50 tags on a resource (the model's
        ``TagMap`` limit) is a ``ValidationException``."""
        arn = self._resource(body["resourceArn"])
        merged = {**self.records.get(arn, {}), **body["tags"]}
        if len(merged) > MAX_TAGS:
            raise ApiError(
                "ValidationException",
                f"A resource can have at most {MAX_TAGS} tags; this request would give "
                f"{arn} {len(merged)}.",
            )
        self.records[arn] = merged
        self._context.effect("TagResource", arn, token)
        return {}

    def _untag(self, body: Body, token: str | None) -> Json:
        """Keys the resource does not have are ignored."""
        arn = self._resource(body["resourceArn"])
        remaining = {
            k: v for k, v in self.records.get(arn, {}).items() if k not in body["tagKeys"]
        }
        if remaining:
            self.records[arn] = remaining
        else:
            self.records.pop(arn, None)
        self._context.effect("UntagResource", arn, token)
        return {}

    def _list(self, body: Body, token: str | None) -> Json:
        return {"tags": self.of(self._resource(body["resourceArn"]))}
