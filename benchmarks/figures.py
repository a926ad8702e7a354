"""How every benchmark states a figure: a median with its range, and a goal met or missed."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def spread(values: Sequence[float], unit: str = "ms", scale: float = 1000.0) -> str:
    """'median 12.3 ms (min 10.1, max 15.2, n=7)' from values in seconds."""
    scaled = [value * scale for value in values]
    digits = 1 if unit == "ms" else 3
    return (
        f"median {statistics.median(scaled):.{digits}f} {unit} "
        f"(min {min(scaled):.{digits}f}, max {max(scaled):.{digits}f}, n={len(scaled)})"
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def verdict(value: float, limit: float, what: str) -> str:
    """One line that says plainly whether a goal is met: 'GOAL MET' or 'GOAL MISSED'."""
    state = "GOAL MET   " if value <= limit else "GOAL MISSED"
    return f"{state} {what}: {value:.2f} against a limit of {limit:g}"
