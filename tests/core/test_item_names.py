"""Item-name files (ml-100k u.item, ml-latest-small movies.csv) for "Load item names…"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solorec_gui.core.data import parse_item_names, read_item_names
from solorec_gui.core.errors import InputError

DATASETS = Path(os.environ.get("SOLOREC_DATASETS", "/work/shared/datasets"))

U_ITEM = (
    "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1\n"
    "2|GoldenEye (1995)|01-Jan-1995||http://x|0|1|1|0|0\n"
    "1301|Misérables, Les (1995)|01-Jan-1995||http://x|0|0|0|0|0\n"
    "\n"
)

MOVIES_CSV = (
    "movieId,title,genres\n"
    "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
    '11,"American President, The (1995)",Comedy|Drama|Romance\n'
    '29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama\n'
    '100,"Title with ""quotes"" (2000)",Drama\n'
)


def test_u_item_latin1(tmp_path):
    p = tmp_path / "u.item"
    p.write_bytes(U_ITEM.encode("latin-1"))
    names = read_item_names(p)
    assert names == {"1": "Toy Story (1995)", "2": "GoldenEye (1995)", "1301": "Misérables, Les (1995)"}


def test_movies_csv_quoted_titles(tmp_path):
    p = tmp_path / "movies.csv"
    p.write_text(MOVIES_CSV, encoding="utf-8")
    names = read_item_names(p)
    assert names["1"] == "Toy Story (1995)"
    assert names["11"] == "American President, The (1995)"
    assert names["29"] == "City of Lost Children, The (Cité des enfants perdus, La) (1995)"
    assert names["100"] == 'Title with "quotes" (2000)'
    assert len(names) == 4


def test_csv_with_bom_and_crlf():
    data = ("\ufeff" + MOVIES_CSV).replace("\n", "\r\n").encode("utf-8")
    assert parse_item_names(data)["11"] == "American President, The (1995)"


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"movieId,title,genres\n", "no item"),
        (b"movieId,rating\n1,4.0\n", "title"),
        (b"1|A\n1|B\n", "twice"),
        (b"movieId,title\n1,A\n1,B\n", "twice"),
        (b"movieId,title\n1\n", "field"),
        (b'movieId,title\n1,"unterminated\n', "line"),
    ],
)
def test_bad_files_raise_input_error(tmp_path, content, fragment):
    p = tmp_path / "names.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_item_names(p)
    assert fragment in str(err.value)
    assert str(p) in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_item_names(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="folder"):
        read_item_names(tmp_path)


def test_duplicate_names_line_number():
    with pytest.raises(InputError) as err:
        parse_item_names("movieId,title\n1,A\n2,B\n1,C\n")
    assert err.value.line == 4


@pytest.mark.skipif(not (DATASETS / "ml-100k" / "u.item").exists(), reason="MovieLens not available")
def test_real_files_match_rating_labels():
    from solorec_gui.core.data import read_ratings

    u_item = read_item_names(DATASETS / "ml-100k" / "u.item")
    assert len(u_item) == 1682 and u_item["1"] == "Toy Story (1995)"
    movies = read_item_names(DATASETS / "ml-latest-small" / "movies.csv")
    assert len(movies) == 9742 and movies["11"] == "American President, The (1995)"
    ratings = read_ratings(DATASETS / "ml-latest-small" / "ratings.csv")
    assert set(ratings.items) <= set(movies)
