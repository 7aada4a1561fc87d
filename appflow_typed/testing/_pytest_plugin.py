"""pytest plugin: fixtures for the local AppFlow endpoint."""
