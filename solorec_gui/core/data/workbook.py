"""Workbooks: reading ``.xlsx``/``.xlsm``/``.ods`` sheets, writing completed matrices as ``.xlsx``.

Reading goes through ``pandas.read_excel`` with the **calamine** engine
(python-calamine, a binding of the Rust calamine crate): one engine for
.xlsx, .xlsm and .ods. On ml-100k as a 100,000-rating workbook
(``bench/workbook_engines.py``, 2 cores, load ~3.5) it reads the .xlsx in
0.42 s against openpyxl's 3.5 s; under load ~5, the .xlsx in 1.6 s against
15.8 s and the .ods in 1.7 s against odfpy's 96 s. SoloRec opens that .xlsx
in 0.63 s (reading, checks, pivot). A sheet becomes the
same table of cell texts a CSV does (:class:`.read.Table`), so the wide and
long layouts, the checks and the messages are the CSV reader's; a message
names the sheet and the cell (``sheet 'Ratings', cell C5``). Numbers keep
their exact value (a cell's double is written as its shortest repr and read
back by the same rule as typed text).

Writing uses **openpyxl** (write-only mode): known ratings are plain numbers,
predicted cells numbers rounded to ``decimals`` and styled (italic on a pale
blue fill), and a second sheet says so. Labels are written as text cells, so
nothing in them runs as a formula.

Password-protected and damaged files are recognised before the engine sees
them (an encrypted .xlsx is an OLE2 container, not a ZIP archive; an encrypted
.ods says so in its manifest) and refused with one clear line. Nothing here
imports Qt or torch; pandas and the engines are imported when a workbook is read.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import numpy as np

from ..errors import InputError, SoloRecError
from .files import atomic_write_bytes, read_file_bytes
from .labels import _strip_formula_guard, check_savable, normalize_label
from .matrix import RatingMatrix

#: Files read as workbooks (by their name's suffix).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
#: Workbooks SoloRec writes.
WRITABLE_SUFFIXES = (".xlsx",)
#: ``pandas.read_excel`` engine for every workbook SoloRec reads.
READ_ENGINE = "calamine"

#: Excel's sheet size.
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def is_workbook(path: str | os.PathLike) -> bool:
    """Whether ``path`` is read as a workbook (its suffix is one of :data:`WORKBOOK_SUFFIXES`)."""
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def writes_workbook(path: str | os.PathLike) -> bool:
    """Whether saving to ``path`` writes a workbook; raises :class:`SoloRecError` for one SoloRec cannot write."""
    suffix = Path(path).suffix.lower()
    if suffix in WRITABLE_SUFFIXES:
        return True
    if suffix in WORKBOOK_SUFFIXES:
        raise SoloRecError(f"cannot write {path}: SoloRec writes workbooks as .xlsx (or text as .csv), not {suffix}")
    return False


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _check_container(data: bytes, path: str) -> None:
    """Refuse what no engine can read, with the reason: encrypted, damaged, or not a workbook at all."""
    suffix = Path(path).suffix.lower()
    if data.startswith(_OLE2):
        if _ENCRYPTION_INFO in data:
            raise InputError(
                "the workbook is password-protected (encrypted); SoloRec cannot open it: "
                "save a copy without a password",
                path=path,
            )
        raise InputError(
            f"this is an Excel 97-2003 workbook (.xls) or another OLE2 file, not {suffix}: "
            "save it as .xlsx or .csv",
            path=path,
        )
    if not data:
        raise InputError("the file is empty (0 bytes): not a workbook", path=path)
    if not data.startswith(b"PK"):
        head = data[:512]
        try:
            head.decode("utf-8")
            text = b"\x00" not in head
        except UnicodeDecodeError:
            text = False
        hint = f"it looks like a text (CSV) file named {suffix}" if text else "is it damaged, or another kind of file?"
        raise InputError(f"this is not a {suffix} workbook (it is not a ZIP archive): {hint}", path=path)
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"the workbook is damaged (its ZIP archive is broken: {exc})", path=path) from None
    if suffix == ".ods":
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise InputError(
                "the workbook is password-protected (encrypted); SoloRec cannot open it: "
                "save a copy without a password",
                path=path,
            )
        if "content.xml" not in names:
            raise InputError("the workbook is damaged or not an OpenDocument spreadsheet (no content.xml)", path=path)
    elif "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise InputError(f"the workbook is damaged or not an Excel {suffix} file (no xl/workbook.xml)", path=path)


def _engine_error(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


class _Workbook:
    """An opened workbook: its sheet names and their cells (through ``pandas.ExcelFile``)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        data = read_file_bytes(path)
        _check_container(data, self.path)
        import pandas as pd

        try:
            self._file = pd.ExcelFile(io.BytesIO(data), engine=READ_ENGINE)
            self.sheets = [str(name) for name in self._file.sheet_names]
        except Exception as exc:  # noqa: BLE001 (the engine's errors: zip, XML, format; no common base class)
            raise InputError(f"the workbook cannot be read; is it damaged? ({_engine_error(exc)})",
                             path=self.path) from None
        if not self.sheets:
            raise InputError("the workbook has no worksheet", path=self.path)

    def sheet_name(self, sheet: str | None) -> str:
        if sheet is None:
            return self.sheets[0]
        if sheet in self.sheets:
            return sheet
        raise InputError(
            f"the workbook has no sheet named {sheet!r}; its sheets: {', '.join(repr(s) for s in self.sheets)}",
            path=self.path,
        )

    def cells(self, name: str) -> np.ndarray:
        """The sheet from cell A1 as an object array of Python values ('' for an empty cell)."""
        import pandas as pd

        try:
            frame = pd.read_excel(self._file, sheet_name=name, header=None, dtype=object, na_filter=False)
        except Exception as exc:  # noqa: BLE001 (as above)
            raise InputError(
                f"sheet {name!r} cannot be read; is the workbook damaged? ({_engine_error(exc)})", path=self.path
            ) from None
        return frame.to_numpy(dtype=object)


def workbook_sheets(path: str | os.PathLike) -> list[str]:
    """The worksheet names of a workbook, in the workbook's order (for a sheet chooser)."""
    return _Workbook(path).sheets


def _cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold: numbers by their shortest exact repr."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if type(value).__name__ == "NaTType":  # pandas' missing date
        return ""
    iso = getattr(value, "isoformat", None)
    return iso() if callable(iso) else str(value)


def sheet_cells(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """A sheet's cells as texts, without its empty rows and the empty columns left of the data.

    Returns (cells, sheet_rows, left): ``cells[k]`` is sheet row ``sheet_rows[k]`` (1-based)
    from column ``left + 1`` on. Empty rows are dropped as blank lines are in a CSV.
    """
    if values.size == 0:
        return np.empty((0, 0), dtype=object), np.empty(0, dtype=np.intp), 0
    flat = values.ravel()
    texts = np.array([v if type(v) is str else _cell_text(v) for v in flat], dtype=object).reshape(values.shape)
    filled = np.array([bool(t.strip()) for t in texts.ravel()], dtype=bool).reshape(texts.shape)
    rows = np.flatnonzero(filled.any(axis=1))
    if len(rows) == 0:
        return np.empty((0, 0), dtype=object), np.empty(0, dtype=np.intp), 0
    used = np.flatnonzero(filled.any(axis=0))
    left = int(used[0])
    return np.ascontiguousarray(texts[rows][:, left : int(used[-1]) + 1]), rows + 1, left


def open_sheet(path: str | os.PathLike, sheet: str | None = None) -> tuple[np.ndarray, np.ndarray, int, str, list[str]]:
    """The cells of one sheet (default: the first): :func:`sheet_cells` plus the sheet's name and all names."""
    book = _Workbook(path)
    name = book.sheet_name(sheet)
    cells, rows, left = sheet_cells(book.cells(name))
    return cells, rows, left, name, list(book.sheets)


def column_letters(column: int) -> str:
    """Excel's name of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

#: How a predicted cell looks (a known rating keeps the default look).
PREDICTED_FILL = "DDEBF7"
PREDICTED_FONT = "1F3864"


def _label_text(label: str) -> str:
    """The label as written: normalised, and kept from the reader's formula-guard stripping."""
    text = normalize_label(label)
    return text if _strip_formula_guard(text) == text else "'" + text


def write_workbook(
    path: str | os.PathLike,
    matrix: RatingMatrix,
    predictions: np.ndarray | None = None,
    *,
    decimals: int = 2,
    layout: str = "wide",
    about: str | None = None,
) -> None:
    """Write ``matrix`` (completed with ``predictions`` if given) as an .xlsx, atomically.

    Known ratings are exact numbers; predicted cells are numbers rounded to
    ``decimals``, shown in italics on a pale blue fill. The first sheet holds the
    ratings in the input's layout (``wide``) or one rating per row (``long``:
    user, item, rating, is_predicted); a second sheet, "About", explains the
    styling (and ``about``, e.g. the model's settings). Reads back with
    :func:`.read.read_workbook` as the same matrix. Raises :class:`SoloRecError`.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    check_savable(matrix)
    n_users, n_items = matrix.shape
    if layout == "long":
        n_rows = 1 + int(matrix.n_known if predictions is None else np.count_nonzero(
            matrix.known_mask | np.isfinite(predictions)))
        n_cols = 4
    else:
        n_rows, n_cols = n_users + 1, n_items + 1
    if n_rows > MAX_SHEET_ROWS or n_cols > MAX_SHEET_COLUMNS:
        raise SoloRecError(
            f"cannot write {path}: {n_rows:,} rows × {n_cols:,} columns do not fit in a worksheet "
            f"({MAX_SHEET_ROWS:,} × {MAX_SHEET_COLUMNS:,}); write a CSV"
            + (" or the wide layout" if layout == "long" else "")
        )
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ratings")
    sheet.freeze_panes = "B2" if layout != "long" else "A2"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=PREDICTED_FILL)
    italic = Font(italic=True, color=PREDICTED_FONT)
    number_format = "0." + "0" * int(decimals) if decimals > 0 else "0"

    def text(value: str, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the label starts with
        if font is not None:
            cell.font = font
        return cell

    # Styling a cell costs ~50 µs in openpyxl (style registry lookups): a workbook of 1.6 M predictions
    # would spend over a minute on it. A write-only sheet writes each appended row at once, so one
    # styled cell per column is set up once and reused for every row, with only its value changed.
    pool: list[WriteOnlyCell] = []

    def predicted(column: int, value: float) -> WriteOnlyCell:
        while len(pool) <= column:
            cell = WriteOnlyCell(sheet)
            cell.fill, cell.font, cell.number_format = fill, italic, number_format
            pool.append(cell)
        cell = pool[column]
        cell.value = round(float(value), int(decimals))
        return cell

    known = matrix.known_mask
    users = [_label_text(u) for u in matrix.users]
    items = [_label_text(i) for i in matrix.items]
    if layout == "long":
        sheet.append([text(h, bold) for h in ("user", "item", "rating", "is_predicted")])
        for u in range(n_users):
            for i in range(n_items):
                if known[u, i]:
                    sheet.append([text(users[u]), text(items[i]), float(matrix.values[u, i]), 0])
                elif predictions is not None and np.isfinite(predictions[u, i]):
                    sheet.append([text(users[u]), text(items[i]), predicted(0, predictions[u, i]), 1])
    else:
        sheet.append([text(_label_text(matrix.corner) if normalize_label(matrix.corner) else "", bold)]
                     + [text(i, bold) for i in items])
        for u in range(n_users):
            row: list = [None] * n_items
            values = matrix.values[u]
            if predictions is not None:
                for i in np.flatnonzero(~known[u] & np.isfinite(predictions[u])).tolist():
                    row[i] = predicted(i, predictions[u, i])
            for i in np.flatnonzero(known[u]).tolist():
                row[i] = float(values[i])
            sheet.append([text(users[u], bold), *row])
    notes = book.create_sheet("About")
    notes.append(["SoloRec rating matrix"])
    if predictions is not None:
        cell = WriteOnlyCell(notes, value=f"Predicted (italic, blue fill; {decimals} decimals)")
        cell.fill, cell.font = fill, italic
        notes.append([cell])
        notes.append(["Known rating (plain): as in the input file"])
    for line in (about or "").splitlines():
        notes.append([text(line)])
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception as exc:  # noqa: BLE001 (openpyxl refuses some text, e.g. characters XML cannot hold)
        raise SoloRecError(f"cannot write {path}: {_engine_error(exc)}") from None
    atomic_write_bytes(path, buffer.getvalue())
