"""``python -m appflow_typed.testing serve [--host 127.0.0.1] [--port 0] [--state FILE]``."""

from appflow_typed.testing._cli import main

raise SystemExit(main())
