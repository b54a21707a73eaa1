"""Rating data: the :class:`RatingMatrix` type, its CSV reader and writers, and safe file I/O.

* :mod:`.matrix`: :class:`RatingMatrix`, :data:`MAX_CELLS`, the cold-start report.
* :mod:`.load`: :func:`read_ratings`, the one entry (large long files go to :mod:`.stream`).
* :mod:`.stream`: very large long files read in chunks into compact arrays (MovieLens-25M size).
* :mod:`.read`: decoding, separator sniffing, tokenising (pandas), the wide and long checks.
* :mod:`.workbook`: .xlsx/.xlsm/.ods sheets read through pandas (calamine), .xlsx written (openpyxl).
* :mod:`.labels`: label normalization, representability and CSV-injection guards.
* :mod:`.write`: the wide and long CSV writers and the completed-matrix export (CSV or .xlsx).
* :mod:`.files`: reading a file's bytes with readable errors, atomic writes.
* :mod:`.item_names`: item names (movie titles) for item ids.

Nothing here imports Qt or torch (``tests/core/test_data_imports.py``), and importing it
does not import pandas: a large file or a workbook does, when it is read.
"""

from __future__ import annotations

from .files import PAUSE_ENV, atomic_write_bytes, read_file_bytes
from .item_names import parse_item_names, read_item_names
from .labels import check_savable, label_problem, normalize_label
from .matrix import (
    DEFAULT_SCALE,
    MAX_CELLS,
    ColdStart,
    RatingMatrix,
    SparseRatingMatrix,
    cells_text,
    cold_start_report,
    from_cells,
)
from .load import read_ratings
from .read import (
    ENGINES,
    FORMATS,
    MISSING_MARKERS,
    PANDAS_MIN_CHARS,
    Table,
    decode_bytes,
    parse_ratings,
    read_table,
    read_workbook,
    sniff_separator,
    tokenize,
)
from .workbook import (
    WORKBOOK_SUFFIXES,
    WRITABLE_SUFFIXES,
    is_workbook,
    workbook_sheets,
    write_workbook,
    writes_workbook,
)
from .write import export_completed, format_rating, long_rows, save_wide, wide_rows, write_rows

__all__ = [
    "DEFAULT_SCALE",
    "ENGINES",
    "FORMATS",
    "MAX_CELLS",
    "MISSING_MARKERS",
    "PANDAS_MIN_CHARS",
    "PAUSE_ENV",
    "WORKBOOK_SUFFIXES",
    "WRITABLE_SUFFIXES",
    "ColdStart",
    "RatingMatrix",
    "SparseRatingMatrix",
    "Table",
    "atomic_write_bytes",
    "check_savable",
    "cells_text",
    "cold_start_report",
    "decode_bytes",
    "export_completed",
    "format_rating",
    "from_cells",
    "is_workbook",
    "label_problem",
    "long_rows",
    "normalize_label",
    "parse_item_names",
    "parse_ratings",
    "read_file_bytes",
    "read_item_names",
    "read_ratings",
    "read_table",
    "read_workbook",
    "save_wide",
    "sniff_separator",
    "tokenize",
    "wide_rows",
    "workbook_sheets",
    "write_rows",
    "write_workbook",
    "writes_workbook",
]
