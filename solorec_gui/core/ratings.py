"""Rating matrices: the one data type of SoloRec, and its CSV reader and writers.

A :class:`RatingMatrix` is user labels (rows), item labels (columns), a float
array with NaN for missing cells, and the rating scale. Files come in two
layouts, detected automatically:

* **wide**: the first column holds user labels, the header holds item labels,
  an empty field is a missing rating. This is how the lecture's ``solo.csv`` is
  written (numbers padded with spaces, one row a field short).
* **long**: one rating per line, ``user,item,rating[,timestamp]``, with or without
  a header, comma-, tab- or semicolon-separated (MovieLens ``u.data`` and
  ``ratings.csv``). It is pivoted to the matrix.

The reader is hand-written on top of :mod:`csv` rather than ``pandas.read_csv``
because every refusal must name its line and column, ragged rows have meaning
(a short row is missing trailing ratings), and pandas 3 changed NaN handling in
``stack()`` under the lecture's feet. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import InputError, SoloRecError

DEFAULT_SCALE: tuple[float, float] = (0.0, 5.0)

#: Cell texts read as "no rating" (compared case-insensitively, after strip).
MISSING_MARKERS = frozenset({"", "na", "n/a", "nan", "-"})

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_LONG_HEADER_WORDS = ("user", "item", "movie", "rating", "score", "time", "product", "id")

FORMATS = ("auto", "wide", "long")


@dataclass(eq=False)
class RatingMatrix:
    """Users × items ratings; ``values[u, i]`` is NaN where no rating is known."""

    users: list[str]
    items: list[str]
    values: np.ndarray
    scale: tuple[float, float] = DEFAULT_SCALE
    #: The header cell above the user labels in a wide file (usually empty).
    corner: str = ""
    #: How the file was read: path, layout, encoding, separator. Informational.
    source: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.float64)
        if self.values.shape != (len(self.users), len(self.items)):
            raise ValueError(
                f"values shape {self.values.shape} does not match "
                f"{len(self.users)} users × {len(self.items)} items"
            )
        lo, hi = self.scale
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise InputError(f"the rating scale {lo:g} to {hi:g} is not a valid range")
        self.scale = (float(lo), float(hi))

    # -- shape and known cells -------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]

    @property
    def n_users(self) -> int:
        return len(self.users)

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def known_mask(self) -> np.ndarray:
        return ~np.isnan(self.values)

    @property
    def n_known(self) -> int:
        return int(np.count_nonzero(self.known_mask))

    def known_cells(self, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Known cells as (rows, cols, ratings), row by row in file order.

        This order (users in file order, items in column order, missing cells
        skipped) is the lecture's ``df.stack()`` order and is what makes the
        seeded training reproduce its numbers. ``mask`` restricts to a subset.
        """
        known = self.known_mask if mask is None else (self.known_mask & mask)
        rows, cols = np.nonzero(known)
        return rows, cols, self.values[rows, cols]

    def copy(self) -> RatingMatrix:
        return RatingMatrix(
            list(self.users), list(self.items), self.values.copy(), self.scale, self.corner, dict(self.source)
        )

    def masked(self, keep: np.ndarray) -> RatingMatrix:
        """A copy in which only the known cells where ``keep`` is True remain."""
        values = np.where(keep, self.values, np.nan)
        return RatingMatrix(list(self.users), list(self.items), values, self.scale, self.corner, dict(self.source))

    # -- values ----------------------------------------------------------------
    def check_rating(self, value: float, where: str = "") -> float:
        """Return ``value`` as float if it is a finite rating on the scale, else raise."""
        lo, hi = self.scale
        v = float(value)
        prefix = f"{where}: " if where else ""
        if not np.isfinite(v):
            raise InputError(f"{prefix}{value!r} is not a finite number")
        if v < lo or v > hi:
            raise InputError(f"{prefix}rating {v:g} is outside the scale {lo:g} to {hi:g}")
        return v

    def parse_rating(self, text: str, where: str = "") -> float:
        """Parse a typed or pasted rating; NaN for a missing marker; raise if invalid."""
        return _parse_cell(text, self.scale, decimal_comma=True, where=where)


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes: UTF-16 (with BOM), UTF-8 (BOM or not), cp949, latin-1.

    Returns (text, encoding name). cp949 is what Excel on Korean Windows writes;
    latin-1 is MovieLens' ``u.item``. Binary data is refused.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"the file starts like UTF-16 but cannot be decoded ({exc.reason})", path=path) from None
    if b"\x00" in data:
        raise InputError("this is not a text file (it contains NUL bytes)", path=path)
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls:
        raise InputError(
            "this is not a CSV text file (it contains control characters); "
            "save it from your spreadsheet as CSV",
            path=path,
        )
    if encoding == "utf-8-sig":
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    return text, encoding


def sniff_separator(text: str) -> str:
    """Guess the field separator from the first non-empty line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Ignore separators inside quoted fields.
    unquoted = re.sub(r'"[^"]*"', "", first)
    if "\t" in unquoted:
        return "\t"
    commas, semis = unquoted.count(","), unquoted.count(";")
    if semis and semis >= commas:
        return ";"
    if commas:
        return ","
    if "|" in unquoted:
        return "|"
    return ","


def _records(text: str, sep: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line they start on; blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=False)
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not row or all(not cell.strip() for cell in row):
                continue
            yield line, row
    except csv.Error as exc:  # e.g. a NUL byte or an unterminated quote at EOF
        raise InputError(f"cannot read the CSV ({exc})", line=reader.line_num) from None


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
) -> RatingMatrix:
    """Read a wide or long rating file. Raises :class:`InputError` on any problem."""
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=str(path)) from None
    try:
        return parse_ratings(data, format=format, sep=sep, scale=scale, source=str(path))
    except InputError as exc:
        if exc.path is None:
            raise InputError(exc.reason, path=str(path), line=exc.line, column=exc.column) from None
        raise


def parse_ratings(
    data: bytes | str,
    *,
    format: str = "auto",
    sep: str | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
    source: str | None = None,
) -> RatingMatrix:
    """Parse the bytes (or text) of a rating file; see :func:`read_ratings`."""
    lo, hi = scale
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise InputError(f"the rating scale {lo:g} to {hi:g} is not a valid range (min must be below max)")
    if isinstance(data, bytes):
        text, encoding = decode_bytes(data)
    else:
        text, encoding = data, "str"
    if not text.strip():
        raise InputError("the file is empty")
    if sep is None:
        sep = sniff_separator(text)
    elif sep in ("\\t", "tab"):
        sep = "\t"
    if len(sep) != 1:
        raise InputError(f"the separator must be one character, not {sep!r}")
    records = _records(text, sep)
    first = next(records, None)
    if first is None:
        raise InputError("the file is empty")
    if format == "auto":
        format = "long" if _looks_long(first[1]) else "wide"
    reader = _read_long if format == "long" else _read_wide
    matrix = reader(first, records, (float(lo), float(hi)), decimal_comma=(sep != ","))
    if matrix.n_known == 0:
        raise InputError("the file has no known rating: there is nothing to learn from")
    matrix.source = {"path": source, "format": format, "encoding": encoding, "sep": sep}
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


def _read_wide(
    first: tuple[int, list[str]],
    records: Iterable[tuple[int, list[str]]],
    scale: tuple[float, float],
    *,
    decimal_comma: bool,
) -> RatingMatrix:
    header_line, header = first
    header = [c.strip() for c in header]
    while len(header) > 1 and not header[-1]:
        header.pop()  # trailing empty header cells (Excel's stray separators)
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
    users: list[str] = []
    user_lines: list[int] = []
    rows: list[np.ndarray] = []
    for line, row in records:
        label = _strip_formula_guard(row[0].strip())
        if not label:
            raise InputError("this row has no user label", line=line, column=1)
        cells = row[1:]
        if len(cells) > n_items:
            extra = [c for c in cells[n_items:] if c.strip()]
            if extra:
                raise InputError(
                    f"this row has {len(row)} fields but the header has {n_items + 1}",
                    line=line,
                    column=n_items + 2,
                )
            cells = cells[:n_items]
        values = np.full(n_items, np.nan)
        for j, cell in enumerate(cells):
            if cell.strip():
                try:
                    values[j] = _parse_cell(cell, scale, decimal_comma=decimal_comma)
                except InputError as exc:
                    raise InputError(
                        f"{exc.reason} (user {label!r}, item {items[j]!r})", line=line, column=j + 2
                    ) from None
        users.append(label)
        user_lines.append(line)
        rows.append(values)
    if not users:
        raise InputError("the file has a header but no rows of ratings", line=header_line)
    _check_duplicates(users, "user", user_lines, columns=False)
    return RatingMatrix(users, items, np.vstack(rows), scale, corner)


def _natural_order(labels: list[str]) -> list[str]:
    """Integer ids sort numerically (MovieLens); anything else keeps first appearance."""
    try:
        return sorted(labels, key=int)
    except ValueError:
        return labels


def _read_long(
    first: tuple[int, list[str]],
    records: Iterable[tuple[int, list[str]]],
    scale: tuple[float, float],
    *,
    decimal_comma: bool,
) -> RatingMatrix:
    line0, row0 = first
    header_cells = [c.strip() for c in row0]
    has_header = len(header_cells) >= 3 and not _NUMBER.match(header_cells[2].replace(",", "."))
    stream = records if has_header else _chain_first(first, records)
    user_ids: dict[str, int] = {}
    item_ids: dict[str, int] = {}
    u_idx: list[int] = []
    i_idx: list[int] = []
    ratings: list[float] = []
    lines: list[int] = []
    for line, row in stream:
        if len(row) < 3:
            raise InputError(
                f"expected user, item, rating; found {len(row)} field{'s' if len(row) != 1 else ''}",
                line=line,
            )
        user, item, text = row[0].strip(), row[1].strip(), row[2]
        if not user:
            raise InputError("empty user id", line=line, column=1)
        if not item:
            raise InputError("empty item id", line=line, column=2)
        if text.strip().lower() in MISSING_MARKERS:
            shown = f" ({text.strip()!r})" if text.strip() else ""
            raise InputError(f"missing rating{shown}", line=line, column=3)
        try:
            value = _parse_cell(text, scale, decimal_comma=decimal_comma)
        except InputError as exc:
            raise InputError(exc.reason, line=line, column=3) from None
        u_idx.append(user_ids.setdefault(user, len(user_ids)))
        i_idx.append(item_ids.setdefault(item, len(item_ids)))
        ratings.append(value)
        lines.append(line)
    if not ratings:
        raise InputError("the file has a header but no ratings", line=line0)
    users = _natural_order(list(user_ids))
    items = _natural_order(list(item_ids))
    # Map first-appearance indices to the display order.
    u_perm = np.empty(len(users), dtype=np.int64)
    u_perm[[user_ids[u] for u in users]] = np.arange(len(users))
    i_perm = np.empty(len(items), dtype=np.int64)
    i_perm[[item_ids[i] for i in items]] = np.arange(len(items))
    r = u_perm[np.asarray(u_idx)]
    c = i_perm[np.asarray(i_idx)]
    flat = r * len(items) + c
    uniq, first_pos, counts = np.unique(flat, return_index=True, return_counts=True)
    if len(uniq) != len(flat):
        dup_flat = uniq[counts > 1][0]
        where = np.nonzero(flat == dup_flat)[0]
        a, b = int(where[0]), int(where[1])
        raise InputError(
            f"user {users[r[a]]!r} rated item {items[c[a]]!r} twice (first on line {lines[a]})",
            line=lines[b],
        )
    values = np.full((len(users), len(items)), np.nan)
    values[r, c] = np.asarray(ratings)
    return RatingMatrix(users, items, values, scale, "")


def _chain_first(first, rest):
    yield first
    yield from rest


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _guard_formula(label: str) -> str:
    """OWASP CSV-injection advice: a label a spreadsheet would run as a formula
    gets a leading apostrophe, which the spreadsheet shows as text. The reader
    strips it again, so labels round-trip."""
    if label.startswith(_FORMULA_START) or label.startswith("'"):
        return "'" + label
    return label


def _strip_formula_guard(label: str) -> str:
    if label.startswith("'") and len(label) > 1 and label[1:].startswith(_FORMULA_START + ("'",)):
        return label[1:]
    return label


def format_rating(value: float) -> str:
    """Shortest text that reads back as exactly ``value`` (``4.02``, ``4``, ``3.5``)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def wide_rows(
    matrix: RatingMatrix,
    predictions: np.ndarray | None = None,
    *,
    decimals: int = 2,
    escape_formulas: bool = True,
) -> Iterator[list[str]]:
    """Rows of a wide CSV: known ratings exactly, missing cells empty or predicted."""
    guard = _guard_formula if escape_formulas else (lambda s: s)
    yield [guard(matrix.corner)] + [guard(i) for i in matrix.items]
    known = matrix.known_mask
    for u, user in enumerate(matrix.users):
        cells = [guard(user)]
        row, krow = matrix.values[u], known[u]
        prow = None if predictions is None else predictions[u]
        for i in range(matrix.n_items):
            if krow[i]:
                cells.append(format_rating(row[i]))
            elif prow is not None and np.isfinite(prow[i]):
                cells.append(f"{round(float(prow[i]), decimals):.{decimals}f}")
            else:
                cells.append("")
        yield cells


def long_rows(matrix: RatingMatrix, predictions: np.ndarray | None = None, *, decimals: int = 2) -> Iterator[list[str]]:
    """``user,item,rating,is_predicted`` rows of the (completed) matrix."""
    yield ["user", "item", "rating", "is_predicted"]
    known = matrix.known_mask
    for u, user in enumerate(matrix.users):
        for i, item in enumerate(matrix.items):
            if known[u, i]:
                yield [user, item, format_rating(matrix.values[u, i]), "0"]
            elif predictions is not None and np.isfinite(predictions[u, i]):
                yield [user, item, f"{round(float(predictions[u, i]), decimals):.{decimals}f}", "1"]


def write_rows(path: str | os.PathLike, rows: Iterable[list[str]], *, bom: bool = False, sep: str = ",") -> None:
    """Write CSV rows atomically (UTF-8; with a BOM for Excel when ``bom``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))


def save_wide(matrix: RatingMatrix, path: str | os.PathLike, *, bom: bool = False, escape_formulas: bool = True) -> None:
    """Save the known ratings as a wide CSV in the input's layout; values round-trip exactly."""
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
) -> None:
    """Write the completed matrix: known values unchanged, predictions rounded."""
    if layout == "long":
        write_rows(path, long_rows(matrix, predictions, decimals=decimals), bom=bom)
    else:
        write_rows(path, wide_rows(matrix, predictions, decimals=decimals, escape_formulas=escape_formulas), bom=bom)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file in the target's folder, fsync, then rename over it.

    A failure at any point (read-only folder, full disk, a kill) leaves an
    existing file byte-for-byte intact. Raises :class:`SoloRecError` with a
    readable message.
    """
    target = Path(path)
    if target.is_dir():
        raise SoloRecError(f"cannot write {target}: it is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            try:
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise SoloRecError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
