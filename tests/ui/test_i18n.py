"""Korean and English: the translation is complete, compiled, and the window (and Qt's dialogs) speak it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from solorec_gui.ui import i18n, settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import update_translations  # noqa: E402


@pytest.fixture
def korean(qapp):
    i18n.install(qapp, "ko")
    try:
        yield
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_lupdate_finds_no_string_without_a_finished_korean_translation():
    """lupdate over all of solorec_gui/ui/ plus the engine's labels from the registry, on a copy of the .ts."""
    missing = update_translations.check_copy()
    assert not missing, f"{len(missing)} unfinished, e.g. {missing[:5]} — run tools/update_translations.py and translate"


def test_every_engine_label_is_translated_under_model_settings():
    import xml.etree.ElementTree as ET

    root = ET.parse(update_translations.TS).getroot()
    ctx = next(c for c in root.findall("context") if c.findtext("name") == "ModelSettings")
    finished = {m.findtext("source") for m in ctx.findall("message") if update_translations._is_finished(m)}
    texts = update_translations.engine_texts()
    assert len(texts) > 50 and set(texts) <= finished


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    out = tmp_path / "solorec_ko.qm"
    assert i18n.compile_qm(update_translations.TS, out)
    assert out.read_bytes() == i18n.qm_path("ko").read_bytes(), "run tools/update_translations.py"


def test_language_follows_the_setting_then_the_system(monkeypatch):
    assert i18n.chosen_language("ko") == "ko" and i18n.chosen_language("en") == "en"
    monkeypatch.setattr(i18n, "system_language", lambda: "ko")
    assert i18n.chosen_language("") == "ko"
    settings.write("view/language", "en")
    assert i18n.chosen_language() == "en"


def test_korean_window_and_qt_dialogs(qtbot, korean):
    from PySide6.QtWidgets import QDialogButtonBox

    from solorec_gui.ui.main_window import MainWindow

    assert len(i18n.installed()) == 2  # qtbase_ko.qm and ours
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "파일(&F)" in titles and "도움말(&H)" in titles
    assert window.train_action.text() == "훈련(&T)"
    # an engine label, translated at run time under ModelSettings
    assert QCoreApplication.translate("ModelSettings", "Learning rate") == "학습률"
    # Qt's own standard buttons come from qtbase_ko.qm
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"


def test_korean_names_of_models_and_training_phases(qtbot, korean):
    """The model's short name in status lines and the phase names in the loss plot come from the engine
    (English in the registry) and are translated where they are shown."""
    from solorec_gui.core.fit import BatchReport
    from solorec_gui.ui.jobs import TaskState
    from solorec_gui.ui.trainer import short_name

    assert short_name("blend-bpmf") == "베이지안 MF + AutoRec 블렌드 (대규모 데이터)"
    assert short_name("mf") == QCoreApplication.translate("ModelSettings", "MF") != ""
    import threading

    state = TaskState(threading.Event(), lambda: True)
    batches, progress = [], []
    state.batch.connect(batches.append)
    state.progress.connect(progress.append)
    state.epoch(type("R", (), dict(epoch=1, epochs=3, loss=0.5, val_loss=None, phase="U-AutoRec (large data)",
                                   phase_index=1, phases=2))())
    state.batch_done(BatchReport(2, 3, 0.5, 0.4, "Bayesian MF (Gibbs sampling)", 0, 2))
    assert progress[-1].phase_names == {1: "U-AutoRec (대규모 데이터)"}  # flushed before the batch report
    assert batches[-1].phase == "베이지안 MF (깁스 샘플링)"


def test_a_cell_explanation_in_korean(qtbot, korean):
    """The tooltip's "why" lines (engine sentences, core/texts.py) are translated, numbers and all."""
    from insight_helpers import train_and_wait

    from solorec_gui.paths import bundled_dataset
    from solorec_gui.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_file(bundled_dataset())
    train_and_wait(qtbot, window)  # the lecture's MF
    r, c = next((r, c) for r in range(9) for c in range(8) if not window.document.matrix.known_mask[r, c])
    text = window.insight.explain(r, c)
    assert "점수 = b_u + b_i + u·v" in text and "예측 = " in text and "취향 일치(u·v)" in text
    assert "score =" not in text and "taste match" not in text
