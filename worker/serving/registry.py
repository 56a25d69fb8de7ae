"""What the CPU server serves: names registered to model or adapter folders, and the few it keeps loaded.

Registering is cheap (the folder is checked, not loaded); weights load at the first request for a name and stay
in a small least-recently-used cache, so a playground flipping between two checkpoints does not reload either.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from worker.engine.inference import InferenceModel, adapter_base_path, is_adapter_folder, load_for_inference


class UnknownModel(LookupError):
    pass


class BadModelFolder(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    name: str
    path: str
    parent: str | None  # an adapter's base, as its adapter_config.json names it


def _looks_local(path: str) -> bool:
    return path.startswith(("/", ".", "~")) or Path(path).is_dir()


class Registry:
    def __init__(self, max_loaded: int = 2, loader: Callable[[str], InferenceModel] = load_for_inference) -> None:
        self.max_loaded = max_loaded
        self._loader = loader
        self._entries: dict[str, Entry] = {}
        self._loaded: OrderedDict[str, InferenceModel] = OrderedDict()
        self._lock = threading.Lock()

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def register_base(self, name: str, path: str) -> Entry:
        if _looks_local(path) and not (Path(path) / "config.json").is_file():
            raise BadModelFolder(f"{path} is not a model folder (no config.json)")
        return self._register(Entry(name, path, None))

    def register_adapter(self, name: str, path: str) -> Entry:
        if not is_adapter_folder(path):
            raise BadModelFolder(f"{path} is not a LoRA adapter folder (no adapter_config.json)")
        return self._register(Entry(name, path, adapter_base_path(Path(path))))

    def _register(self, entry: Entry) -> Entry:
        with self._lock:
            if (known := self._entries.get(entry.name)) is not None and known.path != entry.path:
                raise BadModelFolder(f"{entry.name!r} is already served from {known.path}; unload it first")
            self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        with self._lock:
            if self._entries.pop(name, None) is None:
                raise UnknownModel(f"{name!r} is not loaded")
            self._loaded.pop(name, None)

    def get(self, name: str) -> InferenceModel:
        """The loaded model for a registered name, loading it (and evicting the least recently used) if needed."""
        with self._lock:
            entry = self._entries.get(name)
            if entry is None:
                known = ", ".join(sorted(self._entries)) or "none"
                raise UnknownModel(f"{name!r} is not served here; served: {known}")
            if name in self._loaded:
                self._loaded.move_to_end(name)
                return self._loaded[name]
            # Loading under the lock: on CPU two parallel loads would only compete for the same cores.
            loaded = self._loader(entry.path)
            self._loaded[name] = loaded
            while len(self._loaded) > self.max_loaded:
                self._loaded.popitem(last=False)
            return loaded
