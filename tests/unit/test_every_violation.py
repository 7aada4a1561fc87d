"""Every violation at once: cross-field rules judged beside field errors, never twice, never
on a placeholder of an invalid subtree."""

from __future__ import annotations

from typing import Any

import pytest

from appflow_typed import (
    CreateConnectorProfileRequest,
    RegisterConnectorRequest,
    ValidationError,
    from_boto,
)
from appflow_typed.models import (
    CustomConnectorProfileCredentials,
    SalesforceConnectorProfileCredentials,
)

LAMBDA_NEEDED = ("connectorProvisioningConfig.lambda", "is required when connectorProvisioningType is LAMBDA")


def violations(call: Any, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return [(v.path, v.message) for v in info.value.violations]


def test_a_field_error_does_not_hide_a_rule_whose_inputs_are_valid() -> None:
    built = violations(RegisterConnectorRequest, connector_label="x", connector_provisioning_type="LAMBDA")
    parsed = violations(
        from_boto, RegisterConnectorRequest, {"connectorLabel": "x", "connectorProvisioningType": "LAMBDA"}
    )
    for found in (built, parsed):
        assert [p for p, _ in found] == ["connectorLabel", LAMBDA_NEEDED[0]]
        assert found[1] == LAMBDA_NEEDED


def test_a_profile_reports_its_name_and_the_connector_type_mismatch_together() -> None:
    data = {
        "connectorProfileName": "no spaces allowed",
        "connectorType": "Slack",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://x.example.com"}},
            "connectorProfileCredentials": {
                "Salesforce": {"oAuth2GrantType": "JWT_BEARER"},  # no jwtToken: the grant's rule
            },
        },
    }
    found = violations(from_boto, CreateConnectorProfileRequest, data)
    assert sorted(p for p, _ in found) == [
        "connectorProfileConfig.connectorProfileCredentials.Salesforce.jwtToken",
        "connectorProfileName",
        "connectorType",
    ]


def test_a_rule_whose_input_is_invalid_is_not_judged() -> None:
    # an invalid grant type: the grant rules do not guess at it
    found = violations(SalesforceConnectorProfileCredentials, o_auth2_grant_type="jwt_bearer")
    assert [p for p, _ in found] == ["oAuth2GrantType"]
    # an unknown authenticationType: no rule on which block it needs (and no KeyError)
    found = violations(CustomConnectorProfileCredentials, authentication_type="TOKEN")
    assert [p for p, _ in found] == ["authenticationType"]
    # an invalid connectorType: no "does not match" guess
    data = {
        "connectorProfileName": "p",
        "connectorType": "Bogus",
        "connectionMode": "Public",
        "connectorProfileConfig": {"connectorProfileProperties": {"Slack": {"instanceUrl": "https://x.example.com"}}},
    }
    assert [p for p, _ in violations(from_boto, CreateConnectorProfileRequest, data)] == ["connectorType"]


@pytest.mark.parametrize("config", ["lambda", 3, ["x"]])
def test_no_phantom_violation_from_the_placeholder_of_an_invalid_subtree(config: object) -> None:
    data = {"connectorLabel": "ab", "connectorProvisioningType": "LAMBDA", "connectorProvisioningConfig": config}
    found = violations(from_boto, RegisterConnectorRequest, data)
    assert [p for p, _ in found] == ["connectorProvisioningConfig"]


def test_no_phantom_rule_on_an_invalid_sap_odata_properties_block() -> None:
    data = {
        "connectorProfileName": "sap",
        "connectorType": "SAPOData",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"SAPOData": "not an object"},
            "connectorProfileCredentials": {
                "SAPOData": {"oAuthCredentials": {"clientId": "id", "clientSecret": "s"}}
            },
        },
    }
    found = violations(from_boto, CreateConnectorProfileRequest, data)
    assert [p for p, _ in found] == ["connectorProfileConfig.connectorProfileProperties.SAPOData"]


@pytest.mark.parametrize(
    "data",
    [
        {"connectorLabel": "x", "connectorProvisioningType": "LAMBDA", "connectorProvisioningConfig": {}},
        {"connectorLabel": 5, "connectorProvisioningType": "LAMBDA", "description": "\n\n"},
        {"connectorProvisioningType": "LAMBDA", "connectorProvisioningConfig": {"lambda": {}}},
        {"connectorProvisioningType": "nope", "connectorProvisioningConfig": {"lambda": {"lambdaArn": 1}}},
    ],
)
def test_no_violation_is_reported_twice(data: dict[str, Any]) -> None:
    found = violations(from_boto, RegisterConnectorRequest, data)
    assert len(found) == len(set(found))
    assert len({p for p, _ in found}) == len(found)


def _secret() -> str:
    return "SENTINEL-frame-" + "x" * 3000  # too long for a password


def _frames_after_the_call(tb: Any) -> list[dict[str, Any]]:
    frames = []
    tb = tb.tb_next  # the test's own frame is the caller's business
    while tb is not None:
        frames.append(dict(tb.tb_frame.f_locals))
        tb = tb.tb_next
    return frames


def test_no_frame_a_traceback_keeps_holds_a_raw_credential() -> None:
    from appflow_typed.models import SnowflakeConnectorProfileCredentials

    with pytest.raises(ValidationError) as built:
        SnowflakeConnectorProfileCredentials(username="u", password=_secret())
    data = {
        "connectorProfileName": "p",
        "connectorType": "Snowflake",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Snowflake": {"warehouse": "w", "stage": "s", "bucketName": "bkt"}},
            "connectorProfileCredentials": {"Snowflake": {"username": "u", "password": _secret()}},
        },
    }
    with pytest.raises(ValidationError) as parsed:
        from_boto(CreateConnectorProfileRequest, data)
    del data
    for info in (built, parsed):
        frames = _frames_after_the_call(info.tb)
        assert frames  # the raising frames are there, without the credential
        assert "SENTINEL-frame-" not in repr(frames)
