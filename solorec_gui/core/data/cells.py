"""One rating cell as text → a number on the scale (or NaN for a missing marker).

Shared by the readers and by :meth:`RatingMatrix.parse_rating` (typed or pasted values).
"""

from __future__ import annotations

import re

import numpy as np

from ..errors import InputError

MISSING_MARKERS = frozenset({"", "na", "n/a", "nan", "-"})

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def _parse_cell(text: str, scale: tuple[float, float], *, decimal_comma: bool, where: str = "") -> float:
    s = text.strip()
    if s.lower() in MISSING_MARKERS:
        return float("nan")
    if decimal_comma and "," in s and "." not in s:
        s = s.replace(",", ".")
    prefix = f"{where}: " if where else ""
    if not _NUMBER.match(s):
        shown = text.strip()
        if len(shown) > 40:
            shown = shown[:37] + "..."
        if s.lower().lstrip("+-") in ("inf", "infinity"):
            raise InputError(f"{prefix}rating {shown!r} is not a finite number")
        raise InputError(f"{prefix}rating {shown!r} is not a number")
    v = float(s)
    lo, hi = scale
    if not np.isfinite(v):
        raise InputError(f"{prefix}rating {text.strip()!r} is not a finite number")
    if v < lo or v > hi:
        raise InputError(f"{prefix}rating {v:g} is outside the scale {lo:g} to {hi:g}")
    return v
