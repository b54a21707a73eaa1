"""Reading rating files: decoding, separator sniffing, the wide and long readers.

Files come in two layouts, detected automatically:

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
import math
import os
import re
from collections.abc import Iterable, Iterator

import numpy as np

from ..errors import InputError
from .cells import _NUMBER, MISSING_MARKERS, _parse_cell
from .files import read_file_bytes
from .labels import _CONTROL, _strip_formula_guard
from .matrix import DEFAULT_SCALE, MAX_CELLS, RatingMatrix

#: Cell texts read as "no rating" (compared case-insensitively, after strip).

_LONG_HEADER_WORDS = ("user", "item", "movie", "rating", "score", "time", "product", "id")

FORMATS = ("auto", "wide", "long")


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
