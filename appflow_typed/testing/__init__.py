"""A local AppFlow endpoint for tests: real boto3 clients talk to it over loopback."""
