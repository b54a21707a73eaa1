"""Reading very large long-format files (MovieLens-25M size) in chunks, into compact arrays.

The text reader (:mod:`.read`) decodes the whole file and holds every cell as a
string: right for the odd files people make by hand, impossible for 25 million
lines (75 million Python strings). Long text files of :data:`STREAM_MIN_BYTES`
or more come here instead:

* before reading, the memory a file needs is estimated from its size and the
  length of its first lines; a file that would not fit in the memory the machine
  has free is refused with both figures, before anything is read (no swapping);
* ``pandas.read_csv`` (its C parser) reads :data:`CHUNK_LINES` lines at a time
  as text; each chunk's distinct labels and rating texts are looked at once
  (``pandas.factorize``), with the same rules as the text reader
  (:func:`.cells._parse_cell`: decimal commas, missing markers, the scale), so
  only int32 user/item codes and float32 ratings are kept: 12 bytes a rating;
* the first bad line stops the reading at once with its line and column (a bad
  line near the end of a 25 M-line file is reported after one pass, before any
  training); a rating given twice is found after the pass by sorting;
* ``on_progress(fraction)`` is called after every chunk and ``should_stop()``
  polled, so the window shows a progress bar with Cancel
  (:class:`~..errors.Cancelled`).

The result is a :class:`.matrix.SparseRatingMatrix` above :data:`.matrix.MAX_CELLS`
users × items, else the usual dense matrix: the same file gives the same matrix
whichever reader read it. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from ..errors import Cancelled, InputError
from .cells import _NUMBER, MISSING_MARKERS, _parse_cell
from .labels import _strip_formula_guard
from .matrix import DEFAULT_SCALE, RatingMatrix, from_cells

#: Long text files at least this big are read here (ml-latest-small's ratings.csv is 2.4 MB,
#: a 1 M-rating file ~13 MB, MovieLens-25M's 647 MB).
STREAM_MIN_BYTES = 8 * 1024 * 1024
#: Lines per chunk: ~200 MB of transient strings while a chunk is converted.
CHUNK_LINES = 1_000_000
#: Lines per chunk when the caller follows the progress (the window): pandas holds the GIL while it
#: factorizes a chunk, so the GUI thread waits up to ~1 s for a 1 M-line chunk on a busy machine and a
#: quarter of that for these; reading takes ~10 % longer (10 M lines: 11.0–11.6 s against 9.6–10.3 s).
INTERACTIVE_CHUNK_LINES = 250_000
#: Bytes of memory a rating costs while a file is read (codes, ratings, the sort that orders them)
#: and then trained on (the tensors of the training loop): ``solorec-cli evaluate`` on 24.5 M + 0.5 M
#: ratings peaked at 2.9 GB, ≈ 105 B/rating above the interpreter and torch (bench/scale.py), rounded up.
BYTES_PER_RATING = 120
#: Fixed part of the estimate: the interpreter, torch, one chunk of strings.
BASE_BYTES = 600 * 1024 * 1024
_HEAD_BYTES = 1 << 20


def available_memory() -> int | None:
    """Bytes of memory the machine can give without swapping (Linux ``MemAvailable``); None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _gb(n: float) -> str:
    return f"{n / 1024**3:.1f} GB"


class _Head:
    """What the first lines of a file say: encoding, separator, header, the average line length."""

    def __init__(self, path: str, sep: str | None) -> None:
        from .read import _looks_long, _records, decode_bytes, sniff_separator

        with open(path, "rb") as fh:
            raw = fh.read(_HEAD_BYTES)
        self.size = os.path.getsize(path)
        cut = raw.rfind(b"\n") if len(raw) == _HEAD_BYTES else len(raw)
        raw = raw[: cut + 1] if cut > 0 else raw
        text, self.encoding = decode_bytes(raw, path)
        self.bom = text.startswith("\ufeff")
        text = text.lstrip("\ufeff")
        if sep is None:
            sep = sniff_separator(text)
        elif sep in ("\\t", "tab"):
            sep = "\t"
        self.sep = sep
        records = list(zip(range(50), _records(text, sep)))
        first = [c.strip() for c in records[0][1][1]] if records else []
        self.looks_long = bool(first) and _looks_long(first)
        self.header = len(first) >= 3 and not _NUMBER.match(first[2].replace(",", "."))
        self.width = len(first)
        lines = max(1, text.count("\n"))
        self.line_bytes = max(1.0, len(raw) / lines)

    @property
    def lines(self) -> int:
        return int(self.size / self.line_bytes) + 1


def streams(path: str | os.PathLike, format: str = "auto") -> bool:
    """Whether :func:`read_long_stream` reads this file: a long text file of :data:`STREAM_MIN_BYTES` or more."""
    try:
        if format == "wide" or os.path.getsize(path) < STREAM_MIN_BYTES:
            return False
    except OSError:
        return False
    from .workbook import is_workbook

    return not is_workbook(path)


def check_memory(path: str | os.PathLike, n_lines: int) -> None:
    """Refuse, before reading, a file whose ratings would not fit in the memory that is free."""
    need = BASE_BYTES + BYTES_PER_RATING * n_lines
    free = available_memory()
    if free is not None and need > free:
        raise InputError(
            f"this file has about {n_lines:,} ratings; reading and training on them needs about {_gb(need)} "
            f"of memory and this machine has {_gb(free)} free. Close other programs, or use a sample of the file",
            path=os.fspath(path),
        )


class _Labels:
    """Label → code, in order of first appearance, fed one chunk at a time."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def codes(self, column, what: str, lines: np.ndarray) -> np.ndarray:
        import pandas as pd

        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        if (codes < 0).any():
            k = int(np.argmax(codes < 0))
            raise InputError(f"empty {what} id", line=int(lines[k]), column=1 if what == "user" else 2)
        index = self.index
        remap = np.empty(len(uniques), dtype=np.int64)
        for k, u in enumerate(uniques):
            label = _strip_formula_guard(str(u).strip())
            if not label:
                j = int(np.argmax(codes == k))
                raise InputError(f"empty {what} id", line=int(lines[j]), column=1 if what == "user" else 2)
            remap[k] = index.setdefault(label, len(index))
        return remap[codes]

    def ordered(self) -> tuple[list[str], np.ndarray]:
        """(labels in display order, display position of each code): integer ids numerically."""
        from .read import _display_order

        order, perm = _display_order(list(self.index))
        return order, perm


def _ratings(column, scale, decimal_comma: bool, lines: np.ndarray) -> np.ndarray:
    import pandas as pd

    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():
        k = int(np.argmax(codes < 0))
        raise InputError("missing rating: a long-format line must give a rating", line=int(lines[k]), column=3)
    parsed = np.empty(len(uniques), dtype=np.float32)
    for k, text in enumerate(uniques):
        text = str(text)
        if text.strip().lower() in MISSING_MARKERS:
            j = int(np.argmax(codes == k))
            raise InputError(f"missing rating ({text.strip()!r}): a long-format line must give a rating",
                             line=int(lines[j]), column=3)
        try:
            parsed[k] = _parse_cell(text, scale, decimal_comma=decimal_comma)
        except InputError as exc:
            j = int(np.argmax(codes == k))
            raise InputError(exc.reason, line=int(lines[j]), column=3) from None
    return parsed[codes]


def _parser_line(message: str) -> int | None:
    import re

    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def read_long_stream(
    path: str | os.PathLike,
    *,
    sep: str | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
    on_progress: Callable[[float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    check_free_memory: bool = True,
) -> RatingMatrix | None:
    """Read a long-format text file chunk by chunk (see the module docstring).

    Returns None when the file does not look long (the caller reads it as a wide
    file). Raises :class:`InputError` naming the line and column of the first bad
    line, or :class:`Cancelled` when ``should_stop`` answers True.
    """
    import pandas as pd

    path = os.fspath(path)
    head = _Head(path, sep)
    if not head.looks_long:
        return None
    sep = head.sep
    if len(sep) != 1 or sep in '"\r\n' or sep.isalnum() or sep == ".":
        raise InputError(f"the separator must be one character such as , ; or tab, not {sep!r}", path=path)
    if check_free_memory:
        check_memory(path, head.lines)
    max_fields = max(4, head.width) if head.header else 4
    start_line = 2 if head.header else 1
    users, items = _Labels(), _Labels()
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    decimal_comma = sep != ","
    chunk_lines = CHUNK_LINES if on_progress is None else INTERACTIVE_CHUNK_LINES
    encoding = "utf-8-sig" if head.encoding.startswith("utf-8") else head.encoding
    seen = 0
    done = 0.0
    blank_lines: list[int] = []
    try:
        with open(path, "rb") as fh:
            reader = pd.read_csv(
                fh, sep=sep, header=None, skiprows=1 if head.header else 0, names=range(max_fields),
                dtype=str, keep_default_na=False, na_values=[""], skip_blank_lines=False,
                encoding=encoding, chunksize=chunk_lines, engine="c",
            )
            for chunk in reader:
                if should_stop is not None and should_stop():
                    raise Cancelled()
                lines = np.arange(start_line + seen, start_line + seen + len(chunk), dtype=np.int64)
                blank = chunk.isna().all(axis=1).to_numpy()
                if blank.any():
                    blank_lines.extend(int(x) for x in lines[blank])
                    chunk, lines = chunk[~blank], lines[~blank]
                u = users.codes(chunk[0], "user", lines)
                i = items.codes(chunk[1], "item", lines)
                r = _ratings(chunk[2], scale, decimal_comma, lines)
                parts.append((u.astype(np.int32), i.astype(np.int32), r))
                seen += len(blank)
                if on_progress is not None:
                    # The parser reads ahead and its position can step back (seen: 1.0, then 0.93): report
                    # a fraction that never goes down, and 1.0 only once every chunk is converted.
                    done = max(done, min(0.99, fh.tell() / max(1, head.size)))
                    on_progress(done)
        if on_progress is not None:
            on_progress(1.0)
    except pd.errors.ParserError as exc:
        line = _parser_line(str(exc))
        raise InputError(
            "this line has more fields than user, item, rating and an optional timestamp"
            if "Expected" in str(exc) else f"this file cannot be read as CSV ({str(exc).strip()})",
            path=path, line=line,
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not valid {head.encoding} text ({exc.reason})", path=path) from None
    except InputError as exc:
        raise InputError(exc.reason, path=path, line=exc.line, column=exc.column) from None
    if not parts:
        raise InputError("the file has a header but no ratings", path=path, line=1)
    rows = np.concatenate([p[0] for p in parts])
    cols = np.concatenate([p[1] for p in parts])
    vals = np.concatenate([p[2] for p in parts])
    del parts
    user_labels, u_perm = users.ordered()
    item_labels, i_perm = items.ordered()
    rows = u_perm[rows].astype(np.int32)
    cols = i_perm[cols].astype(np.int32)
    n_items = len(item_labels)
    key = rows.astype(np.int64) * n_items + cols
    order = np.argsort(key, kind="stable")
    key = key[order]
    dup = np.flatnonzero(key[1:] == key[:-1])
    if len(dup):
        # The line repeating an earlier one: stable order keeps the first occurrence first.
        later = order[dup + 1]
        k = int(np.argmin(later))
        first_pos, pos = int(order[dup[k]]), int(later[k])
        raise InputError(
            f"user {user_labels[rows[pos]]!r} rated item {item_labels[cols[pos]]!r} twice "
            f"(first on line {_line_of(first_pos, start_line, blank_lines)})",
            path=path, line=_line_of(pos, start_line, blank_lines),
        )
    del key
    rows, cols, vals = rows[order], cols[order], vals[order]
    del order
    source = {"path": path, "header": head.header, "encoding": head.encoding, "sep": sep, "reader": "stream"}
    if len(user_labels) * len(item_labels) <= _dense_limit():
        return from_cells(user_labels, item_labels, rows, cols, vals.astype(np.float64), scale, "", source)
    from .matrix import SparseRatingMatrix

    return SparseRatingMatrix(user_labels, item_labels, rows, cols, vals, scale, "", source, ordered=True)


def _dense_limit() -> int:
    from . import matrix

    return matrix.MAX_CELLS


def _line_of(position: int, start_line: int, blank_lines: list[int]) -> int:
    """The file line of the ``position``-th rating (0-based), given the blank lines that were skipped."""
    line = start_line + position
    for b in blank_lines:
        if b <= line:
            line += 1
    return line
