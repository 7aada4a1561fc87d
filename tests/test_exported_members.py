"""The public surface is exported on purpose: sorted __all__, every public name documented."""

from __future__ import annotations

import importlib
import importlib.util
import inspect

import pytest

_HAVE_ASYNC_EXTRA = importlib.util.find_spec("aiobotocore") is not None

PUBLIC_MODULES = ["appflow_typed", "appflow_typed.errors", "appflow_typed.models"]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_is_sorted_and_complete(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = list(module.__all__)
    assert exported == sorted(exported)
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and getattr(value, "__module__", module_name).startswith("appflow_typed")
        and name not in {"annotations"}
    }
    assert public <= set(exported) | {"TYPE_CHECKING"}, public - set(exported)
    for name in exported:
        if name == "AsyncAppFlowClient" and not _HAVE_ASYNC_EXTRA:
            continue  # resolving it needs the async extra (tests/test_async_extra.py)
        assert hasattr(module, name), name


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_classes_and_functions_are_documented(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        if name == "AsyncAppFlowClient" and not _HAVE_ASYNC_EXTRA:
            continue
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{module_name}.{name} has no docstring"


def test_every_error_class_is_importable_from_the_package_root() -> None:
    """``from appflow_typed import ConflictError`` works for every public error class."""
    import appflow_typed
    import appflow_typed.errors

    for name in appflow_typed.errors.__all__:
        assert name in appflow_typed.__all__, name
        assert getattr(appflow_typed, name) is getattr(appflow_typed.errors, name), name
