"""Generate the workbook fixtures in tests/data/workbooks/ (run by hand; the files are committed).

    .venv/bin/python tests/data/make_workbooks.py

* ``two_sheets.xlsx``: sheet "Wide" (solo.csv's first rows, numbers as numbers, a padded
  text number and a text decimal comma) and sheet "Long" (user, item, rating).
* ``solo.ods``: solo.csv as an OpenDocument spreadsheet (written with odfpy through pandas).
* ``password.xlsx``: ``two_sheets.xlsx`` encrypted with the password "solorec"
  (msoffcrypto-tool, as Excel's File > Info > Protect Workbook > Encrypt with Password does).

openpyxl, odfpy and msoffcrypto-tool are needed only here, not by SoloRec or its tests.
"""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).resolve().parent / "workbooks"
SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"


def two_sheets() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    wide = book.active
    wide.title = "Wide"
    wide.append([None, "a", "b", "c"])
    wide.append(["u1", 4.02, " 3.5 ", None])
    wide.append(["u2", None, "2,5", 1])
    wide.append([196, 5, 0.5, None])
    long = book.create_sheet("Long")
    long.append(["user", "item", "rating"])
    long.append(["ann", "x", 3])
    long.append(["bob", "y", 4.5])
    long.append(["ann", "y", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def solo_ods() -> bytes:
    import pandas as pd

    frame = pd.read_csv(SOLO, index_col=0)
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine="odf", sheet_name="solo")
    return buffer.getvalue()


def encrypted(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    book = two_sheets()
    (HERE / "two_sheets.xlsx").write_bytes(book)
    (HERE / "solo.ods").write_bytes(solo_ods())
    (HERE / "password.xlsx").write_bytes(encrypted(book, "solorec"))
    print("wrote", ", ".join(sorted(p.name for p in HERE.iterdir())))


if __name__ == "__main__":
    main()
