"""The artifact store: datasets, checkpoints and exports under keys the workbench generates.

A user-supplied name never becomes a path: keys are built from generated ids only and checked here.
The local folder is the embedded default; an S3-compatible store can implement the same protocol.
"""

from __future__ import annotations

import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Protocol

from backend.core.settings import get_settings

_KEY = re.compile(r"^[a-z0-9_][a-z0-9_.\-]*(/[a-z0-9_][a-z0-9_.\-]*)*$")


class Storage(Protocol):
    def import_file(self, key: str, source: Path) -> None:
        """Move a finished local file into the store atomically."""

    def open(self, key: str) -> BinaryIO: ...

    def exists(self, key: str) -> bool: ...

    def local_path(self, key: str) -> Path:
        """A local path for code that needs one (training reads datasets and writes checkpoints here)."""

    def delete(self, key: str) -> None: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        if not _KEY.match(key) or ".." in key.split("/"):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    def import_file(self, key: str, source: Path) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".tmp-{target.name}")
        shutil.move(str(source), tmp)
        os.replace(tmp, target)

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def local_path(self, key: str) -> Path:
        return self._path(key)

    def delete(self, key: str) -> None:
        path = self._path(key)
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    def staging_dir(self) -> Path:
        """Where uploads are written while they are validated (same file system, so the final move is a rename)."""
        path = self.root / ".staging"
        path.mkdir(parents=True, exist_ok=True)
        return path


@lru_cache
def get_storage() -> LocalStorage:
    return LocalStorage(get_settings().artifacts_dir)
