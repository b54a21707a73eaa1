"""The CLI on a table too large for a grid (issue 14): evaluate works, complete refuses the full table and
offers the alternatives, complete --users and recommend work user by user."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from solorec_gui.cli import main
from solorec_gui.core.data import matrix, stream


@pytest.fixture
def big(tmp_path, monkeypatch):
    """A long file of 3,000 ratings read as a sparse matrix (the grid limit lowered to 1,000 cells)."""
    monkeypatch.setattr(matrix, "MAX_CELLS", 1000)
    monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 0)
    rng = np.random.default_rng(0)
    keys = rng.choice(120 * 90, 3000, replace=False)
    lines = ["user,item,rating"] + [f"u{k // 90},m{k % 90},{rng.integers(1, 6)}" for k in keys]
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    train.write_text("\n".join(lines[:2701]) + "\n", encoding="utf-8")
    test.write_text("\n".join([lines[0]] + lines[2701:]) + "\n", encoding="utf-8")
    return train, test


def test_evaluate_on_a_sparse_table(big, capsys):
    train, test = big
    assert main(["evaluate", str(train), "--test", str(test), "--model", "mf-large", "--epochs", "3"]) == 0
    assert "mf-large: RMSE" in capsys.readouterr().out


def test_complete_refuses_the_whole_table_and_says_what_to_do_instead(big, tmp_path, capsys):
    train, _ = big
    out = tmp_path / "done.csv"
    assert main(["complete", str(train), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "120 users × 90 items = 10,800 cells" in err and "solorec-cli recommend" in err and "--users" in err
    assert not out.exists()


def test_complete_users_writes_every_item_of_the_chosen_users(big, tmp_path, capsys):
    train, _ = big
    out = tmp_path / "two.csv"
    assert main(["complete", str(train), "-o", str(out), "--users", "u3,u7", "--model", "mf-large",
                 "--epochs", "2", "-q"]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["user", "item", "rating", "is_predicted"] and len(rows) == 1 + 2 * 90
    known = {(r[0], r[1]): r[2] for r in csv.reader(train.open(encoding="utf-8"))}
    for user, item, value, predicted in rows[1:]:
        if (user, item) in known:
            assert predicted == "0" and float(value) == float(known[user, item])
        else:
            assert predicted == "1" and 1.0 <= float(value) <= 5.0
    assert main(["complete", str(train), "-o", str(out), "--users", "nobody"]) == 2
    assert "'nobody' not in" in capsys.readouterr().err


def test_recommend_ranks_a_sparse_table_in_chunks(big, tmp_path):
    train, _ = big
    out = tmp_path / "top.csv"
    assert main(["recommend", str(train), "-o", str(out), "--top", "5", "--model", "mf-large", "--epochs", "2",
                 "-q"]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))[1:]
    rated = {(r[0], r[1]) for r in csv.reader(train.open(encoding="utf-8"))}
    assert len({r[0] for r in rows}) == 120 and all(len([r for r in rows if r[0] == u]) == 5 for u in {"u1", "u2"})
    assert not any((u, i) in rated for u, _, i, _ in rows)  # never an item the user rated
    scores = [float(r[3]) for r in rows if r[0] == "u1"]
    assert scores == sorted(scores, reverse=True)
