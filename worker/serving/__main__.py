"""`python -m worker.serving --host H --port P` (or `--uds PATH`): the CPU inference server.

python -m worker.serving --port 8001 --model tiny-chat=var/models/tiny-chat
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from worker.serving.app import create_app
from worker.serving.registry import Registry


def _named_path(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {value!r}")
    return name, path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m worker.serving", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--uds", help="listen on this unix socket instead of host:port")
    parser.add_argument("--max-loaded", type=int, default=2, help="models kept in memory (least recently used go)")
    parser.add_argument("--model", type=_named_path, action="append", default=[], help="serve NAME=PATH at start")
    parser.add_argument("--lora", type=_named_path, action="append", default=[], help="serve adapter NAME=PATH")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(name)s: %(message)s")
    registry = Registry(max_loaded=args.max_loaded)
    for name, path in args.model:
        registry.register_base(name, path)
    for name, path in args.lora:
        registry.register_adapter(name, path)
    app = create_app(registry)
    if args.uds:
        uvicorn.run(app, uds=args.uds, log_level="info")
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
