"""Writing rating files: the wide and long CSV writers and the completed-matrix export.

A target named ``.xlsx`` gets a workbook instead (:mod:`.workbook`: known
ratings as numbers, predicted cells styled), whichever function writes it.

Known ratings are written exactly (:func:`format_rating`), labels normalized and
guarded against CSV injection (:mod:`.labels`), and every file is written
atomically (:func:`.files.atomic_write_bytes`). Nothing here imports Qt or torch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import numpy as np

from ..errors import SoloRecError
from .files import atomic_write_bytes
from .labels import _guard_formula, check_savable, normalize_label
from .matrix import RatingMatrix
from .read import _looks_long
from .workbook import write_workbook, writes_workbook


def format_rating(value: float) -> str:
    """Shortest text that reads back as exactly ``value`` (``4.02``, ``4``, ``3.5``)."""
    text = repr(float(value))
    return text.removesuffix(".0")


def _label_cell(label: str, guard) -> str:
    return guard(normalize_label(label))


def wide_rows(
    matrix: RatingMatrix,
    predictions: np.ndarray | None = None,
    *,
    decimals: int = 2,
    escape_formulas: bool = True,
) -> Iterator[list[str]]:
    """Rows of a wide CSV: known ratings exactly, missing cells empty or predicted.

    Labels are normalized (:func:`normalize_label`) and, with ``escape_formulas``
    (the default), guarded against CSV injection. The corner cell is left empty
    when keeping it would make the file read back as the long layout.
    """
    guard = _guard_formula if escape_formulas else (lambda s: s)
    header = [_label_cell(matrix.corner, guard)] + [_label_cell(i, guard) for i in matrix.items]
    if header[0] and _looks_long(header):
        header[0] = ""
    yield header
    known = matrix.known_mask
    fmt = f"{{:.{int(decimals)}f}}".format
    blank = [""] * matrix.n_items
    # Row at a time, not cell at a time: a 610 × 9724 export is 5.9 M cells.
    for u, user in enumerate(matrix.users):
        row, krow = matrix.values[u], known[u]
        if predictions is None:
            cells = list(blank)
        else:
            prow = predictions[u]
            cells = [fmt(v) for v in prow.tolist()]
            for i in np.flatnonzero(~np.isfinite(prow)).tolist():
                cells[i] = ""
        for i in np.flatnonzero(krow).tolist():
            cells[i] = format_rating(row[i])
        yield [_label_cell(user, guard), *cells]


def long_rows(
    matrix: RatingMatrix,
    predictions: np.ndarray | None = None,
    *,
    decimals: int = 2,
    escape_formulas: bool = True,
) -> Iterator[list[str]]:
    """``user,item,rating,is_predicted`` rows of the (completed) matrix."""
    guard = _guard_formula if escape_formulas else (lambda s: s)
    users = [_label_cell(u, guard) for u in matrix.users]
    items = [_label_cell(i, guard) for i in matrix.items]
    yield ["user", "item", "rating", "is_predicted"]
    known = matrix.known_mask
    for u, user in enumerate(users):
        for i, item in enumerate(items):
            if known[u, i]:
                yield [user, item, format_rating(matrix.values[u, i]), "0"]
            elif predictions is not None and np.isfinite(predictions[u, i]):
                yield [user, item, f"{round(float(predictions[u, i]), decimals):.{decimals}f}", "1"]


_SEPARATOR_CHARS = ",;\t|"


def _csv_field(cell: str, sep: str) -> str:
    """Quote a field when it holds a quote, a line break or any separator the
    reader's sniffer considers (so a tab inside a label cannot pass for the
    separator), or starts with U+FEFF (which, first in a file, would read as a BOM)."""
    if cell and (
        '"' in cell
        or "\n" in cell
        or "\r" in cell
        or sep in cell
        or any(c in cell for c in _SEPARATOR_CHARS)
        or cell.startswith("\ufeff")
    ):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_rows(path: str | os.PathLike, rows: Iterable[list[str]], *, bom: bool = False, sep: str = ",") -> None:
    """Write CSV rows atomically (UTF-8; with a BOM for Excel when ``bom``)."""
    out = []
    specials = set(_SEPARATOR_CHARS + '"\n\r\ufeff') - {sep}
    for row in rows:
        cells = [str(c) for c in row]
        line = sep.join(cells)
        # Fast path: nothing in the row needs quoting (numbers never do).
        if line and line.count(sep) == len(cells) - 1 and specials.isdisjoint(line):
            out.append(line)
        else:
            out.append('""' if cells == [""] else sep.join(_csv_field(c, sep) for c in cells))
    out.append("")
    text = "\n".join(out)
    try:
        data = text.encode("utf-8-sig" if bom else "utf-8")
    except UnicodeEncodeError as exc:
        raise SoloRecError(f"cannot write {path}: the text contains characters that are not valid Unicode ({exc.reason})") from None
    atomic_write_bytes(path, data)


def save_wide(matrix: RatingMatrix, path: str | os.PathLike, *, bom: bool = False, escape_formulas: bool = True) -> None:
    """Save the known ratings as a wide CSV in the input's layout; values round-trip exactly.

    Raises :class:`SoloRecError` (and leaves any existing file untouched) when
    the matrix cannot be saved faithfully (:func:`check_savable`) or the write fails.
    """
    check_savable(matrix)
    if writes_workbook(path):
        write_workbook(path, matrix)
        return
    write_rows(path, wide_rows(matrix, escape_formulas=escape_formulas), bom=bom)


def export_completed(
    matrix: RatingMatrix,
    predictions: np.ndarray,
    path: str | os.PathLike,
    *,
    decimals: int = 2,
    bom: bool = False,
    layout: str = "wide",
    escape_formulas: bool = True,
    about: str | None = None,
) -> None:
    """Write the completed matrix: known values unchanged, predictions rounded.

    To an ``.xlsx`` path this writes a workbook whose predicted cells are styled
    (``bom`` and ``escape_formulas`` do not apply: cells are typed, labels are text
    cells; ``about`` goes to its "About" sheet, e.g. the model and its settings).
    """
    check_savable(matrix)
    if writes_workbook(path):
        write_workbook(path, matrix, predictions, decimals=decimals, layout=layout, about=about)
        return
    if layout == "long":
        write_rows(path, long_rows(matrix, predictions, decimals=decimals, escape_formulas=escape_formulas), bom=bom)
    else:
        write_rows(path, wide_rows(matrix, predictions, decimals=decimals, escape_formulas=escape_formulas), bom=bom)
