"""Length distributions: percentiles and histograms of per-record counts."""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np

PERCENTILES = (50, 90, 99)
HISTOGRAM_BINS = 30


def percentile(values: np.ndarray[Any, Any], q: float) -> float:
    """The q-th percentile with linear interpolation between closest ranks (numpy's default method)."""
    if values.size == 0:
        return 0.0
    ordered = np.sort(values)
    position = (ordered.size - 1) * q / 100
    low = int(np.floor(position))
    high = min(low + 1, ordered.size - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def histogram(values: np.ndarray[Any, Any], bins: int = HISTOGRAM_BINS) -> dict[str, list[int]]:
    """Equal-width integer bins from 0 past the maximum: bin i holds `edges[i] <= value < edges[i + 1]`."""
    if values.size == 0:
        return {"edges": [], "counts": []}
    top = int(values.max())
    width = max(1, -(-(top + 1) // bins))  # ceil, so every value falls in a bin and edges stay integers
    count = -(-(top + 1) // width)
    edges = [i * width for i in range(count + 1)]
    counts = np.bincount(values.astype(np.int64) // width, minlength=count)
    return {"edges": edges, "counts": [int(c) for c in counts[:count]]}


def distribution(lengths: array[int]) -> dict[str, Any]:
    """Summary of one length series (e.g. user tokens per record): count, sum, mean, percentiles, max, histogram."""
    values = np.frombuffer(lengths, dtype=np.uint32) if len(lengths) else np.zeros(0, dtype=np.uint32)
    summary: dict[str, Any] = {
        "records": int(values.size),
        "total": int(values.sum(dtype=np.int64)),
        "mean": float(values.mean()) if values.size else 0.0,
        "max": int(values.max()) if values.size else 0,
    }
    for q in PERCENTILES:
        summary[f"p{q}"] = percentile(values, q)
    summary["histogram"] = histogram(values)
    return summary
