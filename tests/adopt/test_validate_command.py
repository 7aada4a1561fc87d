"""The validate command, run as a subprocess: python -m appflow_typed and the console script."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SECRET = "SENTINEL-cli-password-" + "x" * 600  # longer than Password's 512
CONSOLE_SCRIPT = Path(sys.executable).with_name("appflow-typed")

COMMANDS = [
    pytest.param([sys.executable, "-m", "appflow_typed"], id="python -m appflow_typed"),
    pytest.param(
        [str(CONSOLE_SCRIPT)],
        id="appflow-typed",
        marks=pytest.mark.skipif(
            not CONSOLE_SCRIPT.exists(), reason="the console script is not installed"
        ),
    ),
]


def snowflake_profile(password: str = "example-password-not-real") -> dict[str, Any]:
    return {
        "connectorProfileName": "snowflake-analytics",
        "connectorType": "Snowflake",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {
                "Snowflake": {
                    "warehouse": "ANALYTICS_WH",
                    "stage": "APPFLOW.PUBLIC.STAGE",
                    "bucketName": "example-appflow-staging",
                }
            },
            "connectorProfileCredentials": {
                "Snowflake": {"username": "APPFLOW_USER", "password": password}
            },
        },
    }


def invalid_profile(password: str = "example-password-not-real") -> dict[str, Any]:
    profile = snowflake_profile(password)
    profile["connectionMode"] = "Open"
    profile["connectorProfileConfig"]["connectorProfileProperties"]["Snowflake"]["warehose"] = "x"
    return profile


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def unplaced(out: str) -> list[str]:
    """Output lines without the line:column after the file name (checked elsewhere)."""
    return [re.sub(r"^([^:]+):\d+:\d+: ", r"\1: ", line) for line in out.splitlines()]


def run(
    *args: str,
    command: list[str] | None = None,
    stdin: str = "",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(command or [sys.executable, "-m", "appflow_typed"]), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_a_valid_file_exits_0(command: list[str], tmp_path: Path) -> None:
    profile = write(tmp_path / "profile.json", snowflake_profile())
    result = run("validate", "--operation", "CreateConnectorProfile", profile, command=command)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "1 valid" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_an_invalid_file_prints_each_violation_and_exits_1(
    command: list[str], tmp_path: Path
) -> None:
    profile = write(tmp_path / "profile.json", invalid_profile())
    result = run("validate", "--operation", "CreateConnectorProfile", profile, command=command)
    assert result.returncode == 1
    assert sorted(unplaced(result.stdout)) == [
        f"{profile}: error: connectionMode: expected one of: Public, Private [model]",
        f"{profile}: error: connectorProfileConfig.connectorProfileProperties.Snowflake.warehose: "
        "unknown member; did you mean warehouse? [model]",
    ]
    assert "1 invalid (2 errors)" in result.stderr


@pytest.mark.parametrize(
    "operation", ["CreateConnectorProfile", "create_connector_profile", "create-connector-profile"]
)
def test_the_operation_has_its_aws_boto3_and_cli_names(operation: str, tmp_path: Path) -> None:
    valid = write(tmp_path / "valid.json", snowflake_profile())
    invalid = write(tmp_path / "invalid.json", invalid_profile())
    assert run("validate", "--operation", operation, valid).returncode == 0
    assert run("validate", "-o", operation, invalid).returncode == 1


def test_the_file_is_checked_against_the_operation_given(tmp_path: Path) -> None:
    # UpdateConnectorProfile takes no connectorType
    profile = write(tmp_path / "profile.json", snowflake_profile())
    result = run("validate", "--operation", "update-connector-profile", profile)
    assert result.returncode == 1
    assert unplaced(result.stdout) == [f"{profile}: error: connectorType: unknown member [model]"]


def test_any_invalid_file_makes_the_run_invalid(tmp_path: Path) -> None:
    valid = write(tmp_path / "valid.json", snowflake_profile())
    invalid = write(tmp_path / "invalid.json", invalid_profile())
    result = run("validate", "-o", "CreateConnectorProfile", valid, invalid, valid)
    assert result.returncode == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {invalid}
    assert "3 files checked: 2 valid, 1 invalid" in result.stderr


def test_a_document_that_is_not_an_object_is_invalid(tmp_path: Path) -> None:
    result = run("validate", "-o", "ListConnectors", write(tmp_path / "list.json", [1, 2]))
    assert result.returncode == 1
    assert result.stdout.count(": <root>: ") == 1


def test_stdin(tmp_path: Path) -> None:
    result = run("validate", "-o", "list-connectors", "-", stdin='{"maxResults": 500}')
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:1:2: error: maxResults: ")
    assert run("validate", "-o", "list-connectors", "-", stdin="{}").returncode == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["validate", "-o", "CreateConnector", "f.json"], "unknown operation 'CreateConnector'"),
        (["validate", "-o", "ListConnectors", "--lenient", "f.json"], "unrecognized arguments"),
        (["validate", "-o", "ListConnectors"], "required"),
        (["validate"], "required"),
        (["validate", "-o", "ListConnectors", "--format", "xml", "f.json"], "invalid choice"),
        (["check", "f.json"], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2(args: list[str], says: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert says in result.stderr
    assert result.stdout == ""


def test_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    valid = write(tmp_path / "valid.json", snowflake_profile())
    missing = str(tmp_path / "missing.json")
    result = run("validate", "-o", "CreateConnectorProfile", valid, missing)
    assert result.returncode == 2
    assert f"{missing}: error: cannot read: No such file or directory" in result.stderr


def test_a_usage_error_outranks_an_invalid_file(tmp_path: Path) -> None:
    invalid = write(tmp_path / "invalid.json", invalid_profile())
    result = run("validate", "-o", "CreateConnectorProfile", invalid, str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stdout  # the invalid file is still reported


@pytest.mark.parametrize("text", ["", "{", '{"connectorLabel": "a",}', "\xff"])
def test_a_file_that_is_not_json_exits_2(text: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("latin-1"))
    result = run("validate", "-o", "ListConnectors", str(path))
    assert result.returncode == 2
    assert f"{path}: error: " in result.stderr


def test_json_format(tmp_path: Path) -> None:
    valid = write(tmp_path / "valid.json", snowflake_profile())
    invalid = write(tmp_path / "invalid.json", invalid_profile())
    result = run("validate", "-o", "create_connector_profile", "--format", "json", valid, invalid)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["operation"] == "CreateConnectorProfile"
    assert document["valid"] is False
    files = {f["file"]: f for f in document["files"]}
    assert files[valid] == {
        "file": valid,
        "kind": "request",
        "status": "valid",
        "resources": [],
        "problems": [],
        "warnings": [],
    }
    assert files[invalid]["status"] == "invalid"
    assert {v["operation"] for v in files[invalid]["problems"]} == {"CreateConnectorProfile"}
    assert {v["path"] for v in files[invalid]["problems"]} == {
        "connectionMode",
        "connectorProfileConfig.connectorProfileProperties.Snowflake.warehose",
    }


def test_json_format_reports_files_that_cannot_be_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = run("validate", "-o", "ListConnectors", "--format", "json", str(bad), "-", stdin="{}")
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert [(f["file"], f["status"]) for f in document["files"]] == [
        (str(bad), "error"),
        ("<stdin>", "valid"),
    ]
    assert document["files"][0]["error"].startswith("not JSON: ")


def test_json_format_of_valid_files(tmp_path: Path) -> None:
    result = run("validate", "-o", "ListConnectors", "--format", "json", "-", stdin="{}")
    assert result.returncode == 0
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_credential_value_is_never_printed(fmt: str, tmp_path: Path) -> None:
    invalid = write(tmp_path / "invalid.json", invalid_profile(SECRET))
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(snowflake_profile(SECRET))[:-5], encoding="utf-8")
    broken_yaml = tmp_path / "broken.yaml"
    broken_yaml.write_text(f'password: "{SECRET}\n  - [', encoding="utf-8")
    result = run(
        "validate",
        "-o",
        "CreateConnectorProfile",
        "--format",
        fmt,
        invalid,
        str(broken),
        str(broken_yaml),
        "-",
        stdin=json.dumps(invalid_profile(SECRET)),
    )
    assert result.returncode == 2
    assert "connectorProfileCredentials.Snowflake.password" in result.stdout
    assert "SENTINEL" not in result.stdout
    assert "SENTINEL" not in result.stderr


def test_yaml_files(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    valid = tmp_path / "valid.yaml"
    valid.write_text(yaml.safe_dump(snowflake_profile()), encoding="utf-8")
    invalid = tmp_path / "invalid.yml"
    invalid.write_text(yaml.safe_dump(invalid_profile()), encoding="utf-8")
    assert run("validate", "-o", "CreateConnectorProfile", str(valid)).returncode == 0
    result = run("validate", "-o", "CreateConnectorProfile", str(invalid))
    assert result.returncode == 1
    assert f"{invalid}: error: connectionMode: expected one of: Public, Private [model]" in (
        unplaced(result.stdout)
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1\n", encoding="utf-8")
    result = run("validate", "-o", "CreateConnectorProfile", str(broken))
    assert result.returncode == 2
    assert f"{broken}: error: not YAML (line 2, column 1)" in result.stderr


def test_yaml_without_pyyaml_exits_2_saying_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "yaml.py").write_text("raise ImportError('PyYAML is not installed')\n")
    profile = tmp_path / "profile.yaml"
    profile.write_text("connectorProfileName: x\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    result = run("validate", "-o", "CreateConnectorProfile", str(profile), env=env)
    assert result.returncode == 2
    assert 'pip install "appflow-typed[yaml]"' in result.stderr
    # JSON needs no extra
    json_profile = write(tmp_path / "profile.json", snowflake_profile())
    assert run("validate", "-o", "CreateConnectorProfile", json_profile, env=env).returncode == 0


def test_import_appflow_typed_does_not_load_the_command() -> None:
    code = (
        "import sys, appflow_typed; "
        "print(sorted(m for m in ('appflow_typed._cli', 'argparse') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
