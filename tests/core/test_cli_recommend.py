"""CLI: recommend (top-N lists), evaluate --top-k, complete --model-file with fold-in, lecture --check."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

pytest.importorskip("torch")

from solorec_gui.cli import main  # noqa: E402
from solorec_gui.paths import bundled_dataset  # noqa: E402

SOLO = str(bundled_dataset())


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _long(tmp_path, name, triples):
    path = tmp_path / name
    path.write_text("user,item,rating\n" + "".join(f"{u},{i},{r}\n" for u, i, r in triples), encoding="utf-8")
    return str(path)


def _taste_data(tmp_path, n_users=30, n_items=12, seed=0):
    """Two taste groups: even users mostly rate (and like) items 0-5, odd users items 6-11."""
    rng = np.random.default_rng(seed)
    half = n_items // 2
    triples = []
    for u in range(n_users):
        own = np.arange(half) + (0 if u % 2 == 0 else half)
        other = np.arange(half) + (half if u % 2 == 0 else 0)
        for i in rng.choice(own, 3, replace=False):
            triples.append((f"u{u}", f"i{i}", 5))
        for i in rng.choice(other, 1, replace=False):
            triples.append((f"u{u}", f"i{i}", 1))
    return _long(tmp_path, "train.csv", triples), triples


def test_recommend_writes_top_n_of_unrated_items_per_user(tmp_path, capsys):
    data, triples = _taste_data(tmp_path)
    out = tmp_path / "rec.csv"
    assert main(["recommend", data, "-o", str(out), "--top", "3", "--scale-min", "1", "--model", "ease",
                 "--lam", "10", "--liked-weight", "1"]) == 0
    rows = _rows(out)
    assert rows[0] == ["user", "rank", "item", "score"]
    rated = {(u, i) for u, i, _ in triples}
    per_user: dict[str, list[str]] = {}
    for user, rank, item, _score in rows[1:]:
        assert (user, item) not in rated
        per_user.setdefault(user, []).append(item)
    assert all(len(v) == 3 for v in per_user.values()) and len(per_user) == 30
    # EASE recommends from the user's own taste group (here from the liked pattern: with 30 users, who each
    # also rate one item of the other group, the rated pattern alone carries little of it)
    hits = [(int(item[1:]) < 6) == (int(user[1:]) % 2 == 0) for user, items in per_user.items() for item in items]
    assert np.mean(hits) > 0.9


def test_recommend_defaults_to_the_rating_model_on_a_small_table_and_says_so(tmp_path, capsys):
    out = tmp_path / "rec.csv"
    assert main(["recommend", SOLO, "-o", str(out), "--top", "2"]) == 0
    assert "ranking with mf" in capsys.readouterr().err
    rows = _rows(out)[1:]
    assert len(rows) == 9  # 9 users, 1 missing cell each (하니 has 1, 보람 2 → top 2 = 2), fewer when fewer remain
    assert {r[0] for r in rows} == {"옥순(IN)", "영자(IN)", "정숙(IS)", "영숙(IS)", "순자(EN)", "현숙(EN)", "보람(ES)",
                                    "하니(I)"}


def test_recommend_bad_options_are_one_line_errors(tmp_path, capsys):
    out = tmp_path / "rec.csv"
    assert main(["recommend", SOLO, "-o", str(out), "--top", "0"]) == 2
    assert main(["recommend", SOLO, "-o", str(out), "--users", "nobody"]) == 2
    err = capsys.readouterr().err
    assert "at least 1" in err and "'nobody'" in err and not out.exists()


def test_complete_refuses_a_ranker(tmp_path, capsys):
    assert main(["complete", SOLO, "-o", str(tmp_path / "o.csv"), "--model", "ease"]) == 2
    assert "does not predict ratings" in capsys.readouterr().err


def test_evaluate_top_k_reports_ranking_and_checks_its_options(tmp_path, capsys):
    data, _ = _taste_data(tmp_path)
    assert main(["evaluate", data, "--holdout", "0.2", "--top-k", "3", "--json", "--scale-min", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    r = out["ranking"]
    assert r["model"] == "mf" and out["model"] == "mf" and r["k"] == 3 and r["relevant"] == 4.0
    assert 0 <= r["ndcg"] <= 1 and r["n_users"] > 0
    assert main(["evaluate", data, "--top-k", "99", "--scale-min", "1"]) == 2
    assert main(["evaluate", data, "--top-k", "3", "--relevant", "9", "--scale-min", "1"]) == 2
    assert main(["evaluate", data, "--relevant", "4"]) == 2
    err = capsys.readouterr().err
    assert "larger than the number of items" in err and "outside the rating scale" in err and "--top-k" in err


def test_complete_with_a_model_file_folds_in_new_users(tmp_path, capsys):
    data, triples = _taste_data(tmp_path)
    model = tmp_path / "m.solorec.pt"
    assert main(["complete", data, "-o", str(tmp_path / "o.csv"), "--save-model", str(model), "--scale-min", "1",
                 "--model", "mf", "--epochs", "200"]) == 0
    new = _long(tmp_path, "new.csv", [("new1", "i0", 5), ("new1", "i1", 5), ("new1", "i7", 1), ("new1", "zzz", 3),
                                       ("u0", "i2", 5)])
    out = tmp_path / "new-out.csv"
    assert main(["complete", new, "--model-file", str(model), "-o", str(out), "--scale-min", "1"]) == 0
    err = capsys.readouterr().err
    assert "folded in" in err and "'zzz'" in err
    rows = _rows(out)
    assert [r[0] for r in rows[1:]] == ["new1", "u0"]
    header = rows[0][1:]
    assert "zzz" not in header and len(header) == 12  # the model's items
    new1 = dict(zip(header, rows[1][1:]))
    assert new1["i0"] == "5" or float(new1["i0"]) == 5  # her known rating unchanged
    liked = [float(new1[f"i{k}"]) for k in range(2, 6)]
    disliked = [float(new1[f"i{k}"]) for k in range(8, 12)]
    assert np.mean(liked) > np.mean(disliked)  # folded in: she looks like group 0


def test_fold_in_bad_files_are_one_line_errors(tmp_path, capsys):
    data, _ = _taste_data(tmp_path)
    model = tmp_path / "m.solorec.pt"
    assert main(["complete", data, "-o", str(tmp_path / "o.csv"), "--save-model", str(model), "--scale-min", "1",
                 "-q"]) == 0
    only_unknown = _long(tmp_path, "a.csv", [("new1", "zzz", 3)])
    out = tmp_path / "x.csv"
    assert main(["complete", only_unknown, "--model-file", str(model), "-o", str(out), "--scale-min", "1"]) == 2
    empty_row = tmp_path / "b.csv"
    empty_row.write_text(",i0,i1\nnew1,,\nu0,5,\n", encoding="utf-8")
    assert main(["complete", str(empty_row), "--model-file", str(model), "-o", str(out), "--scale-min", "1"]) == 2
    err = capsys.readouterr().err
    assert "none of the file's 1 items is known" in err and "nothing to fold her in from" in err
    assert not out.exists()


def test_lecture_check_passes_under_the_installed_torch(capsys):
    """`solorec-cli lecture --check` in make test: a torch upgrade that changes the lecture's numbers is noticed."""
    assert main(["lecture", "--check"]) == 0
    out = capsys.readouterr().out
    assert "step 2 (mf_tensors): matches the lecture to 4 decimals" in out
    assert out.count("✓ step") == 7
