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
import errno
import io
import math
import os
import re
import tempfile
import time
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

#: Largest matrix (users × items cells) a file may describe: 50 million cells
#: are 400 MB of float64. MovieLens 1M (6040 × 3706) fits; a long file whose
#: every line names a new user and a new item is refused instead of exhausting memory.
MAX_CELLS = 50_000_000

#: C0 control characters other than tab, CR and LF: a CSV text never contains them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
        prefix = f"{where}: " if where else ""
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{prefix}rating {value!r} is not a number") from None
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


def _records(text: str, sep: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line they start on; blank lines skipped."""
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


def read_file_bytes(path: str | os.PathLike, *, max_bytes: int | None = None, what: str = "file") -> bytes:
    """A file's bytes, or an :class:`InputError` that says why not (missing, a folder, unreadable, too big)."""
    p = Path(path)
    try:
        if max_bytes is not None and p.stat().st_size > max_bytes:
            raise InputError(f"the file is larger than {max_bytes // (1024 * 1024)} MB; not a {what}", path=str(path))
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"this is a folder, not a {what}", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", path=str(path)) from None


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
    data = read_file_bytes(path)
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


def _too_big(n_users: int, n_items: int, line: int | None) -> InputError:
    return InputError(
        f"the matrix would have {n_users:,} users × {n_items:,} items = {n_users * n_items:,} cells, "
        f"more than SoloRec handles ({MAX_CELLS:,})",
        line=line,
    )


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
    if n_items > MAX_CELLS:
        raise _too_big(1, n_items, header_line)
    users: list[str] = []
    user_lines: list[int] = []
    seen_users: dict[str, int] = {}
    rows: list[np.ndarray] = []
    # Real files repeat a handful of cell texts ("4", "3.5", ""): parse each once.
    cache: dict[str, float] = {"": math.nan}
    for line, row in records:
        label = _strip_formula_guard(row[0].strip())
        if not label:
            raise InputError("this row has no user label", line=line, column=1)
        if label in seen_users:
            raise InputError(
                f"duplicate user label {label!r} (first on line {seen_users[label]})", line=line, column=1
            )
        cells = row[1:]
        if len(cells) > n_items:
            extra = [k for k, c in enumerate(cells[n_items:]) if c.strip()]
            if extra:
                raise InputError(
                    f"this row has a value in column {n_items + 2 + extra[0]} but the header has only "
                    f"{n_items + 1} columns",
                    line=line,
                    column=n_items + 2 + extra[0],
                )
            cells = cells[:n_items]
        if (len(users) + 1) * n_items > MAX_CELLS:
            raise _too_big(len(users) + 1, n_items, line)
        parsed = [cache.get(cell) for cell in cells]
        if None in parsed:
            for j, cell in enumerate(cells):
                if parsed[j] is None:
                    try:
                        parsed[j] = _parse_cell(cell, scale, decimal_comma=decimal_comma)
                    except InputError as exc:
                        raise InputError(
                            f"{exc.reason} (user {label!r}, item {items[j]!r})", line=line, column=j + 2
                        ) from None
                    if len(cache) < 65536:
                        cache[cell] = parsed[j]
        values = np.full(n_items, np.nan)
        values[: len(parsed)] = parsed
        seen_users[label] = line
        users.append(label)
        user_lines.append(line)
        rows.append(values)
    if not users:
        raise InputError("the file has a header but no rows of ratings", line=header_line)
    return RatingMatrix(users, items, np.vstack(rows), scale, corner)


def _natural_order(labels: list[str]) -> list[str]:
    """Integer ids sort numerically (MovieLens); anything else keeps first appearance."""
    if not all(label.isascii() and label.isdigit() for label in labels):
        return labels
    return sorted(labels, key=int)


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
    max_fields = max(4, len(header_cells)) if has_header else 4
    user_ids: dict[str, int] = {}
    item_ids: dict[str, int] = {}
    pair_line: dict[tuple[int, int], int] = {}
    u_idx: list[int] = []
    i_idx: list[int] = []
    ratings: list[float] = []
    for line, row in stream:
        if len(row) < 3:
            raise InputError(
                f"expected user, item, rating; found {len(row)} field{'s' if len(row) != 1 else ''} "
                "(the rating is missing)",
                line=line,
                column=len(row) + 1,
            )
        if len(row) > max_fields:
            extra = next((k for k in range(max_fields, len(row)) if row[k].strip()), None)
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
            value = _parse_cell(text, scale, decimal_comma=decimal_comma)
        except InputError as exc:
            raise InputError(exc.reason, line=line, column=3) from None
        u = user_ids.setdefault(user, len(user_ids))
        i = item_ids.setdefault(item, len(item_ids))
        previous = pair_line.setdefault((u, i), line)
        if previous != line:
            raise InputError(f"user {user!r} rated item {item!r} twice (first on line {previous})", line=line)
        u_idx.append(u)
        i_idx.append(i)
        ratings.append(value)
    if not ratings:
        raise InputError("the file has a header but no ratings", line=line0)
    if len(user_ids) * len(item_ids) > MAX_CELLS:
        raise _too_big(len(user_ids), len(item_ids), None)
    users = _natural_order(list(user_ids))
    items = _natural_order(list(item_ids))
    # Map first-appearance indices to the display order.
    u_perm = np.empty(len(users), dtype=np.int64)
    u_perm[[user_ids[u] for u in users]] = np.arange(len(users))
    i_perm = np.empty(len(items), dtype=np.int64)
    i_perm[[item_ids[i] for i in items]] = np.arange(len(items))
    r = u_perm[np.asarray(u_idx)]
    c = i_perm[np.asarray(i_idx)]
    values = np.full((len(users), len(items)), np.nan)
    values[r, c] = np.asarray(ratings)
    return RatingMatrix(users, items, values, scale, "")


def _chain_first(first, rest):
    yield first
    yield from rest


# ---------------------------------------------------------------------------
# Cold start
# ---------------------------------------------------------------------------


@dataclass
class ColdStart:
    """Users and items without any known rating (see :func:`cold_start_report`)."""

    users: list[str]
    items: list[str]

    def __bool__(self) -> bool:
        return bool(self.users or self.items)

    def message(self, limit: int = 5) -> str:
        """One line for the CLI or a status bar; empty when nothing is cold."""

        def names(labels: list[str]) -> str:
            shown = ", ".join(repr(x) for x in labels[:limit])
            return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")

        parts = []
        if self.users:
            n = len(self.users)
            parts.append(f"{n} user{'s' if n != 1 else ''} without any rating ({names(self.users)})")
        if self.items:
            n = len(self.items)
            parts.append(f"{n} item{'s' if n != 1 else ''} without any rating ({names(self.items)})")
        if not parts:
            return ""
        return "cold start: " + "; ".join(parts) + ": their predictions come from the biases only"


def cold_start_report(matrix: RatingMatrix, mask: np.ndarray | None = None) -> ColdStart:
    """Users (whole rows) and items (whole columns) with no known rating.

    Their embeddings cannot learn anything, so training (``training.neutralize_cold``)
    zeroes them and sets their biases to the mean of the others: a cold user's
    prediction is then ``σ(mean b_u + b_i)`` for MF, the item's popularity alone.
    ``mask`` restricts the known cells (e.g. to a training split).
    """
    known = matrix.known_mask if mask is None else (matrix.known_mask & mask)
    users = [u for u, row in zip(matrix.users, known.any(axis=1)) if not row]
    items = [i for i, col in zip(matrix.items, known.any(axis=0)) if not col]
    return ColdStart(users, items)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

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


def format_rating(value: float) -> str:
    """Shortest text that reads back as exactly ``value`` (``4.02``, ``4``, ``3.5``)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


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
    check_savable(matrix)
    if layout == "long":
        write_rows(path, long_rows(matrix, predictions, decimals=decimals, escape_formulas=escape_formulas), bom=bom)
    else:
        write_rows(path, wide_rows(matrix, predictions, decimals=decimals, escape_formulas=escape_formulas), bom=bom)


#: Test hook (never set in normal use): when this environment variable names a
#: file, :func:`atomic_write_bytes` writes the temporary file's path into it
#: once the data is on disk and then sleeps ``SOLOREC_TEST_PAUSE_SECONDS``
#: (default 60) before the rename, so a test can kill the process mid-save.
PAUSE_ENV = "SOLOREC_TEST_PAUSE_BEFORE_RENAME"


def _umask() -> int:
    """The process umask, read without changing it (os.umask is racy with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _IMPORT_UMASK


def _read_umask_once() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_IMPORT_UMASK = _read_umask_once()


def _why(exc: OSError, folder: Path) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied (is the folder {folder} read-only?)"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code == errno.ENOENT:
        return f"the folder {folder} does not exist"
    if code == errno.EISDIR:
        return "it is a folder"
    if code == errno.ENOTDIR:
        return f"{folder} is not a folder"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file in the target's folder, fsync, then rename over it.

    A failure at any point (read-only folder, full disk, a kill) leaves an
    existing file byte-for-byte intact, and a failure that raises removes the
    temporary file. (A process killed before the rename can leave a hidden
    ``.NAME.*.tmp`` beside the target; the target itself is intact.) A symbolic
    link is followed: the file it points to is replaced, the link is kept.
    Raises :class:`SoloRecError` with a readable message.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    existed = target.exists()
    if target.is_dir():
        raise SoloRecError(f"cannot write {target}: it is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:  # keep the existing file's permissions; a new file gets the usual ones
            mode = (target.stat().st_mode & 0o777) if existed else (0o666 & ~_umask())
            os.chmod(tmp_name, mode)
        except OSError:
            pass  # some file systems (FAT, network shares) refuse chmod: not a reason to fail
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            # Announce by rename, so the test never reads a half-written name.
            Path(pause + ".part").write_text(tmp_name, encoding="utf-8")
            os.replace(pause + ".part", pause)
            time.sleep(float(os.environ.get("SOLOREC_TEST_PAUSE_SECONDS", "60")))
        os.replace(tmp_name, target)
        tmp_name = None
        try:  # make the rename itself durable; not possible everywhere
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass
    except OSError as exc:
        kept = "; the existing file was not changed" if existed else ""
        raise SoloRecError(f"cannot write {target}: {_why(exc, folder)}{kept}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
