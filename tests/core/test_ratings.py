"""Reading and writing rating files (issue 2 §2): solo.csv's quirks, long format, encodings, round trips."""

from __future__ import annotations

import math

import numpy as np
import pytest

from solorec_gui.core.data import (
    RatingMatrix,
    export_completed,
    parse_ratings,
    read_ratings,
    save_wide,
)
from solorec_gui.core.errors import InputError


def test_solo_csv_quirks(solo_path):
    m = read_ratings(solo_path)
    assert m.shape == (9, 8)
    assert m.users[0] == "옥순(IN)" and m.users[-1] == "하니(I)"
    assert m.items == ["영식(IN)", "영철(IN)", "영호(IS)", "광수(IS)", "상철(EN)", "영수(EN)", "규빈(ES)", "다호(ES)"]
    assert m.corner == ""
    assert m.n_known == 63
    assert m.source["format"] == "wide" and m.source["encoding"] == "utf-8"
    v = m.values
    assert v[0, 1] == 4.02  # " 4.02" padded
    assert v[6, 4] == 3.5  # "3.5 " padded
    assert v[7, 5] == 4.0  # "4.  "
    assert math.isnan(v[0, 0])  # empty field
    bo = m.users.index("보람(ES)")
    assert math.isnan(v[bo, 7])  # the short row: its missing trailing field is a missing rating
    assert math.isnan(v[bo, 3])
    missing = sorted(zip(*np.nonzero(np.isnan(v))))
    assert missing == [(0, 0), (1, 7), (2, 5), (3, 2), (4, 1), (5, 6), (7, 3), (7, 7), (8, 2)]


def test_known_cells_are_row_major(solo_path):
    m = read_ratings(solo_path)
    rows, cols, vals = m.known_cells()
    assert list(zip(rows[:3], cols[:3])) == [(0, 1), (0, 2), (0, 3)]
    assert (np.diff(rows * 8 + cols) > 0).all()
    assert vals[0] == 4.02


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949", "euc-kr"])
def test_excel_encodings(solo_path, tmp_path, encoding):
    text = solo_path.read_text(encoding="utf-8")
    p = tmp_path / f"solo-{encoding}.csv"
    p.write_bytes(text.encode(encoding))
    m = read_ratings(p)
    ref = read_ratings(solo_path)
    assert m.users == ref.users and m.items == ref.items
    np.testing.assert_array_equal(m.values, ref.values)


def test_utf16_excel_unicode_text(solo_path, tmp_path):
    text = solo_path.read_text(encoding="utf-8").replace(",", "\t")
    p = tmp_path / "solo16.txt"
    p.write_bytes(text.encode("utf-16"))
    m = read_ratings(p)
    assert m.shape == (9, 8) and m.n_known == 63


def test_long_u_data_tab_no_header(data_dir):
    m = read_ratings(data_dir / "movielens" / "u.data.head500")
    assert m.source["format"] == "long" and m.source["sep"] == "\t"
    assert m.n_known == 500
    # the first line is "196\t242\t3\t881250949"
    assert m.values[m.users.index("196"), m.items.index("242")] == 3.0
    # integer ids are ordered numerically
    assert [int(u) for u in m.users] == sorted(int(u) for u in m.users)


def test_long_ratings_csv_header_half_stars(data_dir):
    m = read_ratings(data_dir / "movielens" / "ratings.head500.csv")
    assert m.source["format"] == "long" and m.n_known == 500
    assert m.values[m.users.index("1"), m.items.index("1")] == 4.0
    assert set(np.unique(m.values[m.known_mask])) <= {x / 2 for x in range(1, 11)}
    assert 0.5 in set(m.values[m.known_mask]) or 3.5 in set(m.values[m.known_mask])


def test_full_movielens_files(datasets):
    m = read_ratings(datasets / "ml-100k" / "u.data")
    assert m.shape == (943, 1682) and m.n_known == 100_000
    s = read_ratings(datasets / "ml-latest-small" / "ratings.csv")
    assert s.shape == (610, 9724) and s.n_known == 100_836


def test_format_override(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("u1,i1,4\nu2,i1,3\n")
    assert read_ratings(p).shape == (2, 1)  # detected long
    with pytest.raises(InputError, match="'i1' is not a number"):
        read_ratings(p, format="wide")  # forced: "u2,i1,3" is then a row of ratings


def test_long_with_header_words(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("user;item;rating\nann;x;3,5\nbob;y;4\n")
    m = read_ratings(p)
    assert m.source["format"] == "long" and m.source["sep"] == ";"
    assert m.values[0, 0] == 3.5


def test_save_round_trips_exactly(solo_path, tmp_path):
    m = read_ratings(solo_path)
    out = tmp_path / "saved.csv"
    save_wide(m, out)
    back = read_ratings(out)
    assert back.users == m.users and back.items == m.items
    np.testing.assert_array_equal(back.values, m.values)
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith(",영식(IN)")


def test_export_completed_keeps_known_and_rounds_predictions(solo_path, tmp_path):
    m = read_ratings(solo_path)
    pred = np.full(m.shape, 2.345678)
    out = tmp_path / "done.csv"
    export_completed(m, pred, out, decimals=2, bom=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = read_ratings(out)
    assert back.n_known == 72
    np.testing.assert_array_equal(back.values[m.known_mask], m.values[m.known_mask])
    assert (back.values[~m.known_mask] == 2.35).all()


@pytest.mark.parametrize(
    "content, fragment, line, column",
    [
        ("", "empty", None, None),
        (",a,b\nx,1,abc\n", "'abc' is not a number", 2, 3),
        (",a,b\nx,1,7\n", "outside the scale", 2, 3),
        (",a,a\nx,1,2\n", "duplicate item label 'a'", 1, 3),
        (",a,b\nx,1,2\nx,3,4\n", "duplicate user label 'x'", 3, 1),
        (",a,b\nx,,\ny,,\n", "no known rating", None, None),
        ("user,item,rating\nann,x,\n", "missing rating", 2, 3),
        ("1\t2\t3\n1\t2\t4\n", "twice", 2, None),
        (",a,b\nx,1,2,3\n", "header has only 3 columns", 2, 4),
    ],
)
def test_bad_input_says_what_and_where(content, fragment, line, column):
    with pytest.raises(InputError) as info:
        parse_ratings(content.encode())
    assert fragment in str(info.value)
    assert info.value.line == line
    assert info.value.column == column


def test_no_nan_targets_reach_training(solo_path):
    """pandas 3's stack() keeps NaN; known_cells never yields a missing cell."""
    m = read_ratings(solo_path)
    _, _, vals = m.known_cells()
    assert np.isfinite(vals).all()


def test_matrix_checks_a_typed_rating():
    m = RatingMatrix(["u"], ["i"], np.array([[1.0]]))
    assert m.parse_rating(" 3,5 ") == 3.5
    assert math.isnan(m.parse_rating(""))
    with pytest.raises(InputError, match="outside the scale"):
        m.parse_rating("6")
    with pytest.raises(InputError, match="not a number"):
        m.parse_rating("four")
