"""``python -m appflow_typed``: the ``appflow-typed`` command."""

from appflow_typed._cli import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m appflow_typed"))
