"""Regenerate the bad-input corpus (tests/data/bad) and the odd-but-valid one (tests/data/odd).

The files are committed; this script documents their exact bytes (encodings,
BOMs, line ends) and rewrites them: ``python tests/data/make_corpus.py``.
What each file must give is in ``bad/EXPECTED.toml`` and ``odd/EXPECTED.toml``.
The ~10 MB file with one bad row at its end is generated at test time
(tests/core/test_corpus.py), not committed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).resolve().parent

SOLO_HEADER = ",영호(IN),영철(IN),영호(IS),광수(IS),상철(EN),영수(EN),정숙(ES),영숙(ES)"

BAD: dict[str, bytes] = {
    # -- not a rating file at all
    "empty.csv": b"",
    "blank_lines_only.csv": b"\n  \n\r\n\t\n",
    "header_only.csv": b",a,b,c\n",
    "long_header_only.csv": b"user,item,rating\n",
    "single_column.csv": b"users\nalice\nbob\n",
    "binary_junk.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa",
    "control_chars.csv": b",a,b\nu1,1,2\nu2,3\x07,4\n",
    "utf16_no_bom.csv": ",a,b\r\nu1,1,2\r\n".encode("utf-16-le"),
    "utf16_truncated.csv": codecs.BOM_UTF16_LE + ",a,b\r\nu1,1,2\r\n".encode("utf-16-le") + b"\x41",
    # -- bad ratings
    "non_numeric.csv": b",a,b,c\nu1,1,2,3\nu2,4,5,abc\n",
    "out_of_scale.csv": b",a,b\nu1,1,7\n",
    "negative_rating.csv": b",a,b\nu1,-1,2\n",
    "inf_text.csv": b",a,b\nu1,1,2\nu2,inf,3\n",
    "infinity_long.csv": b"user,item,rating\nu1,i1,4\nu1,i2,-Infinity\n",
    "huge_exponent.csv": b",a,b\nu1,1e999,2\n",
    "two_decimal_points.csv": b",a,b\nu1,3.5.1,2\n",
    "nan_in_long.csv": b"user,item,rating\nu1,i1,4\nu2,i1,nan\n",
    "NaN_in_long.csv": b"user,item,rating\nu1,i1,4\nu2,i1,NaN\n",
    "dash_in_long.csv": b"user,item,rating\nu1,i1,4\nu2,i1,-\n",
    "no_known_rating.csv": b",a,b\nu1,,\nu2,na,-\nu3,NaN,n/a\n",
    "semicolon_decimal_comma_out_of_scale.csv": b";a;b\nu1;3,5;7,5\n",
    # -- bad labels and shapes
    "duplicate_users.csv": b",a,b\nbob,1,2\nann,3,4\nbob,5,\n",
    "duplicate_users_after_strip.csv": b',a,b\nbob,1,2\n" bob ",3,4\n',
    "duplicate_items.csv": b",a,b,a\nu1,1,2,3\n",
    "empty_item_label.csv": b",a,,c\nu1,1,2,3\n",
    "empty_user_label.csv": b",a,b\nu1,1,2\n,3,4\n",
    "row_longer_than_header.csv": b",a,b,c\nu1,1,2,3\nu2,1,2,3,4\n",
    # -- long format
    "long_missing_rating_field.csv": b"user,item,rating\nu1,i1,4\nu2,i2\n",
    "long_empty_rating.csv": b"user,item,rating\nu1,i1,4\nu2,i2,\n",
    "long_duplicate_pair.csv": b"user,item,rating\nu1,i1,4\nu1,i2,3\nu2,i1,5\nu1,i1,2\n",
    "long_non_numeric.csv": b"user\titem\trating\nu1\ti1\tfive\n",
    "long_empty_user.csv": b"user,item,rating\nu1,i1,4\n,i2,3\n",
    "long_too_many_fields.csv": b"1,10,4,881250949\n2,10,3,881250950,extra\n",
    # -- CSV syntax
    "unclosed_quote.csv": b',a,b\nu1,1,2\n"u2,3,4\nu3,5,5\n',
    "text_after_quote.csv": b',a,b\nu1,"3"x,2\n',
    "multiline_label_then_bad.csv": b',a,b\nu1,1,2\n"two\nline user",3,x\n',
    # -- encodings and line ends carrying a bad value (the position must survive decoding)
    "utf16_bom_bad_rating.csv": codecs.BOM_UTF16_LE + "\t영호\t영철\r\n상철\t3\t4\r\n영수\t4\t다섯\r\n".encode("utf-16-le"),
    "cp949_bad_rating.csv": (SOLO_HEADER[:14] + "\n상철(EN),4.01,다섯\n").encode("cp949"),
    "latin1_out_of_scale.csv": ",Café,Zoë\nMüller,4,9\n".encode("latin-1"),
    "crlf_bad.csv": b",a,b\r\nu1,1,2\r\n\r\nu2,3,oops\r\n",
}

ODD: dict[str, bytes] = {
    "semicolon_decimal_comma.csv": b";a;b;c\nu1;3,5;4;\nu2;;1,25;5\n",
    "long_semicolon_decimal_comma.csv": b"user;item;rating\nu1;i1;3,5\nu2;i1;4\nu1;i2;0,5\n",
    "utf16_bom_excel_unicode_text.txt": codecs.BOM_UTF16_LE
    + "\t영호(IN)\t영철(IN)\r\n상철(EN)\t4.01\t\r\n영수(EN)\t3.78\t0.5\r\n".encode("utf-16-le"),
    "utf16_be_bom.csv": codecs.BOM_UTF16_BE + ",a,b\nu1,1,2\n".encode("utf-16-be"),
    "latin1.csv": ",Café,Zoë,Señor\nMüller,4,,1\nBjörk,2.5,3,\n".encode("latin-1"),
    "cp949.csv": (SOLO_HEADER + "\n영수(IN),, 4.02, 3.45, 3.42, 0.84, 1.12, 0.43, 0.49\n보람(ES),0.48, 0.51, 1.03,, 3.52, 4.  , 3.82\n").encode("cp949"),
    "utf8_bom.csv": codecs.BOM_UTF8 + ",a,b\nu1,1,2\nu2,,3\n".encode("utf-8"),
    "crlf.csv": b",a,b\r\nu1,1,2\r\nu2,,3\r\n",
    "cr_only.csv": b",a,b\ru1,1,2\ru2,,3\r",
    "missing_markers.csv": b",a,b,c,d,e,f,g,h\nu1,,na,N/A,nan,NaN,-,  ,5\n",
    "padded_numbers_short_row.csv": b",a,b,c\nu1, 4.02,3.5 ,4.  \nu2,1\n",
    "labels_special.csv": ',"a, with comma","say ""hi""","two\nlines",😀 emoji\n'
    '"Kim, J.",1,2,3,4\n"O\'Neil ""the"" 2nd",5,,0,\n"multi\r\nline 🎉",,2.5,,\n'.encode("utf-8"),
    "formula_labels_guarded.csv": b",'=SUM(A1:A3),'+1,'@cmd,'-x,''quoted\n'=HYPERLINK(\"x\"),1,2,3,4,5\n",
    "formula_labels_raw.csv": b',=1+1,@x\n-2,1,2\n+3,3,\n',
    "cold_start.csv": b",a,b,c\nu1,1,,2\nu2,,,\nu3,3,,4\n",
    "single_rating.csv": b",a\nu,4\n",
    "single_rating_long.csv": b"user,item,rating\nu,i,4\n",
    "long_tab_no_header.tsv": b"196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t377\t5\t881250950\n",
    "long_header_halfstars.csv": b"userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n2,31,4.5,1260759185\n",
    "trailing_separators.csv": b",a,b,,\nu1,1,2,,\nu2,3,,,\n",
    "blank_lines.csv": b"\n,a,b\n\nu1,1,2\n\n\nu2,3,4\n\n",
    "scientific_and_signs.csv": b",a,b,c,d\nu1,4e0,2.5E-1,.5,+3\n",
    "pipe_separated.csv": b"|a|b\nu1|1|2\nu2||3\n",
    "scale_edges.csv": b",a,b\nu1,0,5\nu2,0.0,5.00\n",
}


def main() -> None:
    for folder, files in (("bad", BAD), ("odd", ODD)):
        for name, data in files.items():
            (HERE / folder / name).write_bytes(data)
    print(f"wrote {len(BAD)} bad and {len(ODD)} odd files")


if __name__ == "__main__":
    main()
