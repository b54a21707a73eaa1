"""Help (shortcuts from the actions, the Guide), plot images, the sheet chooser, .xlsx export, the script."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from solorec_gui.core.data import read_ratings
from solorec_gui.ui import export_dialog, help as help_ui, settings
from solorec_gui.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, solo_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_file(solo_path)
    return w


@pytest.fixture
def solo_path():
    from solorec_gui.paths import bundled_dataset

    return bundled_dataset()


def _train(qtbot, w):
    with qtbot.waitSignal(w.trainingFinished, timeout=60_000):
        w.train()


def test_shortcut_table_is_generated_from_the_actions(window):
    from PySide6.QtGui import QAction

    extra = QAction("Zap everything", window)
    extra.setShortcut("Ctrl+Alt+Z")
    window.addAction(extra)
    rows = dict(help_ui.ShortcutsDialog(window).rows())
    assert rows["Train"] == "F5" and rows["Stop"] == "Esc" and rows["Open"]
    assert rows["Zap everything"]  # an action added later is listed without touching help.py
    assert window.shortcuts_action in window.help_menu.actions()
    assert window.guide_action in window.help_menu.actions()


def test_guide_maps_the_lecture_steps_with_pictures_of_the_window(window):
    guide = help_ui.GuideDialog(window)
    html = guide.browser.toHtml()
    for step in ("1. The rating matrix", "3. Training", "6. Export"):
        assert step in html
    assert html.count("<img") >= 3


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_every_plot_exports_an_image(window, tmp_path, suffix, qtbot):
    _train(qtbot, window)
    for plot in (window.loss_plot, window.insight.map if hasattr(window.insight, "map") else None):
        if plot is None:
            continue
        assert plot.image_button.text() == "Export image…"
        out = help_ui.write_plot_image(plot.plot_widget.getPlotItem(), tmp_path / f"plot{suffix}")
        assert out.exists() and out.stat().st_size > 1000
        head = out.read_bytes()[:200]
        assert (b"<svg" in head or b"<?xml" in head) if suffix == ".svg" else head.startswith(b"\x89PNG")


def test_sheet_chooser_reads_the_chosen_sheet(window, tmp_path, monkeypatch):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "notes"
    first.append(["just", "notes"])
    sheet = book.create_sheet("ratings")
    sheet.append(["", "a", "b"])
    sheet.append(["u1", 5, 3])
    sheet.append(["u2", None, 4])
    path = tmp_path / "book.xlsx"
    book.save(path)
    asked = []
    monkeypatch.setattr(window, "ask_sheet", lambda p: asked.append(p) or "ratings")
    assert window.open_file(path)
    assert asked and window.document.matrix.items == ["a", "b"]
    assert window.document.matrix.source.get("sheet") == "ratings"
    monkeypatch.setattr(window, "ask_sheet", lambda p: False)  # cancelled: nothing changes
    assert not window.open_file(path)


def test_only_sheets_holding_ratings_are_offered(window, tmp_path):
    """A SoloRec export (Ratings + About) opens without a question; two rating sheets are asked about."""
    import openpyxl

    from solorec_gui.core.data import export_completed

    m = window.document.matrix
    book = tmp_path / "export.xlsx"
    export_completed(m, np.full(m.shape, 3.0), book)
    assert export_dialog.ask_sheet(window, book) == "Ratings"
    two = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    for k, title in enumerate(("first", "second")):
        sheet = wb.active if k == 0 else wb.create_sheet()
        sheet.title = title
        sheet.append(["", "a", "b"])
        sheet.append(["u1", 5, 3])
    wb.save(two)
    from PySide6.QtWidgets import QInputDialog

    asked = []
    original = QInputDialog.getItem
    QInputDialog.getItem = staticmethod(lambda *a, **k: (asked.append(a[3]) or "second", True))
    try:
        assert export_dialog.ask_sheet(window, two) == "second"
    finally:
        QInputDialog.getItem = original
    assert asked == [["first", "second"]]


def test_export_xlsx_writes_a_workbook_with_styled_predictions(window, tmp_path, qtbot):
    _train(qtbot, window)
    assert export_dialog.export_path(str(tmp_path / "out.csv"), True).endswith("out.xlsx")
    assert export_dialog.export_path(str(tmp_path / "out"), True).endswith("out.xlsx")
    assert export_dialog.export_path(str(tmp_path / "out.csv"), False).endswith("out.csv")
    target = tmp_path / "out.xlsx"
    assert window.export_to(target)
    import openpyxl

    sheet = openpyxl.load_workbook(target).active
    m = window.document.matrix
    u, i = map(int, np.argwhere(np.isnan(m.values))[0])
    predicted = sheet.cell(row=u + 2, column=i + 2)
    known_u, known_i = map(int, np.argwhere(~np.isnan(m.values))[0])
    known = sheet.cell(row=known_u + 2, column=known_i + 2)
    assert predicted.value is not None
    assert (predicted.font.i, predicted.fill.fgColor.rgb) != (known.font.i, known.fill.fgColor.rgb)


def test_dialogs_start_in_documents_for_the_bundled_file(window, tmp_path):
    assert export_dialog.save_start_folder(window.document) == help_ui.documents_folder()


def test_export_script_for_mf_and_a_clear_message_for_others(window, tmp_path, monkeypatch):
    import shutil

    own = tmp_path / "solo.csv"
    shutil.copyfile(window.document.path, own)
    assert window.open_file(own)
    out = tmp_path / "solo-mf.py"
    spec = window.panel.spec()
    assert export_dialog.write_script(window, spec, window.document, out)
    text = out.read_text()
    assert "torch.nn.Embedding" in text and "solo.csv" in text
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: messages.append(text))

    class Panel:
        def spec(self):
            from solorec_gui.core.models import TrainSpec

            return TrainSpec("baseline") if "baseline" in __import__(
                "solorec_gui.core.models", fromlist=["model_names"]).model_names() else TrainSpec("ease")

    assert not export_dialog.export_script_interactively(window, window.document, Panel())
    assert messages and "MF and NN" in messages[0]
    assert window.export_script_action in window.file_menu.actions()


def test_language_menu_saves_the_choice_and_says_when_it_applies(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    korean = next(a for a in window.language_menu.actions() if a.data() == "ko")
    korean.trigger()
    assert settings.read("view/language") == "ko"
    assert shown and "starts again" in shown[0]
