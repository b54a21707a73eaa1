"""Draw SoloRec's icon (resources/solorec.png and .svg): a rating grid whose
missing cells are filled with predictions (blue, italic-like dots).

Run: .venv/bin/python tools/make_icon.py  (offscreen is fine).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

ROOT = Path(__file__).resolve().parent.parent
# rating (0..5) per cell; None = predicted
GRID = [
    [4.5, 4.0, None, 1.0],
    [3.9, None, 3.6, 0.9],
    [1.1, 0.6, 4.0, None],
    [None, 0.9, 3.5, 4.1],
]
SIZE = 256


def cell_color(v: float) -> QColor:
    t = v / 5
    return QColor(round(255 + (46 - 255) * t), round(255 + (160 - 255) * t), round(255 + (80 - 255) * t))


def cells():
    margin, gap = 40, 8
    n = len(GRID)
    size = (SIZE - 2 * margin - (n - 1) * gap) / n
    for r, row in enumerate(GRID):
        for c, v in enumerate(row):
            yield QRectF(margin + c * (size + gap), margin + r * (size + gap), size, size), v


def draw_png(path: Path) -> None:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    grad = QLinearGradient(0, 0, 0, SIZE)
    grad.setColorAt(0, QColor("#2b4c8c"))
    grad.setColorAt(1, QColor("#16284f"))
    p.setBrush(grad)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8, 8, SIZE - 16, SIZE - 16), 44, 44)
    for rect, v in cells():
        if v is None:
            p.setBrush(QColor("#dce8fb"))
            p.setPen(QPen(QColor("#7fb0ff"), 4, Qt.PenStyle.DashLine))
            p.drawRoundedRect(rect, 8, 8)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#1d55b3"))
            p.drawEllipse(rect.center(), rect.width() * 0.16, rect.width() * 0.16)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(cell_color(v))
            p.drawRoundedRect(rect, 8, 8)
    p.end()
    image.save(str(path))


def write_svg(path: Path) -> None:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">',
        '<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" stop-color="#2b4c8c"/><stop offset="1" stop-color="#16284f"/></linearGradient></defs>',
        f'<rect x="8" y="8" width="{SIZE - 16}" height="{SIZE - 16}" rx="44" fill="url(#bg)"/>',
    ]
    for rect, v in cells():
        x, y, w = rect.x(), rect.y(), rect.width()
        if v is None:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{w:.1f}" rx="8" fill="#dce8fb" '
                'stroke="#7fb0ff" stroke-width="4" stroke-dasharray="12 6"/>'
            )
            parts.append(f'<circle cx="{x + w / 2:.1f}" cy="{y + w / 2:.1f}" r="{w * 0.16:.1f}" fill="#1d55b3"/>')
        else:
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{w:.1f}" rx="8" fill="{cell_color(v).name()}"/>')
    parts.append("</svg>\n")
    path.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    draw_png(ROOT / "resources" / "solorec.png")
    write_svg(ROOT / "resources" / "solorec.svg")
    print("wrote resources/solorec.png and resources/solorec.svg")
