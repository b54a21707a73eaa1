"""The embedding map: points and labels from the engine, live and throttled updates, hover, click, export."""

from __future__ import annotations

import time

import numpy as np
from heartbeat import measure_heartbeat
from insight_helpers import TIMEOUT, train_and_wait

from solorec_gui.core.analysis import embedding_points
from solorec_gui.core.data import read_ratings
from solorec_gui.ui.embedding_map import REDRAW_MS


def test_points_and_labels_match_engine(qtbot, window, fast_config):
    fast_config(epochs=100)
    outcome = train_and_wait(qtbot, window)
    emap = window.insight.map
    users_xy, items_xy, explained = embedding_points(outcome.fit_result)
    drawn_users, drawn_items = emap.points()
    assert np.allclose(drawn_users, users_xy) and np.allclose(drawn_items, items_xy)
    matrix = window.model.matrix
    assert emap.label_texts() == list(matrix.users) + list(matrix.items)
    assert np.allclose(emap.label_positions(), np.vstack([users_xy, items_xy]))
    assert emap.users_item.opts["symbol"] != emap.items_item.opts["symbol"]
    assert emap.export_button.isEnabled()
    # hovering shows the name
    assert emap._tip(0, 0, ("user", 1)) == f"{matrix.users[1]} (user)"
    assert emap._tip(0, 0, ("item", 2)) == f"{matrix.items[2]} (item)"


def test_clicking_a_point_selects_its_row_or_column(qtbot, window, fast_config):
    fast_config(epochs=20)
    train_and_wait(qtbot, window)
    emap = window.insight.map
    selection = window.view.selectionModel()
    emap.click_point("user", 3)
    assert selection.isRowSelected(3)
    assert window.insight.recommend.current_user() == 3
    emap.click_point("item", 5)
    assert selection.isColumnSelected(5)
    assert not selection.isRowSelected(3)
    assert window.insight.recommend.current_item() == 5


def test_higher_dims_use_the_engines_pca(qtbot, window, fast_config):
    fast_config(model="nn", dim=5, epochs=30)
    outcome = train_and_wait(qtbot, window)
    users_xy, items_xy, _ = embedding_points(outcome.fit_result)
    drawn_users, drawn_items = window.insight.map.points()
    assert np.allclose(drawn_users, users_xy) and np.allclose(drawn_items, items_xy)
    assert "PCA" in window.insight.map.caption.text()


def test_baseline_has_no_map(qtbot, window, fast_config):
    fast_config(model="baseline", epochs=20)
    train_and_wait(qtbot, window)
    assert len(window.insight.map.points()[0]) == 0
    assert "no embeddings" in window.insight.map.caption.text()


def test_map_updates_live_and_throttled(qtbot, window, fast_config):
    fast_config(epochs=4000)
    window.tabs.setCurrentWidget(window.insight.map)
    emap = window.insight.map
    epochs_seen: list[int] = []
    original = emap.set_points

    def spy(*args, **kwargs):
        epochs_seen.append(args[3] if len(args) > 3 else kwargs.get("epoch"))
        original(*args, **kwargs)

    emap.set_points = spy
    started = time.perf_counter()
    outcome = train_and_wait(qtbot, window)
    seconds = time.perf_counter() - started
    live = [e for e in epochs_seen if e is not None]
    assert live, "no live update during training"
    assert live == sorted(live)
    assert len(epochs_seen) <= seconds * 1000 / REDRAW_MS + 3
    # the last picture is the finished model's
    users_xy, _, _ = embedding_points(outcome.fit_result)
    assert np.allclose(emap.points()[0], users_xy)


def test_gui_stays_responsive_with_the_map_shown(qtbot, window, fast_config):
    """The heartbeat test of the main window, with the map redrawing an 8-dim (PCA) model live."""
    fast_config(dim=8, epochs=1_000_000)
    window.tabs.setCurrentWidget(window.insight.map)
    with qtbot.waitSignal(window.jobs.progress, timeout=TIMEOUT):
        assert window.train()
    results = measure_heartbeat(qtbot, 2.0, lambda: window.insight.map.redraws)
    with qtbot.waitSignal(window.jobs.idle, timeout=TIMEOUT):  # finished, or failed after hours of lr 0.1
        window.stop()
    for worst, redraws in results:
        print(f"map heartbeat: max gap {worst:.1f} ms, {redraws} map redraws in 2 s")
    assert all(r[1] > 0 for r in results)  # the map really redrew meanwhile
    assert min(r[0] for r in results) <= 50.0


def test_projector_export(qtbot, window, fast_config, tmp_path):
    fast_config(dim=3, epochs=10)
    outcome = train_and_wait(qtbot, window)
    written = window.insight.export_projector_to(tmp_path / "solo-vectors.tsv")
    assert written is not None
    vectors, meta = written
    assert meta.name == "solo-metadata.tsv"
    matrix = read_ratings(window.path)
    vec_lines = vectors.read_text(encoding="utf-8").splitlines()
    meta_lines = meta.read_text(encoding="utf-8").splitlines()
    assert len(vec_lines) == matrix.n_users + matrix.n_items
    assert all(len(line.split("\t")) == 3 for line in vec_lines)
    assert meta_lines[0] == "label\tkind\tgroup"
    assert meta_lines[1] == f"{matrix.users[0]}\tuser\tIN"
    users, _ = outcome.fit_result.model.embeddings()
    assert np.allclose([float(v) for v in vec_lines[0].split("\t")], users[0])


def test_new_file_clears_the_map(qtbot, window, fast_config, tmp_path):
    fast_config(epochs=10)
    train_and_wait(qtbot, window)
    other = tmp_path / "other.csv"
    other.write_text(",a,b\nx,1,\ny,,2\n", encoding="utf-8")
    assert window.open_file(other)
    assert len(window.insight.map.points()[0]) == 0
    assert window.insight.map.label_texts() == ["x", "y", "a", "b"]
    assert not window.insight.map.export_button.isEnabled()
