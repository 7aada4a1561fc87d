"""The validate command on hostile files: bounded, never crashing, never echoing a secret."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from appflow_typed import ValidationError, _cli, from_boto
from appflow_typed.models import CreateConnectorProfileRequest

from .test_validate_command import run, snowflake_profile

# a password joined to its key by a missing space: YAML reads one key, "password:Hunter2"
PROFILE_WITH_A_JOINED_PASSWORD = """\
connectorProfileName: snowflake
connectorType: Snowflake
connectionMode: Public
connectorProfileConfig:
  connectorProfileProperties:
    Snowflake: {warehouse: W, stage: S, bucketName: bucket-x}
  connectorProfileCredentials:
    Snowflake: {username: u, password:Hunter2}
"""


def validate(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = _cli.main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_password_joined_to_its_key_is_never_printed(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("yaml")
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE_WITH_A_JOINED_PASSWORD)
    code, out, err = validate("--format", fmt, str(profile), capsys=capsys)
    assert code == 1
    assert "Hunter2" not in out + err
    assert "connectorProfileConfig.connectorProfileCredentials.Snowflake" in out
    assert "not shown: under credentials" in out


def test_a_password_joined_to_its_key_is_not_in_the_validation_error() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(PROFILE_WITH_A_JOINED_PASSWORD)
    with pytest.raises(ValidationError) as raised:
        from_boto(CreateConnectorProfileRequest, data)
    assert "Hunter2" not in str(raised.value)
    assert "Hunter2" not in repr(raised.value.violations)


def test_a_number_of_thousands_of_digits_is_that_files_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"maxResults": ' + "9" * 5000 + "}")
    valid = tmp_path / "valid.json"
    valid.write_text('{"maxResults": 10}')
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"maxResults": 1000}')
    code, out, _ = validate(
        "-o", "ListConnectors", "--format", "json", str(big), str(valid), str(invalid),
        capsys=capsys,
    )  # fmt: skip
    assert code == 2
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert files["big.json"]["status"] == "error"
    assert "a number of more than 1000 characters" in files["big.json"]["error"]
    assert files["valid.json"]["status"] == "valid"
    assert files["invalid.json"]["status"] == "invalid"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("connectorLabel: 2024-02-30\n", "an impossible value (line 1, column 17)"),
        ("maxResults: " + "9" * 5000 + "\n", "a number of more than 1000 characters"),
        ("maxResults: 0." + "9" * 2000 + "\n", "a number of more than 1000 characters"),
    ],
    ids=["impossible date", "huge integer", "huge float"],
)
def test_yaml_values_python_cannot_make_are_that_files_error(
    text: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    valid = tmp_path / "valid.json"
    valid.write_text("{}")
    code, _, err = validate("-o", "ListConnectors", str(bad), str(valid), capsys=capsys)
    assert code == 2
    assert f"{bad}: error: not YAML this program reads: {says}" in err
    assert "1 valid" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_reading_is_bounded(tmp_path: Path) -> None:
    endless = tmp_path / "endless.json"
    endless.symlink_to("/dev/zero")
    result = run("validate", "-o", "ListConnectors", str(endless))  # a subprocess: its memory
    assert result.returncode == 2
    assert f"{endless}: error: cannot read: larger than 32 MiB" in result.stderr


def test_a_file_over_the_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from appflow_typed import _sources

    monkeypatch.setattr(_sources, "MAX_FILE_BYTES", 100)
    large = tmp_path / "large.json"
    large.write_text(json.dumps({"maxResults": 1, "nextToken": "x" * 100}))
    code, _, err = validate("-o", "ListConnectors", str(large), capsys=capsys)
    assert code == 2
    assert "cannot read: larger than" in err


def billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bombs_are_refused(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs())
    assert bomb.stat().st_size < 2000  # 9**10 values once expanded
    result = run("validate", "-o", "ListConnectors", str(bomb))
    assert result.returncode == 2
    assert "its aliases expand too far" in result.stderr


def test_yaml_aliases_within_reason_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("yaml")
    ok = tmp_path / "ok.yaml"
    ok.write_text("base: &base {maxResults: 10}\n")
    code, _, err = validate("-o", "ListConnectors", str(ok), capsys=capsys)
    assert code == 1  # read, and base is not a member
    assert "could not be checked" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_member_names_cannot_forge_output_lines(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = "evil\nforged.json:1:1: error: x\r\x1b[2K\x1b[31m\u202e\x00"
    request: dict[str, Any] = {"connectorLabel": "ok-label", forged: 1}
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request))
    code, out, _ = validate("-o", "UnregisterConnector", "--format", fmt, str(file), capsys=capsys)
    assert code == 1
    for char in "\r\x1b\u202e\x00":
        assert char not in out
    if fmt == "text":
        (line,) = out.splitlines()
        assert line.startswith(f"{file}:1:")
        assert "evil\\nforged.json:1:1: error: x\\r\\x1b[2K" in line
    else:
        assert "forged.json" in json.dumps(json.loads(out))


def test_a_deeply_nested_file_is_that_files_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    deep_yaml = tmp_path / "deep.yaml"
    deep_yaml.write_text("[" * 5000 + "]" * 5000)
    code, _, err = validate("-o", "ListConnectors", str(deep), str(deep_yaml), capsys=capsys)
    assert code == 2
    assert err.count("could not be checked") == 1
    assert "2 could not be checked" in err


def test_no_credential_in_a_credentials_file_is_printed_in_any_format(tmp_path: Path) -> None:
    secret = "SENTINEL-" + "y" * 600
    profile = snowflake_profile(secret)
    profile["connectorProfileConfig"]["connectorProfileCredentials"]["Snowflake"][
        f"password:{secret}"
    ] = 1
    file = tmp_path / "p.json"
    file.write_text(json.dumps(profile))
    for fmt in ("text", "json", "sarif"):
        result = run("validate", "--format", fmt, str(file))
        assert result.returncode == 1, result.stderr
        assert "SENTINEL" not in result.stdout + result.stderr


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "break_it",
    [
        lambda t, flow: t["Resources"].update(Odd={"Type": ["AWS::AppFlow::Flow"]}),
        lambda t, flow: t["Resources"].update(Odd={"Type": "AWS::AppFlow::Flow", "Properties": []}),
        lambda t, flow: flow["Tasks"][1]["TaskProperties"].append({"Key": {"a": 1}, "Value": "x"}),
        lambda t, flow: flow.update(Tags={"Key": "k", "Value": [1]}),
        lambda t, flow: flow.update(Tasks=[[1], None, "x", {"Fn::If": []}]),
        lambda t, flow: flow["TriggerConfig"].update(TriggerProperties=[{}]),
        lambda t, flow: flow.update(DestinationFlowConfigList={"Ref": "AWS::NoValue"}),
    ],
)
def test_odd_shapes_in_a_template_are_reported_not_crashed_on(
    break_it: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = json.loads(
        (FIXTURES / "cdk" / "ondemand-salesforce-to-s3.template.json").read_text()
    )
    flow = next(
        r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::AppFlow::Flow"
    )
    break_it(template, flow)
    file = tmp_path / "t.json"
    file.write_text(json.dumps(template))
    code, _, err = validate(str(file), capsys=capsys)
    assert code in (0, 1), err
    assert "could not be checked" not in err


def test_a_file_the_program_fails_on_is_that_files_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from appflow_typed import _infra

    def fail(*args: Any) -> Any:
        raise KeyError("SENTINEL-secret")

    monkeypatch.setattr(_infra, "subjects", fail)
    valid = tmp_path / "valid.json"
    valid.write_text("{}")
    code, _, err = validate(str(valid), capsys=capsys)
    assert code == 2
    assert f"{valid}: error: cannot be checked: KeyError (a bug)" in err
    assert "SENTINEL" not in err
