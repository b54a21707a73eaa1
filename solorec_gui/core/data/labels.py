"""Labels that survive a save: normalization, representability, CSV-injection guards.

The writers (:mod:`.write`) guard a label a spreadsheet would run as a formula
with a leading apostrophe; the readers (:mod:`.read`) strip it again, so labels
round-trip. :func:`check_savable` refuses a matrix whose saved file would not
read back as itself. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import re

import numpy as np

from ..errors import SoloRecError
from .matrix import RatingMatrix

#: C0 control characters other than tab, CR and LF: a CSV text never contains them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guard_formula(label: str) -> str:
    """OWASP CSV-injection advice: a label a spreadsheet would run as a formula
    gets a leading apostrophe, which the spreadsheet shows as text. The reader
    strips it again, so labels round-trip. A label that itself starts with an
    apostrophe gets a second one, so it round-trips too."""
    if label.startswith(_FORMULA_START) or label.startswith("'"):
        return "'" + label
    return label


def _strip_formula_guard(label: str) -> str:
    if label.startswith("'") and len(label) > 1 and label[1:].startswith(_FORMULA_START + ("'",)):
        return label[1:]
    return label


def normalize_label(label: str) -> str:
    """The label as it will read back from a file: surrounding whitespace removed.

    The reader strips every field (spreadsheets pad them), so surrounding
    whitespace is not part of a label. The window can apply this to an edited label.
    """
    return str(label).strip()


def label_problem(label: str) -> str | None:
    """Why ``label`` cannot be saved and read back, or None if it can.

    A label is representable when it is not empty after :func:`normalize_label`,
    contains no control character other than tab, CR and LF, and is valid
    Unicode (no lone surrogate). Commas, quotes, newlines, emoji and formula
    characters are all fine (they are quoted or guarded).
    """
    norm = normalize_label(label)
    if not norm:
        return "a label cannot be empty"
    bad = _CONTROL.search(norm)
    if bad:
        return f"the label {norm!r} contains the control character U+{ord(bad.group()):04X}"
    try:
        norm.encode("utf-8")
    except UnicodeEncodeError:
        return f"the label {norm!r} is not valid Unicode text"
    return None


def check_savable(matrix: RatingMatrix) -> None:
    """Raise :class:`SoloRecError` unless the saved file would read back as ``matrix``.

    Refused: no user or no item, an unrepresentable label (see
    :func:`label_problem`), two users or two items with the same label once
    normalized, a known value that is not finite or is off the scale, and a
    matrix without any known rating (a file the reader refuses). Surrounding
    whitespace of labels is dropped on save, as the reader would.
    """
    if matrix.n_users == 0 or matrix.n_items == 0:
        raise SoloRecError("cannot save: the matrix needs at least one user and one item")
    for what, labels in (("user", matrix.users), ("item", matrix.items)):
        seen: dict[str, int] = {}
        for k, label in enumerate(labels):
            problem = label_problem(label)
            if problem:
                raise SoloRecError(f"cannot save: {what} {k + 1}: {problem}")
            norm = normalize_label(label)
            if norm in seen:
                raise SoloRecError(
                    f"cannot save: {what}s {seen[norm] + 1} and {k + 1} are both labelled {norm!r}; "
                    "labels must be unique"
                )
            seen[norm] = k
    if normalize_label(matrix.corner) and label_problem(matrix.corner):
        raise SoloRecError(f"cannot save: the corner cell: {label_problem(matrix.corner)}")
    known = matrix.values[matrix.known_mask]
    if known.size == 0:
        raise SoloRecError("cannot save: the matrix has no known rating, and such a file could not be opened again")
    lo, hi = matrix.scale
    bad = ~np.isfinite(known) | (known < lo) | (known > hi)
    if bad.any():
        rows, cols = np.nonzero(matrix.known_mask)
        k = int(np.argmax(bad))
        u, i = int(rows[k]), int(cols[k])
        raise SoloRecError(
            f"cannot save: the rating {known[k]!r} of user {matrix.users[u]!r}, item {matrix.items[i]!r} "
            f"is not on the scale {lo:g} to {hi:g}"
        )
