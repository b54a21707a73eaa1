"""The engine and the CLI must run where Qt cannot even be imported."""

from __future__ import annotations

import subprocess
import sys

BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
import solorec_gui, solorec_gui.cli, solorec_gui.paths
import pkgutil, importlib, solorec_gui.core as core
for mod in pkgutil.iter_modules(core.__path__):
    importlib.import_module('solorec_gui.core.' + mod.name)
loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')]
assert not loaded, loaded
print('ok')
"""


def test_engine_imports_without_qt():
    proc = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_package_root_imports_neither_qt_nor_torch():
    code = "import sys, solorec_gui; print(sorted(m for m in ('torch','PySide6') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_the_catalog_the_window_reads_at_start_imports_no_torch():
    """The window fills its model list and settings forms from the registry, and picks the recipe with
    core.catalog, before torch loads. (Deliberate change: the registry imports numpy now, which the
    old catalog did not; the rating data imports it anyway.)"""
    code = (
        "import sys; from solorec_gui.core import catalog; from solorec_gui.core.models import model_classes; "
        "forms = [cls.Params().validate().to_dict() for cls in model_classes()]; "
        "print(sorted(m for m in ('torch','PySide6') if m in sys.modules), "
        "catalog.recommended_spec(63).model, catalog.recommended_spec(100_000).model)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.split() == ["[]", "mf", "blend-bpmf"], proc.stderr
