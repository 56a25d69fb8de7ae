"""A folder as a tar stream, produced piece by piece: nothing is built in memory or on disk first.

Each file is a 512-byte header, its bytes read in chunks, and zero padding to the next 512-byte boundary; two
zero blocks end the archive. tarfile builds the headers (PAX, so long names and large sizes are fine).
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

BLOCK = tarfile.BLOCKSIZE
CHUNK = 1024 * 1024


def tar_stream(folder: Path, prefix: str) -> Iterator[bytes]:
    """The files under `folder` (sorted, regular files only) as members `prefix/<relative path>`."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        stat = path.stat()
        info = tarfile.TarInfo(f"{prefix}/{path.relative_to(folder).as_posix()}")
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o644
        yield info.tobuf(format=tarfile.PAX_FORMAT)
        written = 0
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                written += len(chunk)
                yield chunk
        if written != info.size:
            raise RuntimeError(f"{path} changed size while being archived")
        if remainder := written % BLOCK:
            yield b"\0" * (BLOCK - remainder)
    yield b"\0" * (2 * BLOCK)
