"""Item names (movie titles) for item ids: the window's "Load item names…".

Two layouts are read, detected from the first line:

* MovieLens 100k ``u.item``: ``id|title|release date|video date|url|genre flags…``,
  ``|``-separated, latin-1, no header, titles never quoted.
* ml-latest-small ``movies.csv`` (and any ``id,title[,…]`` CSV with a header):
  ``movieId,title,genres``, UTF-8, titles with commas in double quotes
  (``11,"American President, The (1995)",Comedy|Drama|Romance``).

:func:`read_item_names` returns ``{id: title}`` with ids as the same strings the
rating reader uses for item labels. Anything that is not such a file raises
:class:`InputError` naming the line. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import csv
import io
import os

from ..errors import InputError
from .files import read_file_bytes

#: Refuse absurdly large files (a names file for 100k+ items is a few MB).
MAX_BYTES = 64 * 1024 * 1024


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8, else latin-1 (what u.item is)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_item_names(path: str | os.PathLike) -> dict[str, str]:
    """``{item id: title}`` from a ``u.item`` or ``movies.csv``-style file; raises :class:`InputError`."""
    data = read_file_bytes(path, max_bytes=MAX_BYTES, what="item-names file")
    try:
        return parse_item_names(data)
    except InputError as exc:
        raise InputError(exc.reason, path=str(path), line=exc.line, column=exc.column) from None


def parse_item_names(data: bytes | str) -> dict[str, str]:
    """Parse the bytes (or text) of an item-names file; see :func:`read_item_names`."""
    if isinstance(data, bytes):
        if b"\x00" in data[:4096]:
            raise InputError("this is a binary file, not a list of item names")
        # u.item is latin-1 (e.g. "Misérables" with é as the single byte 0xE9); CSVs are UTF-8.
        data = _decode(data)
    text = data.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    # u.item's first line has ~23 '|' and its titles may hold commas; movies.csv's has 1+ ',' before the genres' '|'.
    pipe = first.count("|") >= 1 and first.split("|", 1)[0].strip().isdigit() and "," not in first.split("|", 1)[0]
    if not text.strip():
        raise InputError("the file is empty")
    return _parse_pipe(text) if pipe else _parse_csv(text)


def _check(names: dict[str, str], item: str, title: str, line: int) -> None:
    if not item:
        raise InputError("empty item id", line=line, column=1)
    if item in names:
        raise InputError(f"item id {item!r} appears twice", line=line, column=1)
    names[item] = title


def _parse_pipe(text: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("|")
        if len(fields) < 2:
            raise InputError("expected id|title|…; found no '|'", line=line_no)
        item, title = fields[0].strip(), fields[1].strip()
        if line_no == 1 and not item.isdigit() and item.lower() in ("id", "movie id", "movieid", "item", "item id"):
            continue  # a header
        _check(names, item, title, line_no)
    if not names:
        raise InputError("the file lists no item")
    return names


def _parse_csv(text: str) -> dict[str, str]:
    names: dict[str, str] = {}
    sample = text[:4096]
    sep = "\t" if sample.split("\n", 1)[0].count("\t") > sample.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', strict=True)
    try:
        for row in reader:
            line_no = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) < 2:
                raise InputError(f"expected id{sep}title; found {len(row)} field", line=line_no)
            item, title = row[0].strip(), row[1].strip()
            if not names and line_no == 1 and not item.isdigit():
                # Header: movieId,title,... (any non-numeric first id on line 1).
                if "title" not in title.lower() and "name" not in title.lower():
                    raise InputError(
                        f"the header's second column is {title!r}; expected a title or name column", line=1, column=2
                    )
                continue
            _check(names, item, title, line_no)
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", line=reader.line_num) from None
    if not names:
        raise InputError("the file lists no item")
    return names
