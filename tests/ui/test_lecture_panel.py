"""View › Lecture: every step runs in the window, the check marks are the engine's, the texts are data."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from solorec_gui.core import lecture
from solorec_gui.ui.lecture_panel import ArrayModel, LecturePanel, RowsModel, fill

TIMEOUT = 60_000


def show_panel(window) -> LecturePanel:
    window.lecture.toggleViewAction().trigger()
    assert window.lecture.isVisible()
    panel = window.lecture.panel
    assert panel is not None
    return panel


def run(qtbot, panel: LecturePanel, step) -> None:
    with qtbot.waitSignal(panel.host.jobs.idle, timeout=TIMEOUT):
        assert panel.run_step(step)


def test_view_lecture_opens_a_dock_with_the_steps_in_the_lectures_order(window):
    assert window.lecture.toggleViewAction() in window.view_menu.actions()
    assert window.lecture.panel is None  # built when first shown
    panel = show_panel(window)
    assert [p.key for p in panel.pages] == list(lecture.STEPS)
    assert panel.step_list.count() == 7
    assert not panel.banner.isVisible()  # the window shows solo.csv
    page = panel.page(2)
    assert "torch.manual_seed(43052)" in page.code_view.code()
    assert page.code_view.editor.isReadOnly()
    page.code_view.copy_button.click()
    assert QGuiApplication.clipboard().text() == page.code_view.code()


def test_every_step_runs_in_the_window_and_leaves_its_model_to_explore(qtbot, window):
    panel = show_panel(window)
    missing = np.isnan(window.document.matrix.values)
    for number in range(1, 8):
        run(qtbot, panel, number)
        page = panel.page(number)
        assert page.result is not None, page.check_label.text()
        res = page.result.step
        # The mark is the engine's verdict, shown as computed (under torch 2.13 every step matches).
        assert page.mark == ("✓" if res.matches else "✗")
        assert page.mark == "✓", (number, page.check_label.text())
        assert panel.step_list.item(number - 1).text().startswith("✓")
        if res.rows:
            rows = page.tables["rows"].model()
            assert [rows.check(k) for k in range(rows.rowCount())] == [
                "" if r.ok is None else "✓" if r.ok else "✗" for r in res.rows]
        outcome = window.document.outcome
        if number == 1:
            assert outcome is None  # step 1 trains nothing
            assert page.tables["one_hot"].model().array.shape == (5, 3)
            assert page.tables["weight"].model().array.shape == (1, 3)
            np.testing.assert_array_equal(page.tables["linear"].model().array, page.tables["embedding"].model().array)
            assert page.answer_label.isVisible()
            continue
        # The grid, the Loss tab and the training panel show the step's model, as after F5.
        assert outcome is not None and outcome.fit_result is res.result
        assert not np.isnan(window.model.predictions[missing]).any()
        assert window.panel.model() == outcome.spec.model
        assert len(window.loss_plot.y_data()) == len(outcome.history) == len(res.history or res.result.history)
        assert page.plot is None  # the step's curve is in the Loss tab
        if number == 2:
            assert len(res.rows) == 16 and res.check == "exact"
        if number == 4:
            assert outcome.spec.params.hidden == ()
            assert res.numbers["loss"] > 0.5 * res.numbers["variance"]  # "안 맞네..?"
        if number == 5:
            assert len(res.rows) == 13 and len(res.history) == 1000
        if number == 6:
            assert len(window.loss_plot.y_data("valid")) == len(res.val_history) == 1000
            assert outcome.valid_errors is not None
            assert f"{res.numbers['val_loss']:.3f}" in page.answer_label.text()
            page.evaluate_button.click()
            assert window.tabs.currentWidget() is window.insight.evaluation
    page = panel.page(7)
    assert int(missing.sum()) == 9
    assert len(page.result.step.rows) == 3 + 9
    page.map_button.click()
    assert window.tabs.currentWidget() is window.insight.map
    assert window.insight.map.groups_box.isChecked()
    assert len(window.insight.map.points()[0]) == window.document.matrix.n_users
    assert window.last_error is None


def test_check_marks_are_computed_not_written_down(qtbot, window, monkeypatch):
    """Change the lecture's printed numbers: the same runs now show ✗ where they differ."""
    printed = list(lecture.EMBEDDING_PRINTED)
    printed[2] += 0.01
    monkeypatch.setattr(lecture, "EMBEDDING_PRINTED", tuple(printed))
    mf = [list(r) for r in lecture.MF_PRINTED]
    mf[0][0] += 0.001
    monkeypatch.setattr(lecture, "MF_PRINTED", tuple(map(tuple, mf)))
    panel = show_panel(window)
    for number in (1, 2):
        run(qtbot, panel, number)
        page = panel.page(number)
        assert page.mark == "✗"
        assert panel.step_list.item(number - 1).text().startswith("✗")
        assert "Differs from the lecture" in page.check_label.text()
    rows = panel.page(1).tables["rows"].model()
    assert [rows.check(k) for k in range(5)] == ["✓", "✓", "✗", "✓", "✓"]
    rows = panel.page(2).tables["rows"].model()
    assert rows.check(0) == "✗" and rows.check(1) == "✓"


def test_step_one_with_other_names_and_dimension(qtbot, window):
    panel = show_panel(window)
    page = panel.page(1)
    page.names_edit.setText("a, b, c, a")
    page.dim_box.setValue(3)
    run(qtbot, panel, 1)
    assert page.tables["one_hot"].model().array.shape == (4, 3)
    assert page.tables["weight"].model().array.shape == (3, 3)
    assert page.tables["linear"].model().array.shape == (4, 3)
    assert page.tables["without_one_hot"].model().array.shape == (4, 3)
    np.testing.assert_array_equal(page.tables["without_one_hot"].model().array[0], 0.0)  # index 0 → always 0
    assert page.mark == "✓" and page.result.step.check == "behaviour"
    page.names_edit.setText(" , ")
    assert not panel.run_page(page)
    assert "at least one name" in page.check_label.text()


def test_esc_stops_a_step_and_says_stopped(qtbot, window):
    panel = show_panel(window)
    page = panel.page(5)
    with qtbot.waitSignal(window.jobs.cancelled, timeout=TIMEOUT):
        assert panel.run_page(page)
        assert page.run_button.text() == "Stop"
        window.stop_action.trigger()  # Esc
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    assert page.result is None and page.mark == ""
    assert "Stopped" in page.check_label.text()
    assert window.document.outcome is None and window.model.predictions is None
    assert window.last_error is None  # a stop is no failure
    assert page.run_button.text() == "Run"


def test_a_failing_step_is_reported_as_a_failure(qtbot, window, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lecture, "run_step", broken)
    panel = show_panel(window)
    with qtbot.waitSignal(window.jobs.failed, timeout=TIMEOUT):
        panel.run_step(2)
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    page = panel.page(2)
    assert "Failed" in page.check_label.text()
    assert window.last_error and "boom" in window.last_error
    assert window.document.outcome is None


def test_another_file_is_never_touched_and_solo_can_be_opened(qtbot, make_window, tmp_path):
    other = tmp_path / "mine.csv"
    other.write_text("user,a,b\nu1,1,\nu2,,4\nu3,2,3\n", encoding="utf-8")
    window = make_window(other)
    model = window.model
    assert model.setData(model.index(0, 1), "5")  # an unsaved edit
    values = window.document.matrix.values.copy()
    panel = show_panel(window)
    assert panel.banner.isVisible()
    assert "mine.csv" in panel.banner_label.text()
    run(qtbot, panel, 5)
    page = panel.page(5)
    assert page.mark == "✓"  # ran on the bundled solo.csv
    assert page.plot is not None and len(page.plot.y_data()) == 1000  # the curve in the panel, not the Loss tab
    assert window.document.outcome is None and window.model.predictions is None
    np.testing.assert_array_equal(window.document.matrix.values, values)
    assert window.is_modified
    assert window.loss_plot.y_data().size == 0  # the Loss tab shows the document's (no) model again
    # Open solo.csv: the window asks about the unsaved edit first (Cancel keeps everything).
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Cancel
    assert not panel.open_solo() and window.path == other.resolve()
    window.ask_unsaved = lambda reason: QMessageBox.StandardButton.Discard
    panel.open_solo_button.click()
    assert window.document.matrix.n_users == 9
    assert not panel.banner.isVisible()


def test_a_malformed_text_file_is_a_message_not_a_crash(qtbot, window, tmp_path):
    bad = tmp_path / "ko.toml"
    bad.write_text('[[step]]\nkey = "embedding"\ntitle = "1"\ntext = "unterminated\n', encoding="utf-8")
    panel = LecturePanel(window.host, window.trainer, window.insight, path=bad)
    qtbot.addWidget(panel)
    assert not panel.error_label.isHidden()
    assert "ko.toml" in panel.error_label.text() and "not a valid lecture file" in panel.error_label.text()
    assert len(panel.pages) == 7  # still runnable
    bad.write_text('[[step]]\nkey = "nope"\ntitle = "x"\ntext = "y"\ncode = "z"\n', encoding="utf-8")
    assert not panel.load_texts(bad)
    assert "'nope'" in panel.error_label.text()
    run(qtbot, panel, 1)
    assert panel.page(1).mark == "✓"


def test_a_teacher_can_edit_and_reorder_the_texts(qtbot, window, tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[step]]\nkey = "nn_shallow"\ntitle = "A. shallow"\ntext = "loss {loss:.2f}, {nothing}, {broken"\n'
        'code = "net = Net()"\n', encoding="utf-8")
    panel = LecturePanel(window.host, window.trainer, window.insight, path=mine)
    qtbot.addWidget(panel)
    assert panel.error_label.isHidden()
    assert [p.key for p in panel.pages] == ["nn_shallow"]
    page = panel.pages[0]
    assert page.number == 4 and page.code_view.code() == "net = Net()"
    assert page.text_label.text() == "loss {loss:.2f}, {nothing}, {broken"  # a stray brace: shown as written
    mine.write_text('[[step]]\nkey = "nn_shallow"\ntitle = "A"\ntext = "loss {loss:.2f}; {nothing}"\ncode = "x"\n',
                    encoding="utf-8")
    panel.reload_button.click()
    page = panel.pages[0]
    assert page.text_label.text() == "loss …; …"
    run(qtbot, panel, "nn_shallow")
    assert page.text_label.text() == f"loss {page.result.step.numbers['loss']:.2f}; …"


def test_the_texts_follow_the_apps_language(qtbot, window):
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    try:
        panel = LecturePanel(window.host, window.trainer, window.insight)
        qtbot.addWidget(panel)
    finally:
        QLocale.setDefault(old)
    assert panel.path.name == "ko.toml"
    ko = lecture.load_texts(lecture.lecture_file("ko"))
    assert panel.pages[0].title_label.text() == f"<b>{ko[0]['title']}</b>"
    assert panel.error_label.isHidden()


def test_a_step_waits_for_a_running_job(qtbot, window, fast_config):
    fast_config(epochs=2000)
    panel = show_panel(window)
    with qtbot.waitSignal(window.jobs.idle, timeout=TIMEOUT):
        assert window.train()
        assert not panel.run_step(2)
        assert "already running" in panel.page(2).check_label.text()
        window.stop()


def test_table_models(qtmodeltester):
    rows = [lecture.Row("a × b", (1.0, 2.0), (1.0, 2.0), True), lecture.Row("c", (0.5, 1.0), None, None)]
    model = RowsModel(rows, ["ŷ", "y"], ["lecture ŷ", "lecture y"])
    qtmodeltester.check(model)
    assert model.columnCount() == 6
    assert model.data(model.index(0, 5)) == "✓" and model.data(model.index(1, 5)) == ""
    assert model.data(model.index(0, 3)) == "1.0000"
    array = ArrayModel(np.eye(3), ["x", "y", "z"], ["0", "1", "2"])
    qtmodeltester.check(array)
    assert array.headerData(1, Qt.Orientation.Vertical) == "y"


def test_code_is_highlighted(qtbot):
    from solorec_gui.ui.code_view import COMMENT, KEYWORD, STRING, CodeView

    view = CodeView('class Net(torch.nn.Module):  # a comment\n    x = "for"\n    """doc\n    for"""\n')
    qtbot.addWidget(view)
    doc = view.editor.document()

    def color_at(line: int, col: int):
        block = doc.findBlockByNumber(line)
        for fmt in block.layout().formats():
            if fmt.start <= col < fmt.start + fmt.length:
                return fmt.format.foreground().color().name()
        return None

    assert color_at(0, 0) == KEYWORD.foreground().color().name()
    assert color_at(0, 32) == COMMENT.foreground().color().name()
    assert color_at(1, 10) == STRING.foreground().color().name()  # "for" inside a string is a string
    assert color_at(3, 4) == STRING.foreground().color().name()  # a triple-quoted string spans lines


def test_fill_leaves_missing_numbers_as_dots():
    assert fill("a {x:.2f} b {y}", {"x": 1.234}) == "a 1.23 b …"
    assert fill("{", {}) == "{"


def test_opening_another_file_while_a_step_runs_discards_it(qtbot, window, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("user,a,b\nu1,1,\nu2,,4\n", encoding="utf-8")
    panel = show_panel(window)
    page = panel.page(5)
    assert panel.run_page(page)
    assert window.open_file(other)
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    assert page.run_button.text() == "Run" and "Discarded" in page.check_label.text()
    assert window.document.outcome is None and panel.banner.isVisible()
    run(qtbot, panel, 2)  # the panel runs again, on the bundled solo.csv
    assert panel.page(2).mark == "✓" and window.document.outcome is None


def test_the_window_stays_responsive_while_a_step_runs(qtbot, window):
    from heartbeat import measure_heartbeat

    panel = show_panel(window)
    assert panel.run_step(5)
    results = measure_heartbeat(qtbot, 0.4, lambda: len(window.loss_plot.y_data()), attempts=2)
    qtbot.waitUntil(lambda: not window.jobs.is_running(), timeout=TIMEOUT)
    assert min(worst for worst, _ in results) <= 50.0, results
    assert panel.page(5).mark == "✓"
