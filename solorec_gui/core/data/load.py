"""The one entry for reading a rating file: very large long files in chunks, the rest whole.

:func:`read_ratings` sends a long text file of :data:`.stream.STREAM_MIN_BYTES`
or more to :func:`.stream.read_long_stream` (chunked, compact arrays, progress
and cancel) and everything else, workbooks and wide files included, to
:func:`.read.read_ratings`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..errors import InputError
from . import read
from .matrix import DEFAULT_SCALE, RatingMatrix
from .stream import read_long_stream, streams


def read_ratings(
    path: str | os.PathLike,
    *,
    format: str = "auto",
    sep: str | None = None,
    scale: tuple[float, float] = DEFAULT_SCALE,
    sheet: str | None = None,
    on_progress: Callable[[float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RatingMatrix:
    """Read a rating file (see :func:`.read.read_ratings` for the formats).

    For a large long file, ``on_progress(fraction)`` follows the reading and ``should_stop()``
    cancels it (:class:`~..errors.Cancelled`). Raises :class:`~..errors.InputError` on any problem.
    """
    if format not in read.FORMATS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(read.FORMATS)}")
    if sheet is None and streams(path, format):
        matrix = read_long_stream(path, sep=sep, scale=read._check_scale(scale), on_progress=on_progress,
                                  should_stop=should_stop)
        if matrix is not None:
            return matrix
    return read.read_ratings(path, format=format, sep=sep, scale=scale, sheet=sheet)
