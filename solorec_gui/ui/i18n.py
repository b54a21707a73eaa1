"""The window's language: Qt's own translation system (``QTranslator``), Korean and English.

Sources and build
    Every user-visible string of ``ui/`` goes through ``self.tr()`` or
    ``QCoreApplication.translate(context, text)``. ``resources/i18n/solorec_ko.ts`` is the
    committed translation source; ``tools/update_translations.py`` refreshes it (``pyside6-lupdate``
    over ``solorec_gui/ui/`` plus the engine's labels, which lupdate cannot see, generated from the
    model registry) and compiles ``solorec_ko.qm`` beside it with ``pyside6-lrelease``.
    The ``.qm`` is committed too, so a wheel (package-data ``resources/i18n/*.qm``) and the
    PyInstaller bundle (``packaging/solorec.spec`` collects every ``*.qm``) always carry it; in a
    checkout where the ``.ts`` is newer than the ``.qm`` (a translator edited it), :func:`install`
    compiles it at start when ``pyside6-lrelease`` is at hand (``tests/ui/test_i18n.py`` checks
    that the committed ``.qm`` matches the ``.ts``).

Choosing the language
    ``view/language`` in the settings: ``""`` follows the system locale (Korean when the
    locale's language is Korean, else English), ``"en"`` or ``"ko"`` force one. View › Language
    changes the setting; it takes effect at the next start (the menu says so), because the
    window builds its texts once.

Qt's own dialogs (file dialogs, Yes/No buttons, the colour picker) come from ``qtbase_ko.qm``,
which PySide6 ships in ``Qt/translations``; it is installed together with ours.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resource

log = logging.getLogger(__name__)

#: Languages the window offers: code -> name shown in View › Language (each in its own language).
LANGUAGES = {"en": "English", "ko": "한국어"}

_installed: list[QTranslator] = []


def i18n_dir() -> Path:
    return resource("i18n")


def ts_path(language: str = "ko") -> Path:
    return i18n_dir() / f"solorec_{language}.ts"


def qm_path(language: str = "ko") -> Path:
    return i18n_dir() / f"solorec_{language}.qm"


def system_language() -> str:
    """``ko`` when the system locale is Korean, else ``en``."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def chosen_language(setting: str | None = None) -> str:
    """The language to use: the setting when it names one we have, else the system's."""
    if setting is None:
        from . import settings

        setting = settings.read("view/language")
    return setting if setting in LANGUAGES else system_language()


def lrelease() -> str | None:
    """``pyside6-lrelease`` (beside the running Python, else on PATH), or None."""
    import sys

    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return str(here / name)
    return shutil.which("pyside6-lrelease")


def compile_qm(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` to ``qm`` with lrelease; False when lrelease is missing or fails."""
    tool = lrelease()
    if tool is None:
        return False
    try:
        done = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed: %s", exc)
        return False
    if done.returncode != 0:
        log.warning("lrelease failed: %s", done.stderr.strip())
        return False
    return qm.exists()


def _fresh_qm(language: str) -> Path | None:
    """The compiled translation, compiled first when the ``.ts`` is newer (a checkout being translated)."""
    ts, qm = ts_path(language), qm_path(language)
    stale = ts.exists() and (not qm.exists() or qm.stat().st_mtime + 1 < ts.stat().st_mtime)
    # Only in a checkout (a wheel or a bundle carries the .qm the build made; never write into them).
    checkout = (Path(__file__).resolve().parents[2] / "pyproject.toml").exists()
    if stale and checkout and os.access(qm.parent, os.W_OK):
        compile_qm(ts, qm)
    return qm if qm.exists() else None


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: :func:`chosen_language`); returns the language.

    English needs none (the sources are English), but Qt's own texts follow the locale: Korean
    installs ``qtbase_ko.qm`` and sets the default QLocale to Korean (number formats, dialogs).
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    global _active
    language = chosen_language() if language is None else language
    _active = language if language in LANGUAGES else "en"
    if language not in LANGUAGES or language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
                           if language == "en" and system_language() != "en" else QLocale.system())
        return "en"
    QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.info("Qt's own qtbase_%s.qm was not found; standard dialogs stay in English", language)
    qm = _fresh_qm(language)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translation for %s (%s)", language, qm_path(language))
    return language


def language_menu(window, parent_menu):
    """View › Language: System / English / 한국어, saved in the settings; takes effect at the next start."""
    from PySide6.QtGui import QAction, QActionGroup
    from PySide6.QtWidgets import QMessageBox

    from . import settings

    menu = parent_menu.addMenu(QCoreApplication.translate("Language", "&Language"))
    group = QActionGroup(menu)
    current = settings.read("view/language")
    choices = [("", QCoreApplication.translate("Language", "System language"))] + list(LANGUAGES.items())
    for code, name in choices:
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == current or (code == "" and current not in LANGUAGES))
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action) -> None:
        code = action.data()
        if code == settings.read("view/language"):
            return
        settings.write("view/language", code)
        if chosen_language(code) == active_language():
            return
        QMessageBox.information(window, QCoreApplication.translate("Language", "Language"), QCoreApplication.translate(
            "Language", "The language changes when SoloRec starts again (restart it to see {name})."
        ).format(name=LANGUAGES[chosen_language(code)]))

    group.triggered.connect(chosen)
    menu.setToolTipsVisible(True)
    menu.setToolTip(QCoreApplication.translate("Language", "Takes effect after a restart"))
    return menu


_active = "en"


def active_language() -> str:
    """The language installed by :func:`install` (``en`` before any)."""
    return _active


def installed() -> list[QTranslator]:
    return list(_installed)


__all__ = ["LANGUAGES", "active_language", "chosen_language", "language_menu", "compile_qm", "install", "qm_path", "system_language", "ts_path"]
