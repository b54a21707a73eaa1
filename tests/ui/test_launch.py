"""Launching: main.py shows the window before torch is imported; the desktop launcher file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from solorec_gui import desktop_entry

ROOT = Path(__file__).resolve().parents[2]


def test_main_py_shows_window_without_torch(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--startup-probe"],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert "torch_imported=False" in out.stdout
    assert "QThread" not in out.stderr and "Traceback" not in out.stderr


def test_desktop_entry_install_and_uninstall(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    target = desktop_entry.install(python="/opt/my python/bin/python")
    text = target.read_text(encoding="utf-8")
    assert target == tmp_path / "share" / "applications" / "solorec.desktop"
    assert text.startswith("[Desktop Entry]\n")
    assert 'Exec="/opt/my python/bin/python" ' in text and text.split("Exec=")[1].split("\n")[0].endswith("main.py %f")
    icon = Path(text.split("Icon=")[1].split("\n")[0])
    assert icon.is_file() and icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Terminal=false" in text and "Type=Application" in text
    removed = desktop_entry.uninstall()
    assert target in removed and not target.exists()
