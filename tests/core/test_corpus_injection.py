"""CSV injection (OWASP): labels a spreadsheet would run as formulas are written guarded by default.

A label that starts with ``=``, ``+``, ``-`` or ``@`` (or tab/CR) is written
with a leading apostrophe, which spreadsheets show as text and do not
evaluate; a label that itself starts with an apostrophe gets a second one. The
reader removes the guard, so guarded labels round-trip. ``escape_formulas=False``
(the CLI's ``--raw-labels``) writes them raw. Ratings are numbers and are never guarded.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from solorec_gui import cli
from solorec_gui.core.data import RatingMatrix, export_completed, read_ratings, save_wide

DANGEROUS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]
HARMLESS = ["plain", "'already quoted", "a=b", "영호(IN)"]


def _matrix() -> RatingMatrix:
    users = DANGEROUS + HARMLESS
    items = ["=1+2", "@item", "ok"]
    values = np.tile([1.0, np.nan, 4.5], (len(users), 1))
    return RatingMatrix(users, items, values, (-5.0, 5.0))


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _labels(rows: list[list[str]]) -> list[str]:
    return rows[0][1:] + [row[0] for row in rows[1:]]


def test_labels_are_guarded_by_default_and_round_trip(tmp_path):
    m = _matrix()
    path = tmp_path / "guarded.csv"
    save_wide(m, path)
    labels = _labels(_cells(path))
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)
    assert "'=1+2" in labels and "'@item" in labels and "'-2+3" in labels
    assert "''already quoted" in labels  # so the reader can tell it from a guard
    assert "a=b" in labels and "plain" in labels  # only a leading formula character matters
    back = read_ratings(path, scale=m.scale)
    assert back.users == m.users and back.items == m.items
    np.testing.assert_array_equal(back.values, m.values)


def test_raw_option_writes_labels_unguarded(tmp_path):
    m = _matrix()
    path = tmp_path / "raw.csv"
    save_wide(m, path, escape_formulas=False)
    labels = _labels(_cells(path))
    for label in DANGEROUS + ["=1+2", "@item"]:
        assert label in labels
    assert "'already quoted" in labels
    back = read_ratings(path, scale=m.scale)
    assert back.users == m.users and back.items == m.items


def test_negative_ratings_are_numbers_not_guarded(tmp_path):
    m = RatingMatrix(["u"], ["a", "b"], np.array([[-3.5, -0.25]]), (-5.0, 5.0))
    path = tmp_path / "neg.csv"
    save_wide(m, path)
    assert _cells(path)[1] == ["u", "-3.5", "-0.25"]


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_exports_are_guarded_too(layout, tmp_path):
    m = _matrix()
    path = tmp_path / f"completed_{layout}.csv"
    export_completed(m, np.full(m.shape, 2.0), path, layout=layout)
    rows = _cells(path)
    labels = _labels(rows) if layout == "wide" else [c for row in rows[1:] for c in row[:2]]
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)
    back = read_ratings(path, scale=m.scale)
    assert set(back.users) == set(m.users) and set(back.items) == set(m.items)
    raw = tmp_path / f"raw_{layout}.csv"
    export_completed(m, np.full(m.shape, 2.0), raw, layout=layout, escape_formulas=False)
    rows = _cells(raw)
    labels = _labels(rows) if layout == "wide" else [c for row in rows[1:] for c in row[:2]]
    assert "=1+2" in labels and "@SUM(A1)" in labels


def test_cli_guards_by_default_and_raw_labels_opts_out(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text(",=1+2,b\n@u,1,2\nv,,3\n", encoding="utf-8")
    guarded, raw = tmp_path / "guarded.csv", tmp_path / "raw.csv"
    assert cli.main(["complete", str(src), "-o", str(guarded), "--epochs", "3", "-q"]) == 0
    assert cli.main(["complete", str(src), "-o", str(raw), "--epochs", "3", "-q", "--raw-labels"]) == 0
    capsys.readouterr()
    assert _labels(_cells(guarded))[:1] == ["'=1+2"] and _cells(guarded)[1][0] == "'@u"
    assert _labels(_cells(raw))[:1] == ["=1+2"] and _cells(raw)[1][0] == "@u"
    assert read_ratings(guarded).users == ["@u", "v"]
