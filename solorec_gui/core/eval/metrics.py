"""Error metrics on the rating scale: RMSE = sqrt(mean((ŷ − y)²)), MAE = mean(|ŷ − y|).

Predictions are clipped to the scale, as the completed matrix shows them.
"""

from __future__ import annotations

import math

import numpy as np


def _pair(pred, true) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(pred, dtype=np.float64).ravel()
    t = np.asarray(true, dtype=np.float64).ravel()
    if p.shape != t.shape:
        raise ValueError(f"predictions ({p.size}) and ratings ({t.size}) differ in length")
    return p, t


def rmse(pred, true) -> float:
    """Root mean squared error; NaN for empty input."""
    p, t = _pair(pred, true)
    return float(np.sqrt(np.mean((p - t) ** 2))) if p.size else float("nan")


def mae(pred, true) -> float:
    """Mean absolute error; NaN for empty input."""
    p, t = _pair(pred, true)
    return float(np.mean(np.abs(p - t))) if p.size else float("nan")


def sample_sd(values: list[float]) -> float:
    v = [x for x in values if math.isfinite(x)]
    return float(np.std(v, ddof=1)) if len(v) > 1 else 0.0


def json_number(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(v) else None
    return v
