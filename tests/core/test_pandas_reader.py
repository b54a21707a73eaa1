"""The two tokenisers (pandas.read_csv for large texts, the csv module for small ones) give the same result.

Every file of the bad/odd corpus, random CSV-like text, and the cases where
pandas and the csv module differ on their own (text after a closing quote,
rows longer than the first, CR line ends, quoted line breaks) are read with
``engine="pandas"`` and ``engine="csv"``: the same matrix, or the same
refusal with the same line and column. Also: importing the data package and
reading solo.csv import no pandas (the window reads solo.csv before it shows).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solorec_gui.core.data import PANDAS_MIN_CHARS, parse_ratings, read_ratings
from solorec_gui.core.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_DIR, ODD_DIR = DATA / "bad", DATA / "odd"
BAD = tomllib.loads((BAD_DIR / "EXPECTED.toml").read_text(encoding="utf-8"))
ODD = tomllib.loads((ODD_DIR / "EXPECTED.toml").read_text(encoding="utf-8"))


def outcome(data, **options):
    """What parse_ratings gives with each engine: ('ok', users, items, values, source) or ('error', ...)."""
    results = []
    for engine in ("pandas", "csv"):
        try:
            m = parse_ratings(data, engine=engine, **options)
        except InputError as err:
            results.append(("error", err.reason, err.line, err.column))
        else:
            results.append(("ok", m.users, m.items, m.values.tobytes(), m.corner, m.source["format"], m.source["sep"]))
    return results


def assert_same(data, **options):
    by_pandas, by_csv = outcome(data, **options)
    assert by_pandas == by_csv
    return by_pandas


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_corpus_same_refusal_with_both_engines(name):
    got = assert_same((BAD_DIR / name).read_bytes())
    want = BAD[name]
    assert got[0] == "error" and want["message"] in got[1]
    assert (got[2], got[3]) == (want.get("line"), want.get("column"))


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_corpus_same_matrix_with_both_engines(name):
    got = assert_same((ODD_DIR / name).read_bytes())
    assert got[0] == "ok"


@pytest.mark.parametrize(
    "text",
    [
        'x,a,b\nu1,"3"x,2\n',  # text after a closing quote: refused (pandas alone would read 3x)
        ',a,b\r\nu1,1,2\r\n"multi\r\nline",3,4\r\n',  # a quoted line break, CRLF
        ",a,b\ru1,1,2\ru2,3,\r",  # CR only
        ",a\nu1,1\nu2,2,,,,\nu3,3\n",  # a row longer than the first, empty extras: fine
        ",a\nu1,1\nu2,2,,,7\n",  # ... with a value: refused at its column
        ',a\nu1,1\n"u\n2",2,,,,7\n',  # ... in a record spanning two lines, wider than either line
        ",a,b\nu1,1,2\n,,\n  \nu2,3,4\n",  # blank records of separators and spaces
        ",a,b\nu1,1,2\nu2,\"3\n",  # an unclosed quote
        "user,item,rating\nu1,i1\n",  # two fields in a long file
        "user,item,rating\nu1,i1,\n",  # an empty rating: a different message
        "user,item,rating,ts\nu1,i1,3,1,9\n",  # five fields
        "u1\ti1\t3\nu1\ti1\t4\n",  # a pair twice: the first line is named
        ";a;b\nu1;3,5;4\n",  # decimal comma
        "\r,a,b\ru1,1,2\r",  # a blank CR line before a header with an empty corner (pandas alone drops it)
        ",a,b\ru1,1,2\r\r,3,4\r",  # ... before a row without a label
        "\ufeffx,a\nu1,1\n",  # U+FEFF first in the text (pandas alone drops it as a byte-order mark)
    ],
)
def test_engines_agree_on_tricky_text(text):
    assert_same(text)
    assert_same(text.encode("utf-8"))


_TOKENS = [",", ";", "\t", '"', '""', "\n", "\r\n", "\r", " ", "", "=", "-", "'", "1", "3.5", "3,5", "7", "na",
           "abc", "user", "item", "rating", "영호"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join), st.sampled_from([None, ",", ";", "\t"]))
def test_engines_agree_on_random_text(text, sep):
    assert_same(text, sep=sep)


def _long_text(n: int) -> str:
    rng = np.random.default_rng(7)
    lines = ["userId,movieId,rating,timestamp"]
    pairs = set()
    while len(lines) <= n:
        u, i = int(rng.integers(1, 400)), int(rng.integers(1, 900))
        if (u, i) not in pairs:
            pairs.add((u, i))
            lines.append(f"{u},{i},{int(rng.integers(1, 11)) / 2},964982703")
    return "\n".join(lines) + "\n"


def test_a_large_file_goes_through_pandas_and_reads_like_the_csv_module():
    text = _long_text(30_000)
    assert len(text) >= PANDAS_MIN_CHARS
    got = assert_same(text)
    assert got[0] == "ok"
    got = assert_same(text + "77,5000,abc,1\n")
    assert got[0] == "error" and got[1] == "rating 'abc' is not a number" and got[2] == 30_002


def test_large_file_error_positions_come_from_the_file_not_the_table():
    rows = ",".join(["", *[f"i{j}" for j in range(40)]]) + "\n"
    body = [f"u{k}," + ",".join(["3"] * 40) for k in range(8000)]
    body[5000] = '"user\n5000",' + ",".join(["3"] * 39 + ["bad"])
    text = rows + "\n\n".join(body) + "\n"
    assert len(text) >= PANDAS_MIN_CHARS
    by_pandas, by_csv = outcome(text)
    assert by_pandas == by_csv
    assert by_pandas[1].startswith("rating 'bad' is not a number")
    assert by_pandas[2] == 1 + 2 * 5000 + 1 and by_pandas[3] == 41  # blank lines and the quoted line break count


def test_importing_the_data_package_and_reading_solo_csv_import_no_pandas(solo_path):
    code = (
        "import sys\nimport solorec_gui.core.data as d\nassert 'pandas' not in sys.modules\n"
        f"m = d.read_ratings({str(solo_path)!r})\nassert m.shape == (9, 8)\n"
        "assert 'pandas' not in sys.modules, 'reading solo.csv imported pandas'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_full_movielens_files_with_both_engines(datasets):
    for path in (datasets / "ml-100k" / "u.data", datasets / "ml-latest-small" / "ratings.csv"):
        data = path.read_bytes()
        a = parse_ratings(data, engine="pandas")
        b = parse_ratings(data, engine="csv")
        assert a.users == b.users and a.items == b.items
        np.testing.assert_array_equal(a.values, b.values)
        m = read_ratings(path)
        assert m.n_known in (100_000, 100_836) and not np.isnan(m.values[m.known_mask]).any()


@pytest.mark.parametrize("engine", ["pandas", "csv"])
def test_a_wide_file_over_the_size_limit_is_refused_at_its_row_without_reading_on(engine, monkeypatch):
    from solorec_gui.core.data import read

    monkeypatch.setattr(read, "MAX_CELLS", 100)
    text = ",a,b\n" + "".join(f"u{k},1,2\n" for k in range(30_000))
    seen = []
    real = read._records

    def counting(text, sep):
        for record in real(text, sep):
            seen.append(record[0])
            yield record

    monkeypatch.setattr(read, "_records", counting)
    with pytest.raises(InputError) as info:
        parse_ratings(text, engine=engine)
    assert info.value.line == 52 and "51 users × 2 items = 102 cells, more than SoloRec handles (100)" in str(info.value)
    assert max(seen) <= 52  # the records past the limit were never split into fields by the csv module either
