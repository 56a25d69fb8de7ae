"""Command line: `python -m backend.cli {setup,migrate,openapi,up}`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from backend import launcher
from backend.core.settings import get_settings
from backend.setup import migrate, seed


def _openapi(out: Path | None) -> None:
    from backend.app import create_app

    text = json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tunewright")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database schema to the newest migration")
    sub.add_parser("setup", help="migrate, register the default user and model catalog, build the demo models")
    openapi = sub.add_parser("openapi", help="print the OpenAPI schema")
    openapi.add_argument("--out", type=Path)
    up = sub.add_parser("up", help="set up, then run Redis (embedded), a worker and the API until Ctrl-C")
    up.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)

    settings = get_settings()
    if args.command == "openapi":
        _openapi(args.out)
    elif args.command == "migrate":
        migrate()
    elif args.command in ("setup", "up"):
        migrate()
        launcher.prepare_models(settings)
        seed()
        if args.command == "up":
            return launcher.run(settings, args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
