"""Property-based tests (hypothesis): save → load is lossless, and the loader refuses garbage politely.

Example counts come from a profile chosen by ``SOLOREC_HYPOTHESIS`` (default ``ci``):
``dev`` for quick local runs, ``ci`` (a few thousand examples in all, tens of
seconds on two cores), ``long`` for a soak run before a release.

Representable labels (what the writer and reader agree on, see
``data.label_problem``): any Unicode text that is not empty once surrounding
whitespace is stripped, without C0 control characters other than tab, CR, LF.
Commas, quotes, newlines, emoji and formula characters are quoted or guarded.
Surrounding whitespace is not part of a label: the writer drops it, as the
reader would.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from solorec_gui.core.data import (
    RatingMatrix,
    label_problem,
    long_rows,
    normalize_label,
    parse_ratings,
    read_ratings,
    save_wide,
    write_rows,
)
from solorec_gui.core.data.labels import _guard_formula, _strip_formula_guard
from solorec_gui.core.errors import InputError, SoloRecError

PROFILE = os.environ.get("SOLOREC_HYPOTHESIS", "ci")
#: examples per test in each profile: (round trips, arbitrary input, cheap checks)
_COUNTS = {"dev": (60, 150, 50), "ci": (1000, 2000, 400), "long": (10_000, 50_000, 5_000)}
ROUND, FUZZ, CHEAP = _COUNTS[PROFILE]


def _settings(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        print_blob=True,
    )


@pytest.fixture(autouse=True, scope="module")
def _no_fsync():
    """fsync costs milliseconds per save on a shared disk; these tests are about bytes, not
    durability (tests/core/test_atomic_write.py covers that), so skip it here."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", lambda fd: None)
        yield


# -- strategies ----------------------------------------------------------------------

_TRICKY = [",", ";", "\t", "|", '"', "'", "\n", "\r\n", "\r", " ", "=", "+", "-", "@", "😀", "영호(IN)", "é", "\u2028", "\x85", "\ufeff", "nan", "1"]

# Any character but lone surrogates and C0/C1 controls (the tricky list adds tab, CR, LF, NEL; the
# refusal of the other controls has its own test).
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
)
tricky_text = st.lists(st.one_of(st.sampled_from(_TRICKY), any_text), min_size=1, max_size=5).map("".join)
raw_label = st.one_of(any_text, tricky_text)


def _canonical(label: str) -> bool:
    return label_problem(label) is None and normalize_label(label) == label


canonical_label = raw_label.map(normalize_label).filter(_canonical)


@st.composite
def scales(draw):
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return (0.0, 5.0)
    if kind == 1:
        return (1.0, 5.0)
    if kind == 2:
        return (-10.0, 10.0)
    lo = draw(st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False))
    hi = draw(st.floats(lo, 1e9, allow_nan=False, allow_infinity=False).filter(lambda x: x > lo))
    return (lo, hi)


@st.composite
def matrices(draw, label=canonical_label, *, corner=None):
    scale = draw(scales())
    lo, hi = scale
    n_users = draw(st.integers(1, 6))
    n_items = draw(st.integers(1, 6))
    users = draw(st.lists(label, min_size=n_users, max_size=n_users, unique_by=normalize_label))
    items = draw(st.lists(label, min_size=n_items, max_size=n_items, unique_by=normalize_label))
    value = st.one_of(
        st.just(math.nan),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        st.sampled_from([lo, hi, (lo + hi) / 2]),
    )
    values = np.array(draw(st.lists(value, min_size=n_users * n_items, max_size=n_users * n_items)), dtype=float)
    values = values.reshape(n_users, n_items)
    if np.isnan(values).all():
        values[draw(st.integers(0, n_users - 1)), draw(st.integers(0, n_items - 1))] = lo
    corner_text = draw(st.one_of(st.just(""), label)) if corner is None else corner
    return RatingMatrix(users, items, values, scale, corner_text)


# -- save → load ---------------------------------------------------------------------


_FOLDER = tempfile.TemporaryDirectory(prefix="solorec-props-")


def _save_and_read(matrix: RatingMatrix, **kwargs) -> tuple[RatingMatrix, bytes]:
    """Save over the same file each time (atomic replace), read it back, check no temp file is left."""
    path = Path(_FOLDER.name) / "m.csv"
    save_wide(matrix, path, **kwargs)
    data = path.read_bytes()
    back = read_ratings(path, scale=matrix.scale)
    assert os.listdir(_FOLDER.name) == ["m.csv"]
    return back, data


@_settings(ROUND)
@given(matrices(), st.booleans())
def test_wide_save_then_read_is_lossless(matrix, bom):
    back, _ = _save_and_read(matrix, bom=bom)
    assert back.users == matrix.users
    assert back.items == matrix.items
    assert back.scale == matrix.scale
    np.testing.assert_array_equal(back.values, matrix.values)
    assert back.corner in (matrix.corner, "")  # dropped only when it would make the file look long


@_settings(CHEAP)
@given(matrices(label=raw_label))
def test_any_label_reads_back_as_its_normalized_form(matrix):
    """Non-canonical labels (surrounding spaces): the file holds, and reads back as, the normalized label."""
    assume(all(label_problem(x) is None for x in matrix.users + matrix.items))
    assume(not normalize_label(matrix.corner) or label_problem(matrix.corner) is None)
    back, _ = _save_and_read(matrix)
    assert back.users == [normalize_label(x) for x in matrix.users]
    assert back.items == [normalize_label(x) for x in matrix.items]
    np.testing.assert_array_equal(back.values, matrix.values)


@_settings(CHEAP)
@given(matrices(corner=""))
def test_long_export_then_read_keeps_every_rating(matrix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.csv"
        write_rows(path, long_rows(matrix))
        back = read_ratings(path, scale=matrix.scale, format="long")
    want = {
        (matrix.users[u], matrix.items[i], matrix.values[u, i]) for u, i in zip(*np.nonzero(matrix.known_mask))
    }
    got = {(back.users[u], back.items[i], back.values[u, i]) for u, i in zip(*np.nonzero(back.known_mask))}
    assert got == want


@_settings(CHEAP)
@given(canonical_label)
def test_formula_guard_round_trips_and_defuses(label):
    guarded = _guard_formula(label)
    assert _strip_formula_guard(guarded) == label
    assert not guarded.startswith(("=", "+", "-", "@"))


@_settings(CHEAP)
@given(
    st.lists(canonical_label, min_size=1, max_size=3, unique=True),
    st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x0b", "\x0c"]),
)
def test_unrepresentable_label_is_refused_and_nothing_written(labels, control):
    bad = labels[0] + control + "x"
    matrix = RatingMatrix([bad], ["a"], np.array([[1.0]]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.csv"
        path.write_bytes(b"old")
        with pytest.raises(SoloRecError, match="control character"):
            save_wide(matrix, path)
        assert path.read_bytes() == b"old"
        assert os.listdir(folder) == ["m.csv"]


# -- arbitrary input -------------------------------------------------------------------

_TOKENS = [
    ",", ";", "\t", "|", '"', '""', "'", "\n", "\r\n", "\r", " ", "", "=", "-", "@",
    "1", "3.5", "3,5", "5.0", "7", "-1", "1e999", "inf", "nan", "NaN", "na", "n/a", ".", "e", "abc",
    "user", "item", "rating", "userId", "movieId", "timestamp", "881250949",
    "영호(IN)", "😀", "é", "\ufeff", "\x00", "\x01", "\u2028",
]
csvish_text = st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join)


@st.composite
def csvish_bytes(draw):
    text = draw(csvish_text)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp949", "latin-1"]))
    data = text.encode(encoding, errors="ignore")
    if draw(st.booleans()):  # flip a few bytes
        buf = bytearray(data)
        for _ in range(draw(st.integers(0, 3))):
            if buf:
                buf[draw(st.integers(0, len(buf) - 1))] = draw(st.integers(0, 255))
        data = bytes(buf)
    return data


parse_options = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["auto", "wide", "long"]),
        "sep": st.sampled_from([None, None, ",", ";", "\t", "|", "tab", "\\t", "ab", '"', "x", "\n"]),
        "scale": st.sampled_from([(0.0, 5.0), (1.0, 5.0), (-5.0, 5.0), (5.0, 0.0), (0.0, math.inf)]),
    }
)


def _parse_only_input_errors(data, options):
    try:
        matrix = parse_ratings(data, **options)
    except InputError as err:
        text = str(err)
        assert text and "\n" not in text
        return
    # Whatever loads is a sound matrix: finite known values on the scale, clean unique labels.
    lo, hi = matrix.scale
    known = matrix.values[matrix.known_mask]
    assert known.size > 0
    assert np.isfinite(known).all() and (known >= lo).all() and (known <= hi).all()
    assert len(set(matrix.users)) == matrix.n_users and len(set(matrix.items)) == matrix.n_items
    assert all(label_problem(x) is None for x in matrix.users + matrix.items)


@_settings(FUZZ)
@given(st.binary(max_size=300), parse_options)
def test_arbitrary_bytes_raise_only_input_error(data, options):
    _parse_only_input_errors(data, options)


@_settings(FUZZ)
@given(csvish_bytes(), parse_options)
def test_csv_like_bytes_raise_only_input_error(data, options):
    _parse_only_input_errors(data, options)


@_settings(CHEAP)
@given(csvish_text, parse_options)
def test_csv_like_text_raises_only_input_error(text, options):
    _parse_only_input_errors(text, options)
