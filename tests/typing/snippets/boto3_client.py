"""boto3's own client is typed too (the ``types`` extra: boto3-stubs[appflow]), as the README
uses it: ``guard(boto3.client("appflow"))``."""

import boto3
from mypy_boto3_appflow import AppflowClient
from typing_extensions import assert_type

import appflow_typed

client = boto3.client("appflow")
assert_type(client, AppflowClient)
assert_type(appflow_typed.guard(boto3.client("appflow", region_name="eu-west-1")), AppflowClient)
assert_type(boto3.Session().client("appflow"), AppflowClient)
assert_type(client.list_flows(maxResults=1)["flows"][0].get("flowName"), str | None)

client.list_flows(maxResult=1)  # E: call-arg
