"""The chunked reader for very large long files (issue 14): same matrix as the text reader, bad lines by number,
progress, cancel, and the memory check before reading."""

from __future__ import annotations

import numpy as np
import pytest

from solorec_gui.core.data import load, matrix, read, stream
from solorec_gui.core.errors import Cancelled, InputError


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Every long file streams, in chunks of 1,000 lines: a few kB exercise what 25 M lines do."""
    monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(stream, "CHUNK_LINES", 1000)
    monkeypatch.setattr(stream, "INTERACTIVE_CHUNK_LINES", 1000)


def write_long(path, n=5000, seed=0, header="userId,movieId,rating,timestamp", timestamps=True):
    rng = np.random.default_rng(seed)
    keys = rng.choice(400 * 300, n, replace=False)
    users, items = keys // 300 + 1, keys % 300 + 1
    ratings = rng.integers(1, 11, n) / 2
    lines = [header] if header else []
    for u, i, r in zip(users, items, ratings):
        lines.append(f"{u},{i},{r:g}" + (f",{978300760 + int(u)}" if timestamps else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def test_streamed_file_equals_the_text_readers_matrix(tmp_path):
    path = tmp_path / "r.csv"
    write_long(path)
    streamed = load.read_ratings(path, scale=(0.5, 5))
    whole = read.read_ratings(path, scale=(0.5, 5))
    assert streamed.source["reader"] == "stream"
    assert streamed.users == whole.users and streamed.items == whole.items  # numeric ids in numeric order
    np.testing.assert_array_equal(streamed.values, whole.values)


def test_above_the_grid_limit_the_result_is_sparse_and_the_same_cells(tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    write_long(path, timestamps=False, header="")
    whole = read.read_ratings(path, scale=(0.5, 5))
    monkeypatch.setattr(matrix, "MAX_CELLS", 1000)
    streamed = load.read_ratings(path, scale=(0.5, 5))
    assert not streamed.is_dense and streamed.n_known == whole.n_known
    rows, cols, vals = streamed.known_cells()
    np.testing.assert_array_equal(vals, whole.values[rows, cols])


def test_a_bad_line_near_the_end_is_named_by_its_line_and_column(tmp_path):
    path = tmp_path / "r.csv"
    lines = write_long(path, n=20_000)
    lines[-3] = lines[-3].rsplit(",", 2)[0] + ",x,978300760"  # the rating of line len(lines) - 2
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load.read_ratings(path)
    assert err.value.line == len(lines) - 2 and err.value.column == 3
    assert str(path) in str(err.value) and "'x'" in str(err.value)


@pytest.mark.parametrize(
    ("bad", "message", "column"),
    [
        ("7,8,9.5,1", "outside the scale", 3),
        ("7,8,,1", "missing rating", 3),
        (",8,4,1", "empty user id", 1),
        ("7,8,4,1,extra", "more fields", None),
    ],
)
def test_each_kind_of_bad_line(tmp_path, bad, message, column):
    path = tmp_path / "r.csv"
    lines = write_long(path, n=3000)
    lines.insert(2500, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load.read_ratings(path)
    assert err.value.line == 2501 and err.value.column == column


def test_a_repeated_rating_names_both_lines_even_after_blank_lines(tmp_path):
    path = tmp_path / "r.csv"
    lines = write_long(path, n=3000)
    u, i = lines[10].split(",")[:2]
    lines.insert(1500, "")
    lines.append(f"{u},{i},3,0")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"user '{u}' rated item '{i}' twice \(first on line 11\)") as err:
        load.read_ratings(path)
    assert err.value.line == len(lines)


def test_progress_rises_to_one_and_cancel_stops_the_reading(tmp_path):
    path = tmp_path / "r.csv"
    write_long(path, n=5000)
    seen = []
    load.read_ratings(path, on_progress=seen.append)
    assert len(seen) == 6 and seen == sorted(seen) and seen[-1] == 1.0 and seen[-2] < 1.0  # 5 chunks, then done
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        load.read_ratings(path, should_stop=stop)
    assert len(calls) == 3


def test_a_file_too_big_for_memory_is_refused_before_reading(tmp_path, monkeypatch):
    import pandas as pd

    path = tmp_path / "r.csv"
    write_long(path, n=5000)
    monkeypatch.setattr(stream, "available_memory", lambda: 200 * 1024**2)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(pd, "read_csv", no_reading)
    with pytest.raises(InputError, match=r"about 5,0\d\d ratings; reading and training on them needs about 0\.6 GB "
                                          r"of memory and this machine has 0\.2 GB free"):
        load.read_ratings(path)


def test_wide_files_and_workbooks_are_not_streamed(tmp_path, solo_path):
    m = load.read_ratings(solo_path)
    assert m.source.get("reader") != "stream" and m.n_known == 63
    assert not stream.streams(solo_path, "wide")
