"""The generated models against botocore's service model: fresh, complete, not drifting."""

from __future__ import annotations

import ast
import copy
import inspect
import json
import pickle
import re
from typing import Any

import attrs
import botocore
import botocore.session
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import appflow_typed
import appflow_typed.models as models
from appflow_typed import to_boto
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed.models import _schema
from tools import generate_models as gen


@pytest.fixture(scope="module")
def raw_model() -> dict[str, Any]:
    return gen.load_model()


def test_committed_code_equals_a_fresh_generation() -> None:
    stale = gen.stale(gen.generate())
    assert not stale, f"run python tools/generate_models.py; stale: {stale}"


def test_a_newer_botocore_with_the_same_appflow_model_leaves_the_code_fresh(
    monkeypatch: pytest.MonkeyPatch, raw_model: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(botocore, "__version__", "9.99.1")
    files = gen.generate(raw_model)
    assert "botocore 9.99.1's appflow model" in files[gen.MODELS / "_profiles.py"]
    assert 'BOTOCORE_VERSION: Final = "9.99.1"' in files[gen.MODELS / "_schema.py"]
    assert gen.stale(files) == []
    assert gen.main(["--check"]) == 0
    # a real change of the model is still a stale file
    changed = copy.deepcopy(raw_model)
    changed["shapes"]["ConnectorLabel"]["max"] = 512
    assert gen.MODELS / "_schema.py" in gen.stale(gen.generate(changed))  # the constraint facts
    capsys.readouterr()


def drift(snapshot: dict[str, str], current: dict[str, str]) -> list[str]:
    """The readable difference between two model signatures."""
    lines = [f"added:   {k} {current[k]}" for k in sorted(current.keys() - snapshot.keys())]
    lines += [f"removed: {k} {snapshot[k]}" for k in sorted(snapshot.keys() - current.keys())]
    lines += [
        f"changed: {k}: {snapshot[k]} -> {current[k]}"
        for k in sorted(snapshot.keys() & current.keys())
        if snapshot[k] != current[k]
    ]
    return lines


def test_no_drift_from_the_installed_botocore_model(raw_model: dict[str, Any]) -> None:
    snapshot = json.loads(gen.SNAPSHOT.read_text())
    current = gen.Model(raw_model).signatures()
    changes = drift(snapshot, current)
    assert not changes, (
        "botocore's appflow model changed since the models were generated "
        f"(generated from botocore {_schema.BOTOCORE_VERSION}):\n" + "\n".join(changes)
    )


def test_drift_is_reported_member_by_member(raw_model: dict[str, Any]) -> None:
    changed = copy.deepcopy(raw_model)
    shapes = changed["shapes"]
    shapes["ConnectorLabel"]["max"] = 512
    shapes["LambdaConnectorProvisioningConfig"]["members"]["timeout"] = {"shape": "Boolean"}
    del shapes["SAPODataConnectorProfileProperties"]["members"]["disableSSO"]
    before = gen.Model(raw_model).signatures()
    after = gen.Model(changed).signatures()
    report = drift(before, after)
    assert report[0] == "added:   LambdaConnectorProvisioningConfig.timeout -> Boolean"
    assert report[1] == "removed: SAPODataConnectorProfileProperties.disableSSO -> Boolean"
    assert report[2].startswith("changed: ConnectorLabel:")
    assert '"max": 512' in report[2]
    assert len(report) == 3


def test_one_class_per_structure_shape_named_as_the_shape(raw_model: dict[str, Any]) -> None:
    model = gen.Model(raw_model)
    for name in model.structures():
        cls = getattr(models, name)
        assert attrs.has(cls), name
        members = raw_model["shapes"][name]["members"]
        assert [a.name for a in attrs.fields(cls)] == [gen.py_name(m) for m in members]
    # every structure reachable from the 25 operations (the rest are the error shapes)
    assert len(model.structures()) == 200
    assert sorted(model.operations) == sorted(raw_model["operations"])
    for op in model.operations:
        entry = OPERATIONS[op]
        request, response = entry.request_cls.__name__, entry.response_cls.__name__
        assert getattr(appflow_typed, request) is getattr(models, request)
        assert getattr(appflow_typed, response) is getattr(models, response)


UNIONS = ("ConnectorProfileProperties", "ConnectorProfileCredentials", "CustomConnectorProfileCredentials")


def test_models_are_frozen_and_keyword_only() -> None:
    for name in _schema.WIRE_NAMES:
        cls = getattr(models, name)
        fields = attrs.fields(cls)
        assert all(a.kw_only for a in fields), name
        instance = appflow_typed.from_boto(cls, {}) if name not in _schema.STRICT_SHAPES else None
        if instance is not None:  # the model itself, never a builder's own subclass
            assert type(instance) is cls, name
        if instance is not None and fields:
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(instance, fields[0].name, None)
        if fields:
            with pytest.raises(TypeError):
                cls(None)


def test_a_union_holds_only_the_members_that_are_set() -> None:
    jwt = models.SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c")
    union = models.ConnectorProfileCredentials(salesforce=jwt)
    assert union.snowflake is None
    assert union.salesforce is jwt
    assert repr(union) == (
        "ConnectorProfileCredentials(salesforce=SalesforceConnectorProfileCredentials("
        "o_auth2_grant_type='JWT_BEARER', jwt_token=<redacted>))"
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        union.snowflake = None  # type: ignore[misc]
    assert union == models.ConnectorProfileCredentials(salesforce=jwt)
    assert hash(union) == hash(models.ConnectorProfileCredentials(salesforce=jwt))
    assert union != models.ConnectorProfileCredentials(salesforce=attrs.evolve(jwt, jwt_token="x.y.z"))
    assert to_boto(union) == {"Salesforce": {"oAuth2GrantType": "JWT_BEARER", "jwtToken": "a.b.c"}}
    assert pickle.loads(pickle.dumps(union)) == union
    assert copy.deepcopy(union) == union


@pytest.mark.parametrize("union", [models.ConnectorProfileProperties, models.ConnectorProfileCredentials])
def test_a_connector_union_shows_its_members_as_its_signature(union: type) -> None:
    params = inspect.signature(union).parameters
    assert list(params) == [a.name for a in attrs.fields(union)]
    assert {p.kind for p in params.values()} == {inspect.Parameter.KEYWORD_ONLY}
    assert {p.default for p in params.values()} == {None}
    assert params["salesforce"].annotation == "Salesforce" + union.__name__ + " | None"


def test_a_union_from_boto_is_the_union_constructed() -> None:
    jwt = models.SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c")
    wire = {"Salesforce": {"oAuth2GrantType": "JWT_BEARER", "jwtToken": "a.b.c"}}
    parsed = appflow_typed.from_boto(models.ConnectorProfileCredentials, wire)
    assert parsed == models.ConnectorProfileCredentials(salesforce=jwt)
    assert to_boto(parsed) == wire
    # the one member still goes through its own checks, reported at its path
    with pytest.raises(appflow_typed.ValidationError) as info:
        appflow_typed.from_boto(models.ConnectorProfileCredentials, {"Salesforce": {"oAuth2GrantType": "X"}})
    assert [v.path for v in info.value.violations] == ["Salesforce.oAuth2GrantType"]
    # and whatever is not one connector's member is judged by the union's own rules
    none = ("", "expected exactly one connector member, got none")
    for wrong, expected in (
        ({"Salesforce": None}, [none]),
        # the unknown key says it all (its name is withheld under credentials)
        ({"Bogus": {}}, [("", "has an unknown member (its name is not shown: under credentials)")]),
        (
            {**wire, "Amplitude": {"apiKey": "k", "secretKey": "s"}},
            [("", "expected exactly one connector member, got 2: Amplitude, Salesforce")],
        ),
    ):
        with pytest.raises(appflow_typed.ValidationError) as info:
            appflow_typed.from_boto(models.ConnectorProfileCredentials, wrong)
        assert [(v.path, v.message) for v in info.value.violations] == expected


def test_a_connector_union_takes_its_members_in_any_order_and_no_others() -> None:
    jwt = models.SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c")
    snowflake = models.SnowflakeConnectorProfileCredentials(username="u", password="p")
    given: dict[str, Any] = {"snowflake": snowflake, "salesforce": jwt, "slack": None}
    with pytest.raises(appflow_typed.ValidationError) as info:
        models.ConnectorProfileCredentials(**given)
    # model order (Salesforce before Snowflake), whatever the order of the arguments
    assert [v.message for v in info.value.violations] == [
        "expected exactly one connector member, got 2: Salesforce, Snowflake"
    ]
    one = models.ConnectorProfileCredentials(**{"slack": None, "salesforce": jwt})  # type: ignore[arg-type]
    assert one == models.ConnectorProfileCredentials(salesforce=jwt)  # a member given as None is not set
    assert to_boto(one) == {"Salesforce": {"oAuth2GrantType": "JWT_BEARER", "jwtToken": "a.b.c"}}
    with pytest.raises(appflow_typed.ValidationError) as info:
        models.ConnectorProfileCredentials(salesforce=snowflake, snowflake=jwt)  # type: ignore[call-overload]
    assert [(v.path, v.message) for v in info.value.violations] == [
        ("Salesforce", "expected SalesforceConnectorProfileCredentials, got SnowflakeConnectorProfileCredentials"),
        ("Snowflake", "expected SnowflakeConnectorProfileCredentials, got SalesforceConnectorProfileCredentials"),
        # which members are set is valid input to the union's rule: judged all the same
        ("", "expected exactly one connector member, got 2: Salesforce, Snowflake"),
    ]
    for wrong in ({"Salesforce": jwt}, {"salesforce": jwt, "bogus": 1}):
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            models.ConnectorProfileCredentials(**wrong)


def test_secret_set_is_derived_from_the_model(raw_model: dict[str, Any]) -> None:
    shapes = raw_model["shapes"]
    expected = set()
    for name in gen.Model(raw_model).structures():
        for member, spec in shapes[name]["members"].items():
            target = shapes[spec["shape"]]
            sensitive = target.get("sensitive") or member in gen.EXTRA_SECRET_MEMBERS
            if target["type"] == "map":
                sensitive = sensitive or shapes[target["key"]["shape"]].get("sensitive")
            if sensitive:
                expected.add((name, member))
    assert expected == set(_schema.SECRET_MEMBERS)
    # every member the service marks sensitive is covered, plus the extra credential members
    assert ("OAuthCredentials", "refreshToken") in expected
    assert ("DatadogConnectorProfileCredentials", "applicationKey") in expected
    assert ("InforNexusConnectorProfileCredentials", "datakey") in expected
    assert ("CustomAuthCredentials", "credentialsMap") in expected
    for shape, member in _schema.SECRET_MEMBERS:
        field = getattr(attrs.fields(getattr(models, shape)), gen.py_name(member))
        assert callable(field.repr), (shape, member)


# Strings that break one pattern or another of the model: a line terminator, a space, text
# outside ASCII, punctuation.
_PATTERN_BREAKERS = ("a\nb", "a b", " ", "\u00e9", "a\u2028", "!", "a!b", "-", "x" * 3, "0")


def test_every_request_string_constraint_is_enforced(raw_model: dict[str, Any]) -> None:
    # each enum and pattern of a request-reachable string rejects a value it does not allow,
    # at the path of a member holding it
    model = gen.Model(raw_model)
    shapes = raw_model["shapes"]
    owners: dict[str, tuple[str, str]] = {}
    for owner in model.structures():
        if owner in model.inputs:
            for member, spec in shapes[owner]["members"].items():
                owners.setdefault(spec["shape"], (owner, member))
    checked = 0
    for name in model.order:
        shape = shapes[name]
        if name not in model.inputs or shape["type"] != "string" or name not in owners:
            continue
        lo, hi = shape.get("min", 0), shape.get("max", 10**6)
        if "enum" in shape:
            bad, expected = "NOT_A_VALUE", "expected one of: "
        elif "pattern" in shape:
            regex = re.compile(gen.java_regex_to_python(shape["pattern"]), re.ASCII)
            fitting = [t for t in _PATTERN_BREAKERS if lo <= len(t) <= hi and not regex.fullmatch(t)]
            if not fitting:
                continue
            bad, expected = fitting[0], gen.pattern_message(shape["pattern"])
        else:
            continue
        owner, member = owners[name]
        with pytest.raises(appflow_typed.ValidationError) as info:
            appflow_typed.from_boto(getattr(models, owner), {member: bad})
        assert any(
            v.path == member and v.message.startswith(expected) for v in info.value.violations
        ), (name, owner, member, bad)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize(
    ("java", "accepted", "rejected"),
    [
        (r"[a-zA-Z0-9][\w!@#.-]+", ["a.b", "A_1"], ["Connectör", ".ab", "a"]),
        (r"\S+", ["x", "ö"], ["a b", "", "a\u00a0b" * 0 + " "]),
        (r".*", ["", "anything ü"], ["a\nb", "a\rb", "a\u2028", "\u0085"]),
        (r"^\d{3}$", ["100"], ["١٢٣", "1000", "10"]),
        (
            r"^$|com.amazonaws.vpce.[\w/!:@#.\-]+",
            ["", "com.amazonaws.vpce.x"],
            ["comXamazonaws", "x"],
        ),
        (r"[\s\w/!@#+=.-]*", ["a b\t"], ["a\u3000b"]),
        (  # the middle ".*" become lazy: the same strings still match
            r"arn:aws:.*:.*:[0-9]+:.*",
            ["arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:::1:", "arn:aws:a:b:c:12:x:9:"],
            ["arn:aws:lambda:us-east-1:function:f", "arn:aws:a:b:1", "arn:aws:a\n:b:1:c"],
        ),
    ],
)
def test_java_regex_translation(java: str, accepted: list[str], rejected: list[str]) -> None:
    pattern = re.compile(gen.java_regex_to_python(java), re.ASCII)
    for text in accepted:
        assert pattern.fullmatch(text), (java, text)
    for text in rejected:
        assert not pattern.fullmatch(text), (java, text)


# Characters around the edges of the commonest patterns: ASCII whitespace and controls, the
# Java line terminators, Unicode spaces, and letters, digits and punctuation on both sides of
# ASCII.
_EDGE_TEXT = st.text(
    alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x00\x1f\x7f\x85\xa0\u2028\u2029\u3000aZ0_-/.~é١"),
    min_size=1,
    max_size=6,
)

# (owner, member) holding a string shape with the commonest patterns of the model
_PATTERN_MEMBERS = [
    ("SalesforceConnectorProfileProperties", "instanceUrl"),  # \S+
    ("CreateFlowRequest", "clientToken"),  # [ -~]+
    ("CreateFlowRequest", "description"),  # [\s\w/!@#+=.-]*
    ("CreateFlowRequest", "flowName"),  # [a-zA-Z0-9][\w!@#.-]+
    ("Task", "destinationField"),  # .*
]


@pytest.mark.parametrize(("owner", "member"), _PATTERN_MEMBERS)
@settings(max_examples=150, deadline=None)
@given(text=_EDGE_TEXT)
def test_a_pattern_is_checked_exactly_as_its_regex(owner: str, member: str, text: str) -> None:
    shapes = gen.load_model()["shapes"]
    shape = shapes[shapes[owner]["members"][member]["shape"]]
    regex = re.compile(gen.java_regex_to_python(shape["pattern"]), re.ASCII)
    try:
        appflow_typed.from_boto(getattr(models, owner), {member: text})
    except appflow_typed.ValidationError as exc:
        reported = [v.message for v in exc.violations if v.path == member]
    else:
        reported = []
    assert (gen.pattern_message(shape["pattern"]) in reported) == (not regex.fullmatch(text))


def test_generated_model_modules_state_facts_only() -> None:
    # a class declaration holds annotated fields and docstrings (a union: its __init__
    # overloads for type checkers; a flow request: its __init__ signature tying its source
    # connector to its tasks'); no module holds a function or per-member logic
    for group in gen.OPERATION_GROUPS:
        tree = ast.parse((gen.MODELS / f"_{group}.py").read_text())
        for node in tree.body:
            assert not isinstance(node, (ast.FunctionDef, ast.If, ast.For)), (group, node.lineno)
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if isinstance(item, ast.If):  # if TYPE_CHECKING: the overloads
                    assert ast.unparse(item.test) == "TYPE_CHECKING", (node.name, item.lineno)
                    for inner in item.body:
                        assert isinstance(inner, (ast.AnnAssign, ast.FunctionDef))
                        if isinstance(inner, ast.FunctionDef):
                            assert ast.unparse(inner.body[0]) == "...", (node.name, inner.name)
                    continue
                assert isinstance(item, (ast.AnnAssign, ast.Expr)), (node.name, item.lineno)


@pytest.mark.parametrize("name", sorted(gen.SOURCE_TIED))
def test_a_signed_request_declares_for_type_checkers_the_signature_it_has(name: str) -> None:
    # the __init__ type checkers read (its source connector tied to its tasks') takes the
    # members the model takes at run time, the same ones required, the tied ones in ConnectorT
    cls = getattr(models, name)
    module = ast.parse((gen.MODELS / f"_{gen.Model(gen.load_model()).group_of[name]}.py").read_text())
    (node,) = [n for n in module.body if isinstance(n, ast.ClassDef) and n.name == name]
    (declared,) = [
        f
        for block in node.body
        if isinstance(block, ast.If)
        for f in block.body
        if isinstance(f, ast.FunctionDef) and f.name == "__init__"
    ]
    args = declared.args
    optional = {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d}
    runtime = inspect.signature(cls).parameters
    assert [a.arg for a in args.kwonlyargs] == list(runtime)
    assert optional == {p for p, v in runtime.items() if v.default is not inspect.Parameter.empty}
    tied = {gen.py_name(m) for m in gen.SOURCE_TIED[name]}
    in_connector = {
        a.arg
        for a in args.kwonlyargs
        if a.annotation is not None and "[ConnectorT]" in ast.unparse(a.annotation)
    }
    assert in_connector == tied


@pytest.mark.parametrize(
    "url", ["https://x.example", "https://x.example/\u00e9", "https://x.example/a b", "a\nb", "\u2028"]
)
def test_a_pattern_accepts_exactly_what_its_regex_accepts(url: str) -> None:
    pattern = gen.load_model()["shapes"]["InstanceUrl"]["pattern"]
    regex = re.compile(gen.java_regex_to_python(pattern), re.ASCII)
    if regex.fullmatch(url):
        models.SalesforceConnectorProfileProperties(instance_url=url)
        return
    with pytest.raises(appflow_typed.ValidationError) as info:
        models.SalesforceConnectorProfileProperties(instance_url=url)
    assert [v.path for v in info.value.violations] == ["instanceUrl"]


def test_installed_botocore_is_the_one_generated_from() -> None:
    assert botocore.session.get_session().get_service_model("appflow").api_version == (
        _schema.API_VERSION
    )


def test_equality_and_hash_are_by_class_and_members() -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    one = models.LambdaConnectorProvisioningConfig(lambda_arn=arn)
    assert one == models.LambdaConnectorProvisioningConfig(lambda_arn=arn)
    assert hash(one) == hash(models.LambdaConnectorProvisioningConfig(lambda_arn=arn))
    assert one != models.LambdaConnectorProvisioningConfig(lambda_arn=arn + "2")
    text: object = arn
    assert one != text
    assert one.__eq__(text) is NotImplemented
    # same members, another class: never equal
    response = models.RegisterConnectorResponse(connector_arn=arn)
    empty: object = models.UnregisterConnectorResponse()
    assert response != empty
    assert response == models.RegisterConnectorResponse(connector_arn=arn)
    assert models.UnregisterConnectorResponse() == models.UnregisterConnectorResponse()
    assert len({one, models.LambdaConnectorProvisioningConfig(lambda_arn=arn), response}) == 2
