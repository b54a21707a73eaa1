"""Workbooks: .xlsx/.xlsm/.ods in (first sheet or a named one, wide or long), .xlsx out with predicted cells styled.

Fixtures: tests/data/workbooks/ (made by tests/data/make_workbooks.py). Damaged and
password-protected workbooks are refused with one line naming the file and what is
wrong; through the CLI: exit 2 and nothing written.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from solorec_gui import cli
from solorec_gui.core.data import (
    RatingMatrix,
    export_completed,
    read_ratings,
    save_wide,
    workbook_sheets,
)
from solorec_gui.core.data.workbook import PREDICTED_FILL
from solorec_gui.core.errors import InputError, SoloRecError

BOOKS = Path(__file__).resolve().parents[1] / "data" / "workbooks"


def test_first_sheet_by_default_and_a_named_one():
    path = BOOKS / "two_sheets.xlsx"
    assert workbook_sheets(path) == ["Wide", "Long"]
    wide = read_ratings(path)
    assert wide.source["sheet"] == "Wide" and wide.source["format"] == "wide"
    assert wide.users == ["u1", "u2", "196"] and wide.items == ["a", "b", "c"]  # a number label reads as "196"
    np.testing.assert_array_equal(wide.values, [[4.02, 3.5, np.nan], [np.nan, 2.5, 1.0], [5.0, 0.5, np.nan]])
    long = read_ratings(path, sheet="Long")
    assert long.source["format"] == "long" and long.users == ["ann", "bob"] and long.items == ["x", "y"]
    np.testing.assert_array_equal(long.values, [[3.0, 1.0], [np.nan, 4.5]])


def test_unknown_sheet_names_the_sheets_there_are():
    with pytest.raises(InputError, match=r"no sheet named 'Nope'; its sheets: 'Wide', 'Long'"):
        read_ratings(BOOKS / "two_sheets.xlsx", sheet="Nope")


def test_a_sheet_for_a_text_file_is_refused(solo_path):
    with pytest.raises(InputError, match="not a workbook"):
        read_ratings(solo_path, sheet="Sheet1")


def test_ods_reads_like_the_csv(solo_path):
    ods = read_ratings(BOOKS / "solo.ods")
    csv = read_ratings(solo_path)
    assert ods.users == csv.users and ods.items == csv.items
    np.testing.assert_array_equal(ods.values, csv.values)


def test_xlsm_is_read_as_a_workbook(tmp_path):
    path = tmp_path / "macro.xlsm"
    path.write_bytes((BOOKS / "two_sheets.xlsx").read_bytes())
    assert read_ratings(path).shape == (3, 3)


def test_bad_cell_is_named_by_sheet_and_cell(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Notes"
    book.create_sheet("Data")
    data = book["Data"]
    data.append([])
    data.append([None, None, "a", "b"])  # the table starts at B2
    data.append([None, "u1", 3, "x"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_ratings(path, sheet="Data")
    err = info.value
    assert (err.line, err.column) == (3, 4)
    assert "rating 'x' is not a number (user 'u1', item 'b') (sheet 'Data', cell D3)" in str(err)
    assert str(err).startswith(str(path))


def _predictions(m: RatingMatrix) -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.uniform(0, 5, m.shape)


def test_export_writes_a_workbook_with_predicted_cells_styled(solo_path, tmp_path):
    from openpyxl import load_workbook

    m = read_ratings(solo_path)
    pred = _predictions(m)
    out = tmp_path / "done.xlsx"
    export_completed(m, pred, out, decimals=2, about="mf (dim 2, 100 epochs)")
    back = read_ratings(out)
    assert back.users == m.users and back.items == m.items and back.n_known == m.values.size
    np.testing.assert_array_equal(back.values[m.known_mask], m.values[m.known_mask])  # known: exact
    np.testing.assert_array_equal(back.values[~m.known_mask], np.round(pred[~m.known_mask], 2))
    book = load_workbook(out)
    assert book.sheetnames == ["Ratings", "About"]
    sheet = book["Ratings"]
    for u in range(m.n_users):
        for i in range(m.n_items):
            cell = sheet.cell(u + 2, i + 2)
            styled = cell.fill.fgColor.rgb.endswith(PREDICTED_FILL) and cell.font.i
            assert bool(styled) == (not m.known_mask[u, i]), (u, i)
    assert any("mf (dim 2" in str(c.value) for row in book["About"].iter_rows() for c in row)


def test_long_export_to_a_workbook(solo_path, tmp_path):
    m = read_ratings(solo_path)
    out = tmp_path / "long.xlsx"
    export_completed(m, _predictions(m), out, layout="long")
    back = read_ratings(out)
    assert back.source["format"] == "long" and back.n_known == m.values.size


def test_labels_round_trip_and_never_run_as_formulas(tmp_path):
    from openpyxl import load_workbook

    labels = ["=1+1", "'=x", "+3", "@sum", "Kim, J.", '"quoted"', "영호(IN)", "-", "multi\nline"]
    m = RatingMatrix(labels, ["=cmd|' /C calc'!A0", "b"], np.arange(2 * len(labels), dtype=float).reshape(-1, 2) % 5)
    out = tmp_path / "labels.xlsx"
    save_wide(m, out)
    back = read_ratings(out)
    assert back.users == labels and back.items == m.items
    sheet = load_workbook(out)["Ratings"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_writing_ods_or_xlsm_is_refused_before_anything_is_written(solo_path, tmp_path):
    m = read_ratings(solo_path)
    for name in ("out.ods", "out.xlsm"):
        with pytest.raises(SoloRecError, match="writes workbooks as .xlsx"):
            export_completed(m, _predictions(m), tmp_path / name)
    assert os.listdir(tmp_path) == []


# -- damaged and protected workbooks ---------------------------------------------------


def _damaged(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    good = (BOOKS / "two_sheets.xlsx").read_bytes()
    encrypted_ods = io.BytesIO()
    with zipfile.ZipFile(encrypted_ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<manifest:file-entry><manifest:encryption-data/></manifest:file-entry>')
        z.writestr("content.xml", b"\x8a\x01garbage")
    no_workbook = io.BytesIO()
    with zipfile.ZipFile(no_workbook, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return {
        "password.xlsx": ((BOOKS / "password.xlsx").read_bytes(), "password-protected"),
        "password.ods": (encrypted_ods.getvalue(), "password-protected"),
        "truncated.xlsx": (good[: len(good) // 2], "damaged"),
        "junk.xlsx": (bytes(range(256)) * 4, "not a ZIP archive"),
        "csv_named.xlsx": (b",a,b\nu1,1,2\n", "looks like a text (CSV) file named .xlsx"),
        "empty.xlsx": (b"", "empty"),
        "no_workbook.xlsx": (no_workbook.getvalue(), "damaged or not an Excel .xlsx file"),
        "corrupt_xml.xlsx": (good.replace(b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheetX.xml"), "damaged"),
    }


@pytest.mark.parametrize("name", ["password.xlsx", "password.ods", "truncated.xlsx", "junk.xlsx", "csv_named.xlsx",
                                  "empty.xlsx", "no_workbook.xlsx", "corrupt_xml.xlsx"])
def test_damaged_or_protected_workbook_one_line_exit_2_nothing_written(name, tmp_path, capsys):
    data, fragment = _damaged(tmp_path)[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_ratings(path)
    assert fragment in str(info.value) and str(info.value).startswith(str(path))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = cli.main(["complete", str(path), "-o", str(out_dir / "done.xlsx"), "--epochs", "2"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and fragment in err and str(path) in err
    assert "Traceback" not in err
    assert os.listdir(out_dir) == []


def test_cli_sheet_option_and_workbook_output(tmp_path, capsys):
    out = tmp_path / "done.xlsx"
    code = cli.main(["complete", str(BOOKS / "two_sheets.xlsx"), "--sheet", "Long", "-o", str(out), "--epochs", "3",
                     "-q"])
    err = capsys.readouterr().err
    assert code == 0, err
    back = read_ratings(out)
    assert back.users == ["ann", "bob"] and back.n_known == 4
    code = cli.main(["complete", str(BOOKS / "two_sheets.xlsx"), "--sheet", "Nope", "-o", str(out), "--epochs", "3"])
    err = capsys.readouterr().err
    assert code == 2 and "no sheet named 'Nope'" in err and err.count("\n") == 1


def test_evaluate_reads_the_named_sheet_and_a_csv_test_file(tmp_path, capsys):
    test = tmp_path / "test.csv"
    test.write_text("user,item,rating\nbob,x,2\n", encoding="utf-8")
    code = cli.main(["evaluate", str(BOOKS / "two_sheets.xlsx"), "--sheet", "Long", "--test", str(test),
                     "--epochs", "3", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert '"n_test": 1' in captured.out
