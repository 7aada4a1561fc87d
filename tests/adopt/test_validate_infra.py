"""The validate command on infrastructure code: CloudFormation/CDK templates, Terraform plans.

The fixtures are real published templates and plans made from published configurations
(tests/adopt/fixtures/SOURCES.md says where each comes from).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from appflow_typed import _cli

FIXTURES = Path(__file__).parent / "fixtures"
CDK = sorted((FIXTURES / "cdk").glob("*.template.json"))
PLANS = {p.name: p for p in (FIXTURES / "terraform").glob("*.plan.json")}
SALESFORCE_YAML = FIXTURES / "cloudformation" / "salesforce-to-s3.yaml"


def validate(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = _cli.main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def report(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = validate("--format", "json", *args, capsys=capsys)
    return code, json.loads(out)


def problems(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for f in document["files"] for p in f["problems"]]


def at(text: str, line: int, column: int) -> str:
    """The text from a reported line:column on."""
    return text.splitlines()[line - 1][column - 1 :]


def write_json(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return str(path)


# --- real templates and plans validate clean ------------------------------------------------


@pytest.mark.parametrize("template", CDK, ids=lambda p: p.name)
def test_published_cdk_templates_validate_clean(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document = report(str(template), capsys=capsys)
    assert code == 0, problems(document)
    (file,) = document["files"]
    assert file["kind"] == "cloudformation"
    assert {r["operation"] for r in file["resources"]} <= {"CreateFlow", "CreateConnectorProfile"}
    assert "CreateFlow" in {r["operation"] for r in file["resources"]}


def test_a_published_yaml_template_with_short_form_intrinsics_validates_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("yaml")
    code, document = report(str(SALESFORCE_YAML), capsys=capsys)
    assert code == 0, problems(document)
    assert [(r["resource"], r["operation"]) for r in document["files"][0]["resources"]] == [
        ("ConnectionAppFlow", "CreateConnectorProfile"),
        ("AppFlowSFDC2S3", "CreateFlow"),
    ]


@pytest.mark.parametrize("plan", ["s3-to-s3.plan.json", "connector-profiles.plan.json"])
def test_plans_of_the_providers_examples_validate_clean(
    plan: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document = report(str(PLANS[plan]), capsys=capsys)
    assert code == 0, problems(document)
    (file,) = document["files"]
    assert file["kind"] == "terraform"
    assert file["resources"]


def test_a_directory_is_walked_for_templates_and_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "cdk", tmp_path / "cdk.out")
    (tmp_path / "cdk.out" / "manifest.json").write_text('{"version": "36.0.0"}')
    (tmp_path / "cdk.out" / "tree.json").write_text('{"Type": "AWS::AppFlow::Flow"}')
    (tmp_path / "node_modules").mkdir()
    shutil.copy(PLANS["mistakes.plan.json"], tmp_path / "node_modules" / "plan.json")
    (tmp_path / "package.json").write_text('{"name": "x"}')
    code, document = report(str(tmp_path), capsys=capsys)
    assert code == 0
    assert sorted(Path(f["file"]).name for f in document["files"]) == sorted(p.name for p in CDK)


# --- mistakes are reported at the resource, path and position --------------------------------


def test_mistakes_in_a_plan_are_reported_at_the_terraform_address_and_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan = PLANS["mistakes.plan.json"]
    code, document = report(str(plan), capsys=capsys)
    assert code == 1
    found = {(p["path"], p["api_path"]): p for p in problems(document)}
    assert set(found) == {
        (
            "aws_appflow_flow.sales.source_flow_config.connector_type",
            "sourceFlowConfig.connectorType",
        ),
        ("aws_appflow_flow.sales.task[1].connector_operator", "tasks[1].connectorOperator"),
    }
    text = plan.read_text()
    for (path, _), problem in found.items():
        assert problem["resource"] == "aws_appflow_flow.sales"
        assert problem["operation"] == "CreateFlow"
        assert problem["level"] == "error"
        assert problem["source"] == "model"
        assert at(text, problem["line"], problem["column"]).startswith(
            json.dumps(path.rsplit(".", 1)[1])
        )


def test_a_task_is_addressed_by_its_place_in_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = json.loads(PLANS["mistakes.plan.json"].read_text())
    pretty = write_json(tmp_path / "plan.json", plan)  # positions on lines of their own
    code, out, _ = validate(pretty, capsys=capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "task[1]" in x)
    where = line.split(": ")[0].split(":")
    assert at(Path(pretty).read_text(), int(where[1]), int(where[2])).startswith(
        '"connector_operator"'
    )
    assert "(API: CreateFlow tasks[1].connectorOperator)" in line


def flow_template() -> dict[str, Any]:
    template: dict[str, Any] = json.loads(
        (FIXTURES / "cdk" / "ondemand-salesforce-to-s3.template.json").read_text()
    )
    return template


def flow_of(template: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return next(
        (k, r["Properties"])
        for k, r in template["Resources"].items()
        if r["Type"] == "AWS::AppFlow::Flow"
    )


def test_mistakes_in_a_cdk_template_are_reported_at_the_logical_id_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = flow_template()
    logical_id, flow = flow_of(template)
    flow["Tasks"][1]["ConnectorOperator"] = {"Salesforce": "NO_OP", "S3": "NO_OP"}
    flow["SourceFlowConfig"]["SourceConnectorProperties"]["Salesforce"]["Objekt"] = "Account"
    flow["TriggerConfig"]["TriggerType"] = "Sometimes"
    file = write_json(tmp_path / "Stack.template.json", template)
    code, document = report(file, capsys=capsys)
    assert code == 1
    props = f"Resources.{logical_id}.Properties"
    found = {p["path"]: p for p in problems(document)}
    assert set(found) == {
        f"{props}.Tasks[1].ConnectorOperator",
        f"{props}.SourceFlowConfig.SourceConnectorProperties.Salesforce.Objekt",
        f"{props}.TriggerConfig.TriggerType",
    }
    assert found[f"{props}.Tasks[1].ConnectorOperator"]["api_path"] == "tasks[1].connectorOperator"
    unknown = found[f"{props}.SourceFlowConfig.SourceConnectorProperties.Salesforce.Objekt"]
    assert unknown["message"] == "unknown member; did you mean Object?"
    assert unknown["source"] == "iac-mapping"
    text = Path(file).read_text()
    for path, problem in found.items():
        assert problem["resource"] == logical_id
        assert at(text, problem["line"], problem["column"]).startswith(
            json.dumps(path.rsplit(".", 1)[1])
        )


def test_mistakes_in_a_yaml_template_have_their_yaml_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("yaml")
    text = SALESFORCE_YAML.read_text().replace('TaskType: "Filter"', 'TaskType: "Filtr"')
    file = tmp_path / "stack.yaml"
    file.write_text(text)
    code, out, _ = validate(str(file), capsys=capsys)
    assert code == 1
    (line,) = out.splitlines()
    where, level, path, message = line.split(": ", 3)
    assert level == "error"
    assert path == "Resources.AppFlowSFDC2S3.Properties.Tasks[0].TaskType"
    assert message.startswith("expected one of: Arithmetic, Filter")
    _, row, column = where.split(":")
    assert at(text, int(row), int(column)).startswith('TaskType: "Filtr"')


# --- unknown values ---------------------------------------------------------------------------


def test_values_known_only_at_deployment_are_skipped_but_count_as_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = flow_template()
    _, flow = flow_of(template)
    flow["FlowName"] = {"Fn::Sub": "${AWS::StackName}-flow"}  # required: present
    flow["SourceFlowConfig"]["ConnectorType"] = {"Ref": "SourceType"}
    flow["Tasks"][0]["ConnectorOperator"] = {"Fn::If": ["Cond", {"Salesforce": "NO_OP"}, {}]}
    flow["Tasks"][1]["TaskProperties"].append({"Key": {"Ref": "K"}, "Value": "x"})
    flow["Description"] = {"Ref": "AWS::NoValue"}
    code, document = report(write_json(tmp_path / "t.json", template), capsys=capsys)
    assert code == 0, problems(document)
    # an absent required member is still reported
    del flow["FlowName"]
    code, document = report(write_json(tmp_path / "t.json", template), capsys=capsys)
    assert code == 1
    assert [p["api_path"] for p in problems(document)] == ["flowName"]


def test_terraform_values_known_after_apply_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = json.loads(PLANS["s3-to-s3.plan.json"].read_text())
    change = next(c for c in plan["resource_changes"] if c["type"] == "aws_appflow_flow")
    after, unknown = change["change"]["after"], change["change"]["after_unknown"]
    del after["name"]  # required by the API: unknown, so present
    unknown["name"] = True
    after["task"][0]["task_type"] = None
    unknown["task"][0]["task_type"] = True
    code, document = report(write_json(tmp_path / "plan.json", plan), capsys=capsys)
    assert code == 0, problems(document)
    unknown["name"] = False  # now simply absent
    code, document = report(write_json(tmp_path / "plan.json", plan), capsys=capsys)
    assert [(p["path"], p["api_path"]) for p in problems(document)] == [
        ("aws_appflow_flow.example", "flowName")
    ]


def test_an_awscc_plan_is_read_as_the_cloudformation_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the shape of an awscc_appflow_connector plan (the CloudFormation schema in snake case,
    # nested attributes as objects), built for this test
    plan = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "awscc_appflow_connector.lambda",
                "mode": "managed",
                "type": "awscc_appflow_connector",
                "name": "lambda",
                "change": {
                    "actions": ["create"],
                    "after": {
                        "connector_label": "my-connector",
                        "connector_provisioning_type": "LAMBDA",
                        "connector_provisioning_config": {"lambda": {"lambda_arn": None}},
                        "description": None,
                    },
                    "after_unknown": {
                        "connector_arn": True,
                        "id": True,
                        "connector_provisioning_config": {"lambda": {"lambda_arn": True}},
                    },
                },
            }
        ],
    }
    code, document = report(write_json(tmp_path / "plan.json", plan), capsys=capsys)
    assert code == 0, problems(document)
    assert document["files"][0]["resources"][0]["operation"] == "RegisterConnector"
    after = plan["resource_changes"][0]["change"]["after"]  # type: ignore[index]
    after["connector_label"] = "my connector!"
    code, document = report(write_json(tmp_path / "plan.json", plan), capsys=capsys)
    assert code == 1
    assert [p["path"] for p in problems(document)] == [
        "awscc_appflow_connector.lambda.connector_label"
    ]


# --- request files --------------------------------------------------------------------------


def test_a_request_files_operation_is_inferred_from_its_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = {
        "connectorLabel": "my-connector",
        "connectorProvisioningType": "LAMBDA",
        "connectorProvisioningConfig": {"lambda": {"lambdaArn": "arn:aws:lambda:us-east-1:1:f"}},
    }
    code, document = report(write_json(tmp_path / "r.json", register), capsys=capsys)
    assert code == 0, document
    assert document["files"][0]["kind"] == "request"
    register["connectorLabel"] = "my connector"
    code, document = report(write_json(tmp_path / "r.json", register), capsys=capsys)
    assert code == 1
    assert [(p["operation"], p["path"]) for p in problems(document)] == [
        ("RegisterConnector", "connectorLabel")
    ]


def test_a_request_file_that_fits_several_operations_needs_the_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = validate(write_json(tmp_path / "r.json", {"maxResults": 10}), capsys=capsys)
    assert code == 2
    assert "give --operation" in err
    assert "ListConnectors" in err


# --- credentials in templates and plans -----------------------------------------------------


def test_no_credential_of_a_template_or_plan_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = flow_template()
    profile = next(
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::AppFlow::ConnectorProfile"
    )
    credentials = profile["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"]
    credentials["AccessToken"] = "SENTINEL-token-" + "x" * 5000
    credentials["password:SENTINEL-Hunter2"] = None
    plan = json.loads(PLANS["connector-profiles.plan.json"].read_text())
    change = next(c for c in plan["resource_changes"] if c["name"] == "zendesk")
    zendesk = change["change"]["after"]["connector_profile_config"][0][
        "connector_profile_credentials"
    ][0]["zendesk"][0]
    zendesk["client_secret"] = "SENTINEL-secret " * 100
    zendesk["access_token:SENTINEL-token"] = "x"
    files = [
        write_json(tmp_path / "t.template.json", template),
        write_json(tmp_path / "plan.json", plan),
    ]
    for fmt in ("text", "json", "sarif"):
        code, out, err = validate("--format", fmt, *files, capsys=capsys)
        assert code == 1
        assert "SENTINEL" not in out + err
        assert "not shown: under credentials" in out


def test_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.json")
    code, out, _ = validate(
        "--format", "sarif", str(PLANS["mistakes.plan.json"]), missing, capsys=capsys
    )
    assert code == 2
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(run["results"]) == 2
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"] == "model"
        assert result["level"] == "error"
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("terraform/mistakes.plan.json")
        assert physical["region"]["startLine"] == 1
        assert physical["region"]["startColumn"] > 1
        assert location["logicalLocations"][0]["fullyQualifiedName"].startswith(
            "aws_appflow_flow.sales."
        )
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("cannot read")


def test_warnings_fail_only_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def warn(operation: str, request: Any) -> list[_cli.Problem]:
        return [_cli.Problem("warning", "a warning", "flowName", "model", operation)]

    monkeypatch.setattr(_cli, "_problems", warn)
    file = str(PLANS["s3-to-s3.plan.json"])
    code, out, err = validate(file, capsys=capsys)
    assert code == 0
    assert ": warning: aws_appflow_flow.example.name: a warning" in out
    assert "1 warning" in err
    assert validate("--strict", file, capsys=capsys)[0] == 1
    code, document = report("--strict", file, capsys=capsys)
    assert (code, document["files"][0]["status"]) == (1, "invalid")


def test_sarif_names_every_rule_source(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def warn(operation: str, request: Any) -> list[_cli.Problem]:
        return [_cli.Problem("warning", "a warning", "flowName", "rules/AF001", operation)]

    monkeypatch.setattr(_cli, "_problems", warn)
    code, out, _ = validate("--format", "sarif", str(PLANS["s3-to-s3.plan.json"]), capsys=capsys)
    assert code == 0
    (run,) = json.loads(out)["runs"]
    (result,) = run["results"]
    assert result["level"] == "warning"
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "rules/AF001"


def test_an_empty_template_and_a_template_without_appflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = copy.deepcopy(flow_template())
    template["Resources"] = {"B": {"Type": "AWS::S3::Bucket"}}
    code, document = report(write_json(tmp_path / "t.json", template), capsys=capsys)
    assert code == 0
    assert document["files"][0]["resources"] == []


# --- pre-commit ------------------------------------------------------------------------------


def test_the_pre_commit_hook_checks_templates_and_skips_other_files(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "appflow-typed-validate")
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["appflow-typed", "validate"]
    # the files pre-commit would pass: every changed JSON and YAML file
    bad = tmp_path / "stack.yaml"
    bad.write_text(SALESFORCE_YAML.read_text().replace('"FILENAME"', '"FILE_NAME"'))
    (tmp_path / "package.json").write_text('{"name": "web", "private": true}')
    (tmp_path / "docker-compose.yml").write_text("services: {}\n")
    passed = [str(p) for p in sorted(tmp_path.iterdir())]
    assert all(re.search(hook["files"], p) for p in passed)
    command = [sys.executable, "-m", "appflow_typed", *hook["entry"].split()[1:], *passed]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{bad}:")
    assert "PrefixType" in result.stdout
    assert "1 file checked (2 resources)" in result.stderr
    bad.write_text(SALESFORCE_YAML.read_text())
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout


# --- the mapping ------------------------------------------------------------------------------


def test_the_mapping_names_only_members_the_api_has() -> None:
    import botocore.session

    from appflow_typed import _infra_tables

    service: Any = botocore.session.get_session().get_service_model("appflow")
    for (_, shape, _), member in _infra_tables.RENAMES.items():
        assert member in service.shape_for(shape).members, (shape, member)
    for (_, shape, _), (outer, inner) in _infra_tables.WRAPPED.items():
        assert inner in service.shape_for(shape).members[outer].members
    for _, shape in _infra_tables.IAC_ONLY:
        service.shape_for(shape)  # exists
    for _, operation in _infra_tables.RESOURCE_TYPES.values():
        assert operation in service.operation_names


def plan_of(after: dict[str, Any], unknown: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": "aws_appflow_flow.f",
                "mode": "managed",
                "type": "aws_appflow_flow",
                "name": "f",
                "change": {"actions": ["create"], "after": after, "after_unknown": unknown or {}},
            }
        ],
    }


def s3_flow() -> dict[str, Any]:
    """A Terraform plan's ``after`` of an S3-to-S3 flow, unset attributes as a plan shows them."""
    plan = json.loads(PLANS["s3-to-s3.plan.json"].read_text())
    change = next(c for c in plan["resource_changes"] if c["type"] == "aws_appflow_flow")
    after: dict[str, Any] = change["change"]["after"]
    source = after["source_flow_config"][0]["source_connector_properties"][0]["s3"][0]
    source["bucket_name"] = "source-bucket"
    return after


def test_terraform_empty_values_are_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    after = s3_flow()
    after["description"] = ""  # unset: the provider sends no description
    after["task"][0]["destination_field"] = ""
    code, document = report(write_json(tmp_path / "p.json", plan_of(after)), capsys=capsys)
    assert code == 0, problems(document)


def test_two_blocks_where_the_api_has_one_structure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    after = s3_flow()
    after["trigger_config"].append({"trigger_type": "OnDemand", "trigger_properties": []})
    code, document = report(write_json(tmp_path / "p.json", plan_of(after)), capsys=capsys)
    assert code == 1
    errors = [p for p in problems(document) if p["level"] == "error"]
    assert [(p["path"], p["message"], p["source"]) for p in errors] == [
        (
            "aws_appflow_flow.f.trigger_config",
            "expected at most one block here, got 2",
            "iac-mapping",
        )
    ]


def test_a_tag_that_is_not_a_key_and_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = flow_template()
    logical_id, flow = flow_of(template)
    flow["Tags"] = [{"Key": "team", "Value": "data"}, {"Name": "x"}, {"Key": "aws:x", "Value": "y"}]
    code, document = report(write_json(tmp_path / "t.json", template), capsys=capsys)
    assert code == 1
    props = f"Resources.{logical_id}.Properties"
    assert sorted((p["path"], p["api_path"]) for p in problems(document)) == [
        (f"{props}.Tags[1]", "tags[1]"),
        (f"{props}.Tags[2]", "tags[#1] (key)"),
    ]


def test_credential_map_keys_are_not_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = flow_template()
    profile = next(
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::AppFlow::ConnectorProfile"
    )
    profile["ConnectorType"] = "CustomConnector"
    profile["ConnectorLabel"] = "my-connector"
    profile["ConnectorProfileConfig"] = {
        "ConnectorProfileProperties": {"CustomConnector": {}},
        "ConnectorProfileCredentials": {
            "CustomConnector": {
                "AuthenticationType": "CUSTOM",
                "Custom": {
                    "CustomAuthenticationType": "token",
                    "CredentialsMap": {"SENTINEL " * 30: "x", "ok": "SENTINEL value"},
                },
            }
        },
    }
    code, out, err = validate(write_json(tmp_path / "t.json", template), capsys=capsys)
    assert code == 1
    assert "SENTINEL" not in out + err
    assert "Custom.CredentialsMap[#0]" in out


def test_blocks_a_terraform_configuration_leaves_out_are_not_sent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the plan's after_unknown marks trigger_properties, metadata_catalog_config and the
    # destination's aggregation_config true: Optional + Computed blocks the example leaves out
    checked: list[Any] = []

    def record(operation: str, request: Any) -> list[_cli.Problem]:
        checked.append(request)
        return []

    monkeypatch.setattr(_cli, "_problems", record)
    assert validate(str(PLANS["s3-to-s3.plan.json"]), capsys=capsys)[0] == 0
    (request,) = checked
    assert request["triggerConfig"] == {"triggerType": "OnDemand"}
    assert "metadataCatalogConfig" not in request
    s3 = request["destinationFlowConfigList"][0]["destinationConnectorProperties"]["S3"]
    assert "aggregationConfig" not in s3["s3OutputFormatConfig"]
    # an attribute set from another resource is known after apply, and sent
    assert "bucketName" in request["sourceFlowConfig"]["sourceConnectorProperties"]["S3"]
