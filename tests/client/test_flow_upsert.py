"""create_or_update_flow against the local endpoint: created, unchanged, updated with the paths
that changed, tags, kmsArn, races with another writer, lost responses, one token per write."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import attrs
import pytest

from appflow_typed import CreateFlowRequest, from_boto, testing, to_boto
from appflow_typed._client import AppFlowClient
from appflow_typed._retry import Attempt
from appflow_typed._upsert import UpsertResult, flow_changes
from appflow_typed.errors import (
    AppflowTypedError,
    ConflictError,
    ReplacementRequiredError,
    ResourceNotFoundError,
)
from appflow_typed.models import DescribeFlowResponse, ScheduledTriggerProperties
from tests.client._helpers import SCHEDULE_START, fast_policy, flow_request, own_client

KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PARIS = datetime.timezone(datetime.timedelta(hours=1))
OTHER_KMS = "arn:aws:kms:us-east-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture
def client(endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    with own_client(endpoint) as appflow:
        yield appflow


def writes(endpoint: testing.LocalAppFlow) -> list[str]:
    """The operations of the committed state changes, in order."""
    return [e.operation for e in endpoint.effects]


def sent(endpoint: testing.LocalAppFlow, operation: str) -> list[testing.ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == operation]


def after(operation: str, action: Callable[[], object]) -> Callable[[Attempt], None]:
    """An ``on_attempt`` hook: run ``action`` (another writer) once, after ``operation``."""
    done: list[bool] = []

    def hook(attempt: Attempt) -> None:
        if attempt.operation == operation and not done:
            done.append(True)
            action()

    return hook


def racing_client(client: AppFlowClient, hook: Callable[[Attempt], None]) -> AppFlowClient:
    return client.with_options(retry=attrs.evolve(fast_policy(), on_attempt=hook))


def test_an_absent_flow_is_created(endpoint: testing.LocalAppFlow, client: AppFlowClient) -> None:
    outcome = client.create_or_update_flow(flow_request("orders", tags={"team": "sales"}))

    assert outcome.action == "created"
    assert outcome.arn == endpoint.flows["orders"].arn
    assert (outcome.changed, outcome.attempts, outcome.fell_back) == ((), 1, False)
    [create] = endpoint.effects
    assert (create.operation, create.client_token) == ("CreateFlow", outcome.client_token)
    assert endpoint.tags[outcome.arn] == {"team": "sales"}


def test_the_same_flow_is_unchanged(endpoint: testing.LocalAppFlow, client: AppFlowClient) -> None:
    desired = flow_request("orders", scheduled=True, tags={"team": "sales"})
    client.create_or_update_flow(desired)

    outcome = client.create_or_update_flow(desired)

    assert outcome == UpsertResult(action="unchanged", arn=endpoint.flows["orders"].arn)
    assert writes(endpoint) == ["CreateFlow"]
    assert sent(endpoint, "UpdateFlow") == sent(endpoint, "TagResource") == []


def test_a_schedule_time_is_compared_as_a_time(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    """A UTC time on create, the same instant in another time zone on the re-run: no change;
    an hour later: a change."""
    desired = flow_request("orders", scheduled=True)
    client.create_or_update_flow(desired)
    trigger = desired.trigger_config
    assert trigger.trigger_properties is not None
    assert trigger.trigger_properties.scheduled is not None
    as_text = attrs.evolve(
        desired,
        trigger_config=attrs.evolve(
            trigger,
            trigger_properties=attrs.evolve(
                trigger.trigger_properties,
                scheduled=ScheduledTriggerProperties(
                    schedule_expression="rate(1hours)",
                    schedule_start_time=SCHEDULE_START.astimezone(PARIS),
                ),
            ),
        ),
    )

    assert client.create_or_update_flow(as_text).action == "unchanged"
    later = attrs.evolve(
        as_text,
        trigger_config=attrs.evolve(
            as_text.trigger_config,
            trigger_properties=attrs.evolve(
                trigger.trigger_properties,
                scheduled=ScheduledTriggerProperties(
                    schedule_expression="rate(1hours)",
                    schedule_start_time=SCHEDULE_START + datetime.timedelta(hours=1),
                ),
            ),
        ),
    )
    outcome = client.create_or_update_flow(later)
    assert outcome.changed == ("triggerConfig.triggerProperties.Scheduled.scheduleStartTime",)


@pytest.mark.parametrize("given", [1900000000, 1900000000.0, "2030-03-17T17:46:40Z"])
def test_a_schedule_time_as_botocore_takes_it_is_compared_as_a_time(given: object) -> None:
    """Epoch seconds or ISO 8601 text in the request (as from_boto reads an AWS-shaped file)
    against the datetime DescribeFlow returns."""
    wire = to_boto(flow_request("orders", scheduled=True))
    described = from_boto(DescribeFlowResponse, wire | {"flowStatus": "Draft"})
    scheduled = wire["triggerConfig"]["triggerProperties"]["Scheduled"]
    for start, changed in (
        (given, ()),
        (1900003600, ("triggerConfig.triggerProperties.Scheduled.scheduleStartTime",)),
    ):
        desired = from_boto(
            CreateFlowRequest,
            wire
            | {
                "triggerConfig": {
                    "triggerType": "Scheduled",
                    "triggerProperties": {"Scheduled": scheduled | {"scheduleStartTime": start}},
                }
            },
        )
        assert flow_changes(desired, described) == changed


def test_a_changed_flow_is_updated_with_the_paths_that_changed(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_or_update_flow(flow_request("orders"))

    outcome = client.create_or_update_flow(
        attrs.evolve(flow_request("orders", fields=("Id", "Total")), description="v2")
    )

    assert outcome.action == "updated"
    assert outcome.changed == ("description", "tasks[0].sourceFields[1]")
    assert writes(endpoint) == ["CreateFlow", "UpdateFlow"]
    assert endpoint.effects[-1].client_token == outcome.client_token
    stored = endpoint.flows["orders"]
    assert stored.description == "v2"
    assert stored.tasks[0]["sourceFields"] == ["Id", "Total"]


def test_a_member_left_out_is_not_a_change(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    """DescribeFlow returns members the request omitted (the service fills defaults): those
    are not compared, and an update leaves the description it omits."""
    client.create_or_update_flow(attrs.evolve(flow_request("orders"), description="kept"))

    assert client.create_or_update_flow(flow_request("orders")).action == "unchanged"
    assert endpoint.flows["orders"].description == "kept"


def test_given_tags_are_the_flows_whole_tag_set(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_or_update_flow(flow_request("orders", tags={"team": "sales", "env": "dev"}))
    arn = endpoint.flows["orders"].arn

    outcome = client.create_or_update_flow(
        flow_request("orders", tags={"team": "sales", "env": "prod", "cost": "42"})
    )
    trimmed = client.create_or_update_flow(flow_request("orders", tags={"team": "sales"}))
    untouched = client.create_or_update_flow(flow_request("orders"))

    assert (outcome.action, outcome.changed) == ("updated", ("tags",))
    assert (outcome.client_token, outcome.attempts) == (None, 0)  # TagResource takes no token
    assert trimmed.changed == ("tags",)
    assert untouched.action == "unchanged"  # no tags given: the flow's tags are left
    assert endpoint.tags[arn] == {"team": "sales"}
    assert writes(endpoint) == ["CreateFlow", "TagResource", "UntagResource"]  # no UpdateFlow
    [tag] = sent(endpoint, "TagResource")
    assert tag.body["tags"] == {"env": "prod", "cost": "42"}
    [untag] = sent(endpoint, "UntagResource")
    assert sorted(untag.body["tagKeys"]) == ["cost", "env"]


def test_tags_aws_reserved_are_never_removed() -> None:
    desired = flow_request("orders", tags={"team": "sales"})
    described = DescribeFlowResponse(
        flow_name="orders",
        trigger_config=desired.trigger_config,
        source_flow_config=desired.source_flow_config,
        destination_flow_config_list=desired.destination_flow_config_list,
        tasks=desired.tasks,
        tags={"team": "sales", "aws:cloudformation:stack-name": "orders-stack"},
    )
    assert flow_changes(desired, described) == ()


def test_another_kms_key_is_refused_before_any_write(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_or_update_flow(attrs.evolve(flow_request("orders"), kms_arn=KMS))

    same = client.create_or_update_flow(attrs.evolve(flow_request("orders"), kms_arn=KMS))
    left_out = client.create_or_update_flow(flow_request("orders"))
    with pytest.raises(ReplacementRequiredError, match="cannot change kmsArn") as raised:
        client.create_or_update_flow(
            attrs.evolve(flow_request("orders", fields=("Id",)), kms_arn=OTHER_KMS)
        )

    assert (same.action, left_out.action) == ("unchanged", "unchanged")
    assert (raised.value.resource, raised.value.paths) == ("orders", ("kmsArn",))
    assert writes(endpoint) == ["CreateFlow"]


def test_a_flow_created_meanwhile_is_described_again_and_updated(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    create_first = after(
        "DescribeFlow",
        lambda: client.create_flow(flow_request("orders", fields=("Id",), tags={"by": "other"})),
    )

    outcome = racing_client(client, create_first).create_or_update_flow(
        flow_request("orders", tags={"team": "sales"})
    )

    assert outcome.action == "updated"
    assert outcome.fell_back
    assert outcome.changed == ("tasks[0].sourceFields", "tags")
    assert [r.status for r in sent(endpoint, "CreateFlow")] == [200, 409]
    assert writes(endpoint) == ["CreateFlow", "UpdateFlow", "TagResource", "UntagResource"]
    assert endpoint.effects[1].client_token == outcome.client_token
    assert endpoint.flows["orders"].tasks[0]["sourceFields"] == ["Id", "Amount"]
    assert endpoint.tags[endpoint.flows["orders"].arn] == {"team": "sales"}


def test_a_flow_deleted_meanwhile_is_created(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_or_update_flow(flow_request("orders"))
    other = endpoint.client()
    delete_first = after("DescribeFlow", lambda: other.delete_flow(flowName="orders"))

    outcome = racing_client(client, delete_first).create_or_update_flow(
        flow_request("orders", fields=("Id",))
    )

    assert (outcome.action, outcome.fell_back) == ("created", True)
    assert [r.status for r in sent(endpoint, "UpdateFlow")] == [404]
    assert writes(endpoint) == ["CreateFlow", "DeleteFlow", "CreateFlow"]
    assert outcome.arn == endpoint.flows["orders"].arn
    assert endpoint.effects[-1].client_token == outcome.client_token
    other.close()


def test_a_flow_whose_tags_change_deleted_meanwhile_is_created(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_or_update_flow(flow_request("orders"))
    other = endpoint.client()
    delete_first = after("DescribeFlow", lambda: other.delete_flow(flowName="orders"))

    outcome = racing_client(client, delete_first).create_or_update_flow(
        flow_request("orders", tags={"team": "sales"})
    )

    assert (outcome.action, outcome.fell_back) == ("created", True)
    assert [r.status for r in sent(endpoint, "TagResource")] == [404]
    assert endpoint.tags[endpoint.flows["orders"].arn] == {"team": "sales"}
    other.close()


def test_a_conflict_that_is_no_race_is_raised(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    """A ConflictException on the create, yet no flow to describe: the conflict goes up."""
    endpoint.inject(
        testing.ServiceErrorFault(code="ConflictException", status=409, message="busy"),
        operation="CreateFlow",
    )

    with pytest.raises(ConflictError) as raised:
        client.create_or_update_flow(flow_request("orders"))

    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None
    assert "orders" not in endpoint.flows
    assert [r.operation for r in endpoint.requests] == [
        "DescribeFlow",
        "CreateFlow",
        "DescribeFlow",
    ]


@pytest.mark.parametrize("operation", ["CreateFlow", "UpdateFlow"])
def test_a_lost_write_response_is_applied_once(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, operation: str
) -> None:
    if operation == "UpdateFlow":
        client.create_or_update_flow(flow_request("orders", fields=("Id",)))
    endpoint.inject(testing.DropResponse(), operation=operation)

    outcome = client.create_or_update_flow(flow_request("orders"))

    assert outcome.attempts == 2
    assert [r.client_token for r in sent(endpoint, operation)] == [outcome.client_token] * 2
    assert writes(endpoint).count(operation) == 1


def test_each_write_has_its_own_token_and_a_given_one_goes_on_the_write_made(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    first = client.create_or_update_flow(flow_request("orders", fields=("Id",)))
    second = client.create_or_update_flow(flow_request("orders"))
    given = client.create_or_update_flow(
        attrs.evolve(flow_request("orders", fields=("Id",)), client_token="deploy-42")
    )

    tokens = [e.client_token for e in endpoint.effects]
    assert tokens == [first.client_token, second.client_token, "deploy-42"]
    assert len(set(tokens)) == 3
    assert given.client_token == "deploy-42"


def test_keyword_arguments_work_like_the_create(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = flow_request("orders")
    outcome = client.create_or_update_flow(
        flow_name="orders",
        trigger_config=desired.trigger_config,
        source_flow_config=desired.source_flow_config,
        destination_flow_config_list=desired.destination_flow_config_list,
        tasks=desired.tasks,
    )
    assert outcome.action == "created"
    assert client.create_or_update_flow(desired).action == "unchanged"


def test_errors_other_than_a_race_go_up(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(
        testing.ServiceErrorFault(code="AccessDeniedException", status=403, message="no"),
        operation="DescribeFlow",
    )
    with pytest.raises(AppflowTypedError) as raised:
        client.create_or_update_flow(flow_request("orders"))
    assert type(raised.value).__name__ == "AccessDeniedError"
    assert not isinstance(raised.value, ResourceNotFoundError)
    assert endpoint.effects == []
