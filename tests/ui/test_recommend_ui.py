"""The Recommend tab: titles, a searchable chooser at any size, File › Export recommendations…"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from conftest import ML100K
from insight_helpers import train_and_wait

from solorec_gui.core.eval.ranking import top_n
from solorec_gui.core.models import TrainSpec


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f))


def test_export_recommendations_for_every_user(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=40)
    train_and_wait(qtbot, window)
    export = window.recommendations_export
    assert export.action in window.file_menu.actions()
    path = tmp_path / "top.csv"
    assert export.export_to(path, n=2)
    rows = read_csv(path)
    assert rows[0] == ["user", "rank", "item", "score"]
    matrix, scores = window.model.matrix, window.document.predictions
    expected = top_n(scores, matrix.known_mask, 2)
    lines = [[matrix.users[u], str(k + 1), matrix.items[i], f"{scores[u, i]:.4f}"]
             for u, items in enumerate(expected) for k, i in enumerate(items)]
    assert rows[1:] == lines
    assert "Exported the top 2" in window.statusBar().currentMessage()


def test_export_before_training_says_why(qtbot, window, tmp_path):
    assert not window.recommendations_export.export_to(tmp_path / "top.csv")
    assert "Train a model first" in window.last_error
    assert not (tmp_path / "top.csv").exists()


def test_export_follows_rows_added_after_training(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=40)
    train_and_wait(qtbot, window)
    window.table_editing.add_user()
    window.model.setData(window.model.index(9, 0), "5")
    qtbot.waitUntil(lambda: not window.live.is_running() and not window.model.pending(0).any(), timeout=60_000)
    assert window.recommendations_export.export_to(tmp_path / "top.csv", n=1)
    rows = read_csv(tmp_path / "top.csv")
    assert rows[-1][0] == "user 10"
    # the panel lists the new user too
    panel = window.insight.recommend
    panel.select_user(9)
    assert panel.user_list()


@pytest.mark.skipif(not ML100K.exists(), reason="ml-100k not available")
def test_titles_and_a_searchable_chooser_at_movielens_size(qtbot, make_window, tmp_path):
    window = make_window(ML100K)
    panel = window.insight.recommend
    assert panel.item_combo.count() == 1682 and panel.user_combo.count() == 943  # never an empty chooser
    assert window.item_names.load(ML100K.parent / "u.item")
    assert panel.item_text(0) == "Toy Story (1995)"
    assert panel.item_combo.itemText(0) == "Toy Story (1995)"
    # the completer matches any part of a title, case-insensitively
    completer = panel.item_combo.completer()
    completer.setCompletionPrefix("star wars")
    assert completer.completionCount() >= 1
    assert "Star Wars (1977)" in [completer.completionModel().index(k, 0).data()
                                  for k in range(completer.completionCount())]
    window.panel.set_spec(TrainSpec("mf-large", device="cpu"))
    window.panel.set_values(epochs=2)
    train_and_wait(qtbot, window)
    panel.select_user(0)
    titles = [label for label, _ in panel.user_list()]
    assert titles and all(not t.isdigit() for t in titles)  # titles, not ids
    assert window.recommendations_export.export_to(tmp_path / "top.csv", n=3)
    rows = read_csv(tmp_path / "top.csv")
    assert rows[0] == ["user", "rank", "item", "score", "title"]
    assert len(rows) == 1 + 3 * 943
    names = {line[2]: line[4] for line in rows[1:]}
    assert all(title for title in names.values())


def test_chooser_follows_renamed_and_added_rows(qtbot, window):
    panel = window.insight.recommend
    window.table_editing.add_user()
    assert panel.user_combo.count() == 10 and panel.user_combo.itemText(9) == "user 10"
    window.table_editing.rename(1, 0, "first item")
    assert panel.item_combo.itemText(0) == "first item"
    assert np.isnan(window.model.matrix.values[9]).all()


def test_evaluate_tab_shows_ranking_metrics(qtbot, window, fast_config):
    from solorec_gui.core.eval.ranking import evaluate_ranking

    fast_config(epochs=30)
    box = window.ranking_box
    assert box.isVisibleTo(window.insight.evaluation) or box.parent() is not None
    box.k.setValue(3)
    window.insight.evaluation.folds.setValue(3)
    with qtbot.waitSignal(window.jobs.idle, timeout=120_000):
        assert box.run()
    r = box.last
    assert r is not None and 0 <= r.precision <= 1 and r.k == 3
    expected = evaluate_ranking(window.model.matrix, window.panel.spec(), folds=3, k=3)
    assert (r.precision, r.recall, r.ndcg) == pytest.approx((expected.precision, expected.recall, expected.ndcg))
    assert "NDCG" in box.result.text()
