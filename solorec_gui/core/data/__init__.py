"""Rating data: the :class:`RatingMatrix` type, its CSV reader and writers, and safe file I/O.

* :mod:`.matrix`: :class:`RatingMatrix`, :data:`MAX_CELLS`, the cold-start report.
* :mod:`.read`: decoding, separator sniffing, the wide and long readers.
* :mod:`.labels`: label normalization, representability and CSV-injection guards.
* :mod:`.write`: the wide and long CSV writers and the completed-matrix export.
* :mod:`.files`: reading a file's bytes with readable errors, atomic writes.
* :mod:`.item_names`: item names (movie titles) for item ids.

Nothing here imports Qt or torch (``tests/core/test_data_imports.py``).
"""

from __future__ import annotations

from .files import PAUSE_ENV, atomic_write_bytes, read_file_bytes
from .item_names import parse_item_names, read_item_names
from .labels import check_savable, label_problem, normalize_label
from .matrix import DEFAULT_SCALE, MAX_CELLS, ColdStart, RatingMatrix, cold_start_report
from .read import FORMATS, MISSING_MARKERS, decode_bytes, parse_ratings, read_ratings, sniff_separator
from .write import export_completed, format_rating, long_rows, save_wide, wide_rows, write_rows

__all__ = [
    "DEFAULT_SCALE",
    "FORMATS",
    "MAX_CELLS",
    "MISSING_MARKERS",
    "PAUSE_ENV",
    "ColdStart",
    "RatingMatrix",
    "atomic_write_bytes",
    "check_savable",
    "cold_start_report",
    "decode_bytes",
    "export_completed",
    "format_rating",
    "label_problem",
    "long_rows",
    "normalize_label",
    "parse_item_names",
    "parse_ratings",
    "read_file_bytes",
    "read_item_names",
    "read_ratings",
    "save_wide",
    "sniff_separator",
    "wide_rows",
    "write_rows",
]
