"""Reading rating files: decoding, separator sniffing, tokenising, and SoloRec's own checks.

Files come in two layouts, detected automatically:

* **wide**: the first column holds user labels, the header holds item labels,
  an empty field is a missing rating. This is how the lecture's ``solo.csv`` is
  written (numbers padded with spaces, one row a field short).
* **long**: one rating per line, ``user,item,rating[,timestamp]``, with or without
  a header, comma-, tab- or semicolon-separated (MovieLens ``u.data`` and
  ``ratings.csv``). It is pivoted to the matrix.

Reading is three steps, each with one owner:

1. **Decoding** (:func:`decode_bytes`, ours): UTF-16 with a BOM, UTF-8, the cp949
   fallback Excel on Korean Windows writes, latin-1; NUL bytes and control
   characters are refused with their line. pandas' ``encoding=`` cannot fall back
   from one encoding to the next, nor say on which line a control character is.
2. **Tokenising** into a table of cell texts: ``pandas.read_csv`` (its C reader:
   separators, quoting, CR/LF/CRLF, ragged rows). Texts shorter than
   :data:`PANDAS_MIN_CHARS` are tokenised by the standard library's ``csv``
   instead: importing pandas costs ~0.4 s, far more than reading solo.csv, and
   the window opens that file before it shows. The two tokenisers give the same
   table (``tests/core/test_pandas_reader.py`` checks the bad/odd corpus and
   random text through both). Workbooks (:mod:`.workbook`) arrive here as the
   same kind of table, from ``pandas.read_excel``.
3. **Checking** the table (ours, vectorised): labels, the rating scale, missing
   markers, duplicates, the size limit. Each distinct cell text is parsed once
   by the same rule as a typed value (:func:`.cells._parse_cell`). pandas'
   ``na_values`` is not used for the missing markers: it matches the raw field,
   and spreadsheets pad fields (solo.csv's ``"4.  "``), so the markers are
   compared after stripping. When something is wrong, the first bad record in
   file order is examined again on its own, as the file has it, so the message
   names the line (the physical line, also inside multi-line quoted fields,
   counted by the ``csv`` module) and the column exactly as before.

Nothing here imports Qt or torch, and pandas only when a large file needs it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from ..errors import InputError
from .cells import _NUMBER, MISSING_MARKERS, _parse_cell
from .files import read_file_bytes
from .labels import _CONTROL, _strip_formula_guard
from .matrix import DEFAULT_SCALE, MAX_CELLS, RatingMatrix, from_cells

_LONG_HEADER_WORDS = ("user", "item", "movie", "rating", "score", "time", "product", "id")

FORMATS = ("auto", "wide", "long")

#: Texts at least this long are tokenised by ``pandas.read_csv``; shorter ones by the
#: ``csv`` module (see the module docstring). ml-100k's u.data is 1.9 MB, solo.csv 0.6 kB.
PANDAS_MIN_CHARS = 256 * 1024

#: Tokenisers :func:`parse_ratings` accepts (``auto``: by size, as above).
ENGINES = ("auto", "pandas", "csv")


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes: UTF-16 (with BOM), UTF-8 (BOM or not), cp949, latin-1.

    Returns (text, encoding name). cp949 is what Excel on Korean Windows writes;
    latin-1 is MovieLens' ``u.item``. UTF-8 is tried first (a valid UTF-8 file
    is almost never meant as anything else), then cp949, then latin-1, which
    decodes any bytes. Binary data (NUL bytes, control characters anywhere in
    the text) is refused with the line of the first offending character.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the file starts like UTF-16 but cannot be decoded ({exc.reason} at byte {exc.start})", path=path
            ) from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            if _looks_utf16_without_bom(data):
                raise InputError(
                    "this looks like UTF-16 text without a byte-order mark; save it as UTF-8 "
                    "(or as Excel's 'Unicode text', which has one)",
                    path=path,
                )
            raise InputError(
                f"this is not a text file (it contains a NUL byte at byte {nul + 1})",
                path=path,
                line=data.count(b"\n", 0, nul) + 1,
            )
        for encoding in ("utf-8-sig", "cp949"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            text, encoding = data.decode("latin-1"), "latin-1"
        if encoding == "utf-8-sig":
            encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    bad = _CONTROL.search(text)
    if bad:
        raise InputError(
            f"this is not a CSV text file (it contains the control character U+{ord(bad.group()):04X}); "
            "save it from your spreadsheet as CSV",
            path=path,
            line=_line_of(text, bad.start()),
        )
    return text, encoding


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def _line_of(text: str, pos: int) -> int:
    """1-based physical line of character ``pos`` (CRLF, CR and LF each end a line)."""
    head = text[:pos]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def sniff_separator(text: str) -> str:
    """Guess the field separator from the first non-empty line.

    Quoted fields are ignored, also when they span lines (a label with a newline),
    so separators inside labels do not mislead the guess.
    """
    head = _QUOTED.sub("", text[:65536])
    head = head.split('"', 1)[0]  # an unclosed quote: ignore what follows it
    first = next((line for line in re.split(r"\r\n|\r|\n", head) if line.strip()), "")
    if "\t" in first:
        return "\t"
    commas, semis = first.count(","), first.count(";")
    if semis and semis >= commas:
        return ";"
    if commas:
        return ","
    if "|" in first:
        return "|"
    return ","


# ---------------------------------------------------------------------------
# Tokenising: text -> a table of cell texts
# ---------------------------------------------------------------------------


def _records(text: str, sep: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line they start on; blank records skipped.

    The reference for positions: every message's line comes from here.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=True)
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not row or all(not cell.strip() for cell in row):
                continue
            yield line, row
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            raise InputError(
                "a quoted field that starts on this line is never closed (the file ends inside quotes)",
                line=start,
            ) from None
        if "expected after" in reason:
            raise InputError(
                'unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")',
                line=reader.line_num,
            ) from None
        if "field larger than field limit" in reason:
            raise InputError(
                f"a field is longer than {csv.field_size_limit()} characters; is a quote left open?", line=start
            ) from None
        raise InputError(f"cannot read the CSV ({reason})", line=reader.line_num) from None


class Table:
    """Cell texts of a rating file, one record per row, and where each record is in the file.

    ``cells`` is a records × width object array of ``str`` (``''`` where a record
    is shorter than the widest); blank records are not in it. :meth:`line` and
    :meth:`row` give a record's position (the physical line of a text file, the
    row of a sheet) and its fields exactly as the file has them: the checks use
    them only to word the message about the first bad record.
    """

    def __init__(
        self,
        cells: np.ndarray,
        locate: Callable[[int], tuple[int, list[str]]],
    ) -> None:
        self.cells = cells
        self._locate = locate

    def line(self, k: int) -> int:
        return self._locate(k)[0]

    def row(self, k: int) -> list[str]:
        return self._locate(k)[1]

    @classmethod
    def from_records(cls, records: Sequence[tuple[int, list[str]]]) -> Table:
        width = max((len(row) for _, row in records), default=0)
        cells = np.full((len(records), width), "", dtype=object)
        for k, (_, row) in enumerate(records):
            cells[k, : len(row)] = row
        return cls(cells, records.__getitem__)


class _LazyRecords:
    """Record ``k`` of a text as ``_records`` gives it, scanned only as far as a message needs.

    Every scanned record's line is kept (a bad last row scans the file once), but only the
    fields of the records asked for: a 10 MB file's rows would take far more memory as lists.
    """

    def __init__(self, text: str, sep: str) -> None:
        self._text, self._sep = text, sep
        self._it = _records(text, sep)
        self._lines: list[int] = []
        self._rows: dict[int, list[str]] = {}

    def __call__(self, k: int) -> tuple[int, list[str]]:
        if k < len(self._lines) and k not in self._rows:  # an earlier record's fields: scan again to it
            for j, (line, row) in enumerate(_records(self._text, self._sep)):
                if j == k:
                    self._rows[k] = row
                    break
        while len(self._lines) <= k:
            nxt = next(self._it, None)
            if nxt is None:
                raise IndexError(k)
            if len(self._lines) == k:
                self._rows[k] = nxt[1]
            self._lines.append(nxt[0])
        return self._lines[k], self._rows[k]


def _text_after_quote(text: str, sep: str) -> bool:
    """Whether a quoted field may be followed by text before its separator (``"3"x``).

    pandas reads such a field as ``3x``; the csv module (strict) refuses it, as SoloRec
    always has. A cheap regex screen; a hit is confirmed by the csv module.
    """
    s = re.escape(sep)
    return re.search(rf'(?:^|(?<=[{s}\r\n]))"(?:[^"]|"")*"(?![{s}\r\n]|$)', text) is not None


def _pandas_misreads(text: str) -> bool:
    """Whether pandas' C tokenizer (3.1) would read this text differently from the csv module.

    * A line ended by a bare CR (classic Mac line ends): a line after a blank one loses its
      leading empty field (``",a,b\r\r,1,2"`` gives the row ``1,2``), which would shift a
      wide file's header.
    * A text starting with U+FEFF (left after decoding, e.g. a second byte-order mark): pandas
      drops it as a BOM, the csv module keeps it as part of the first label.

    Such texts go to the csv module (``tests/core/test_pandas_reader.py`` fuzzes for more).
    """
    return text.startswith("\ufeff") or ("\r" in text and re.search(r"\r(?!\n)", text) is not None)


def tokenize(text: str, sep: str, *, engine: str = "auto", limit: int | None = None) -> Table:
    """The text's records as a :class:`Table`, by pandas (large texts) or the csv module (small ones).

    ``limit``: read at most this many records (a wide file's size limit is known from its header).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if engine == "auto":
        engine = "pandas" if len(text) >= PANDAS_MIN_CHARS else "csv"
    if engine == "csv" or ('"' in text and _text_after_quote(text, sep)) or _pandas_misreads(text):
        return Table.from_records(list(itertools.islice(_records(text, sep), limit)))
    cells = _pandas_cells(text, sep, limit)
    if cells is None:  # pandas refused (an unclosed quote, rows of any length): the csv module words it
        return Table.from_records(list(itertools.islice(_records(text, sep), limit)))
    return Table(cells, _LazyRecords(text, sep))


def _pandas_cells(text: str, sep: str, limit: int | None = None) -> np.ndarray | None:
    """``pandas.read_csv`` as a table of ``str``; None when pandas refuses the text."""
    import pandas as pd

    options = {
        "sep": sep, "header": None, "dtype": object, "na_filter": False, "keep_default_na": False, "quotechar": '"',
        "doublequote": True, "skip_blank_lines": True, "index_col": False, "engine": "c", "low_memory": False,
        "nrows": limit,
    }
    try:
        frame = pd.read_csv(io.StringIO(text, newline=""), **options)
    except pd.errors.EmptyDataError:
        return np.empty((0, 0), dtype=object)
    except pd.errors.ParserError as exc:
        # pandas takes the width from the first record and refuses longer ones; give it the
        # widest line's and try once more (a quoted multi-line record can still be wider).
        if "Expected" not in str(exc):
            return None
        width = max(line.count(sep) for line in text.splitlines()) + 1
        try:
            frame = pd.read_csv(io.StringIO(text, newline=""), names=range(width), **options)
        except pd.errors.ParserError:
            return None
    cells = frame.to_numpy(dtype=object)
    blank = _blank_rows(cells)
    return cells[~blank] if blank.any() else cells


def _blank_rows(cells: np.ndarray) -> np.ndarray:
    """Records whose every field is blank (``,,,``): skipped, as blank lines are."""
    if cells.size == 0:
        return np.zeros(len(cells), dtype=bool)
    blank = _is_blank(cells[:, 0])
    if blank.any():
        blank[blank] = _is_blank(cells[blank]).all(axis=1)
    return blank


# ---------------------------------------------------------------------------
# Vectorised helpers: each distinct text is looked at once
# ---------------------------------------------------------------------------


def _factorize(values: np.ndarray) -> tuple[np.ndarray, list]:
    """(codes, uniques) in order of first appearance; pandas' hash table when pandas is loaded."""
    flat = values.ravel()
    pd = sys.modules.get("pandas")
    if pd is not None and len(flat) > 1000:
        codes, uniques = pd.factorize(flat)
        return codes.reshape(values.shape), list(uniques)
    seen: dict = {}
    codes = np.fromiter((seen.setdefault(v, len(seen)) for v in flat), dtype=np.intp, count=len(flat))
    return codes.reshape(values.shape), list(seen)


def _is_blank(values: np.ndarray) -> np.ndarray:
    codes, uniques = _factorize(values)
    return np.array([not str(u).strip() for u in uniques], dtype=bool)[codes]


def _labels(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Normalised labels (stripped, formula guard removed) as codes into their list, in order of first appearance."""
    codes, uniques = _factorize(values)
    index: dict[str, int] = {}
    remap = np.fromiter((index.setdefault(_strip_formula_guard(str(u).strip()), len(index)) for u in uniques),
                        dtype=np.intp, count=len(uniques))
    return remap[codes], list(index)


def _ratings(values: np.ndarray, scale: tuple[float, float], decimal_comma: bool,
             missing_is_bad: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(ratings with NaN for missing markers, bad flags) of cell texts, each distinct text parsed once."""
    codes, uniques = _factorize(values)
    parsed = np.empty(len(uniques))
    bad = np.zeros(len(uniques), dtype=bool)
    for k, text in enumerate(uniques):
        if missing_is_bad and text.strip().lower() in MISSING_MARKERS:
            bad[k] = True
            continue
        try:
            parsed[k] = _parse_cell(text, scale, decimal_comma=decimal_comma)
        except InputError:
            bad[k] = True
    return parsed[codes], bad[codes]


def _first_repeat(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(is a repeat, index of the first occurrence) for each entry of ``codes``."""
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    first_of = first[inverse.ravel()]
    return first_of != np.arange(len(codes)), first_of


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _looks_long(header: list[str]) -> bool:
    """Decide wide vs long from the first record."""
    cells = [c.strip() for c in header]
    while cells and not cells[-1]:
        cells.pop()
    if not cells or not cells[0]:
        return False  # wide files have an empty corner cell
    if len(cells) not in (3, 4):
        return False
    if _NUMBER.match(cells[2].replace(",", ".")):
        return True  # a data line: user, item, rating
    words = [c.lower() for c in cells[:3]]
    return all(any(w in word for w in _LONG_HEADER_WORDS) for word in words)


def read_ratings(
    path: str | os.PathLike,
    *,
    format: str = "auto",
    sep: str | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
    sheet: str | None = None,
) -> RatingMatrix:
    """Read a wide or long rating file: CSV/TSV text, or a workbook (``.xlsx``, ``.xlsm``, ``.ods``), whole.

    ``sheet`` names a workbook's sheet (default: the first); it is refused for a text file.
    Raises :class:`InputError` on any problem. :func:`.load.read_ratings` (what
    ``solorec_gui.core.data.read_ratings`` is) sends very large long files to :mod:`.stream` first.
    """
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    from .workbook import is_workbook

    if is_workbook(path):
        if sep is not None:
            raise InputError("--sep is for text files; a workbook has cells, not separators", path=str(path))
        return read_workbook(path, format=format, scale=scale, sheet=sheet)
    if sheet is not None:
        raise InputError(
            f"this is a text file, not a workbook: it has no sheet {sheet!r} (sheets are for .xlsx, .xlsm, .ods)",
            path=str(path),
        )
    data = read_file_bytes(path)
    try:
        return parse_ratings(data, format=format, sep=sep, scale=scale, source=str(path))
    except InputError as exc:
        if exc.path is None:
            raise InputError(exc.reason, path=str(path), line=exc.line, column=exc.column) from None
        raise


def read_workbook(
    path: str | os.PathLike,
    *,
    format: str = "auto",
    scale: tuple[float, float] = DEFAULT_SCALE,
    sheet: str | None = None,
) -> RatingMatrix:
    """Read one sheet (default: the first) of a workbook (:mod:`.workbook`) as a wide or long rating table.

    A text cell may use a decimal comma (``3,5``); a number cell is taken as stored.
    Raises :class:`InputError` naming the file, the sheet and the cell (``sheet 'Data', cell D3``);
    its ``line`` is the sheet row and its ``column`` the sheet column.
    """
    from .workbook import column_letters, open_sheet

    cells, sheet_rows, left, name, sheets = open_sheet(path, sheet)

    def locate(k: int) -> tuple[int, list[str]]:
        row = list(cells[k])
        while row and not row[-1].strip():
            row.pop()
        return int(sheet_rows[k]), row

    where = f"sheet {name!r}"
    try:
        if len(cells) == 0:
            raise InputError("the sheet is empty")
        matrix = read_table(Table(cells, locate), format=format, scale=scale, decimal_comma=True)
    except InputError as exc:
        column = exc.column + left if exc.column is not None else None
        if exc.line is not None and column is not None:
            where += f", cell {column_letters(column)}{exc.line}"
        elif exc.line is not None:
            where += f", row {exc.line}"
        raise InputError(f"{exc.reason} ({where})", path=str(path), line=exc.line, column=column) from None
    matrix.source = {"path": str(path), **matrix.source, "encoding": None, "sep": None, "sheet": name,
                     "sheets": sheets}
    return matrix


def _check_scale(scale: tuple[float, float]) -> tuple[float, float]:
    lo, hi = scale
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise InputError(f"the rating scale {lo:g} to {hi:g} is not a valid range (min must be below max)")
    return float(lo), float(hi)


def parse_ratings(
    data: bytes | str,
    *,
    format: str = "auto",
    sep: str | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
    source: str | None = None,
    engine: str = "auto",
) -> RatingMatrix:
    """Parse the bytes (or text) of a rating file; see :func:`read_ratings`.

    ``engine`` picks the tokeniser (``auto``, ``pandas`` or ``csv``); the result never depends on it.
    """
    scale = _check_scale(scale)
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, encoding = decode_bytes(bytes(data))
    else:
        text, encoding = str(data), "str"
        bad = _CONTROL.search(text)
        if bad:
            raise InputError(
                f"this is not CSV text (it contains the control character U+{ord(bad.group()):04X})",
                line=_line_of(text, bad.start()),
            )
    if not text.strip():
        raise InputError("the file is empty")
    if sep is None:
        sep = sniff_separator(text)
    elif sep in ("\\t", "tab"):
        sep = "\t"
    if len(sep) != 1 or sep in '"\r\n' or sep.isalnum() or sep == ".":
        raise InputError(f"the separator must be one character such as , ; or tab, not {sep!r}")
    table = tokenize(text, sep, engine=engine, limit=_wide_limit(text, sep, format))
    matrix = read_table(table, format=format, scale=scale, decimal_comma=(sep != ","))
    matrix.source = {"path": source, **matrix.source, "encoding": encoding, "sep": sep}
    return matrix


def _wide_limit(text: str, sep: str, format: str) -> int | None:
    """How many records a wide file may have (header + rows) before it exceeds :data:`MAX_CELLS`.

    Reading stops one row past it, so a huge file is refused at that row without being
    held in memory as a table. None for a long file (its size shows only once pivoted).
    """
    if format == "long":
        return None
    first = next(_records(text, sep), None)
    if first is None or (format == "auto" and _looks_long(first[1])):
        return None
    header = [c.strip() for c in first[1]]
    while len(header) > 1 and not header[-1]:
        header.pop()
    return MAX_CELLS // max(1, len(header) - 1) + 2


def read_table(
    table: Table, *, format: str = "auto", scale: tuple[float, float] = DEFAULT_SCALE, decimal_comma: bool = True
) -> RatingMatrix:
    """The rating matrix a :class:`Table` holds (wide or long, detected with ``auto``), after every check."""
    scale = _check_scale(scale)
    if len(table.cells) == 0:
        raise InputError("the file is empty")
    if format == "auto":
        format = "long" if _looks_long(table.row(0)) else "wide"
    reader = _read_long if format == "long" else _read_wide
    matrix = reader(table, scale, decimal_comma=decimal_comma)
    if matrix.n_known == 0:
        raise InputError("the file has no known rating: there is nothing to learn from")
    matrix.source = {"format": format, **matrix.source}  # a long file's reader adds "header"
    return matrix


def _check_duplicates(labels: list[str], what: str, lines: list[int] | None, columns: bool) -> None:
    seen: dict[str, int] = {}
    for idx, label in enumerate(labels):
        if label in seen:
            first = seen[label]
            if columns:
                raise InputError(
                    f"duplicate {what} label {label!r} in columns {first + 2} and {idx + 2}",
                    line=lines[0] if lines else None,
                    column=idx + 2,
                )
            raise InputError(
                f"duplicate {what} label {label!r} (first on line {lines[first]})",
                line=lines[idx] if lines else None,
                column=1,
            )
        seen[label] = idx


def _too_big(n_users: int, n_items: int, line: int | None) -> InputError:
    return InputError(
        f"the matrix would have {n_users:,} users × {n_items:,} items = {n_users * n_items:,} cells, "
        f"more than SoloRec handles ({MAX_CELLS:,})",
        line=line,
    )


def _columns(cells: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Columns ``start:stop`` of the table, padded with '' where the table is narrower."""
    block = cells[:, start:stop]
    if block.shape[1] < stop - start:
        pad = np.full((len(cells), stop - start - block.shape[1]), "", dtype=object)
        block = np.concatenate([block, pad], axis=1) if block.size else pad
    return block


def _read_wide(table: Table, scale: tuple[float, float], *, decimal_comma: bool) -> RatingMatrix:
    header = [c.strip() for c in table.row(0)]
    while len(header) > 1 and not header[-1]:
        header.pop()  # trailing empty header cells (Excel's stray separators)
    header_line = table.line(0)
    corner, items = _strip_formula_guard(header[0]), [_strip_formula_guard(c) for c in header[1:]]
    if not items:
        raise InputError(
            "the header has no item labels: a wide file needs the user label column "
            "followed by one column per item",
            line=header_line,
        )
    for j, label in enumerate(items):
        if not label:
            raise InputError(f"item column {j + 2} has an empty label", line=header_line, column=j + 2)
    _check_duplicates(items, "item", [header_line], columns=True)
    n_items = len(items)
    if n_items > MAX_CELLS:
        raise _too_big(1, n_items, header_line)
    body = table.cells[1:]
    n = len(body)
    if n == 0:
        raise InputError("the file has a header but no rows of ratings", line=header_line)
    codes, labels = _labels(body[:, 0])
    repeat, first_of = _first_repeat(codes)
    bad = (codes == labels.index("")) if "" in labels else np.zeros(n, dtype=bool)
    bad |= repeat
    if body.shape[1] > n_items + 1:
        bad |= ~_is_blank(body[:, n_items + 1 :]).all(axis=1)
    bad |= np.arange(1, n + 1) * n_items > MAX_CELLS
    values, bad_cells = _ratings(_columns(body, 1, n_items + 1), scale, decimal_comma)
    bad |= bad_cells.any(axis=1)
    if bad.any():
        r = int(np.argmax(bad))
        _wide_row_error(table, r + 1, items, labels[codes[r]], int(first_of[r]) + 1 if repeat[r] else None,
                        scale, decimal_comma)
    return RatingMatrix([labels[c] for c in codes], items, values, scale, corner)


def _wide_row_error(table: Table, k: int, items: list[str], label: str, first: int | None,
                    scale: tuple[float, float], decimal_comma: bool) -> None:
    """Raise the error of record ``k``, the first bad row of a wide file, worded from the row as the file has it."""
    line, row = table.line(k), table.row(k)
    if not label:
        raise InputError("this row has no user label", line=line, column=1)
    if first is not None:
        raise InputError(f"duplicate user label {label!r} (first on line {table.line(first)})", line=line, column=1)
    n_items = len(items)
    cells = row[1:]
    extra = [j for j, c in enumerate(cells[n_items:]) if c.strip()]
    if extra:
        raise InputError(
            f"this row has a value in column {n_items + 2 + extra[0]} but the header has only {n_items + 1} columns",
            line=line,
            column=n_items + 2 + extra[0],
        )
    if k * n_items > MAX_CELLS:
        raise _too_big(k, n_items, line)
    for j, cell in enumerate(cells[:n_items]):
        try:
            _parse_cell(cell, scale, decimal_comma=decimal_comma)
        except InputError as exc:
            raise InputError(f"{exc.reason} (user {label!r}, item {items[j]!r})", line=line, column=j + 2) from None
    raise InputError("this row cannot be read", line=line)  # not reached: the checks above and the table agree


def _natural_order(labels: list[str]) -> list[str]:
    """Integer ids sort numerically (MovieLens); anything else keeps first appearance."""
    if not all(label.isascii() and label.isdigit() for label in labels):
        return labels
    return sorted(labels, key=int)


def _display_order(labels: list[str]) -> tuple[list[str], np.ndarray]:
    """(labels in display order, display index of each label in first-appearance order)."""
    order = _natural_order(labels)
    position = {label: k for k, label in enumerate(order)}
    return order, np.fromiter((position[label] for label in labels), dtype=np.intp, count=len(labels))


def _read_long(table: Table, scale: tuple[float, float], *, decimal_comma: bool) -> RatingMatrix:
    row0 = [c.strip() for c in table.row(0)]
    has_header = len(row0) >= 3 and not _NUMBER.match(row0[2].replace(",", "."))
    max_fields = max(4, len(row0)) if has_header else 4
    start = 1 if has_header else 0
    body = table.cells[start:]
    n = len(body)
    if n == 0:
        raise InputError("the file has a header but no ratings", line=table.line(0))
    fields = _columns(body, 0, 3)
    u_codes, users = _labels(fields[:, 0])
    i_codes, items = _labels(fields[:, 1])
    ratings, bad = _ratings(fields[:, 2], scale, decimal_comma, missing_is_bad=True)
    if "" in users:
        bad |= u_codes == users.index("")
    if "" in items:
        bad |= i_codes == items.index("")
    if body.shape[1] > max_fields:
        bad |= ~_is_blank(body[:, max_fields:]).all(axis=1)
    repeat, first_of = _first_repeat(u_codes.astype(np.int64) * len(items) + i_codes)
    bad |= repeat
    if bad.any():
        r = int(np.argmax(bad))
        _long_row_error(table, start + r, max_fields, start + int(first_of[r]) if repeat[r] else None,
                        scale, decimal_comma)
    u_order, u_perm = _display_order(users)
    i_order, i_perm = _display_order(items)
    # Above MAX_CELLS users × items: a SparseRatingMatrix (known ratings only).
    return from_cells(u_order, i_order, u_perm[u_codes], i_perm[i_codes], ratings, scale, "", {"header": has_header})


def _long_row_error(table: Table, k: int, max_fields: int, first: int | None,
                    scale: tuple[float, float], decimal_comma: bool) -> None:
    """Raise the error of record ``k``, the first bad line of a long file, worded from the line as the file has it."""
    line, row = table.line(k), table.row(k)
    if len(row) < 3:
        raise InputError(
            f"expected user, item, rating; found {len(row)} field{'s' if len(row) != 1 else ''} "
            "(the rating is missing)",
            line=line,
            column=len(row) + 1,
        )
    if len(row) > max_fields:
        extra = next((j for j in range(max_fields, len(row)) if row[j].strip()), None)
        if extra is not None:
            raise InputError(
                f"this line has {len(row)} fields; expected user, item, rating and an optional timestamp",
                line=line,
                column=extra + 1,
            )
    user = _strip_formula_guard(row[0].strip())
    item = _strip_formula_guard(row[1].strip())
    text = row[2]
    if not user:
        raise InputError("empty user id", line=line, column=1)
    if not item:
        raise InputError("empty item id", line=line, column=2)
    if text.strip().lower() in MISSING_MARKERS:
        shown = f" ({text.strip()!r})" if text.strip() else ""
        raise InputError(f"missing rating{shown}: a long-format line must give a rating", line=line, column=3)
    try:
        _parse_cell(text, scale, decimal_comma=decimal_comma)
    except InputError as exc:
        raise InputError(exc.reason, line=line, column=3) from None
    if first is not None:
        raise InputError(f"user {user!r} rated item {item!r} twice (first on line {table.line(first)})", line=line)
    raise InputError("this line cannot be read", line=line)  # not reached
