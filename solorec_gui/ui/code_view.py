"""A read-only, syntax-highlighted Python listing with a Copy button (the Lecture panel's code).

A small :class:`QSyntaxHighlighter` is enough for the lecture's snippets: keywords,
builtins, strings (one line and triple-quoted), comments and numbers. No new dependency.
"""

from __future__ import annotations

import keyword
import re
from typing import ClassVar

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


def _format(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


KEYWORD = _format("#0033b3", bold=True)
BUILTIN = _format("#7a3e9d")
STRING = _format("#067d17")
COMMENT = _format("#8c8c8c", italic=True)
NUMBER = _format("#1750eb")
SELF = _format("#94558d", italic=True)

_BUILTINS = ("print", "range", "len", "list", "dict", "tuple", "int", "float", "str", "super", "zip", "enumerate",
             "sum", "min", "max", "abs", "isinstance", "type", "True", "False", "None")


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, builtins, ``self``, numbers, strings and comments; triple-quoted strings span lines."""

    _IN_TRIPLE: ClassVar[dict[str, int]] = {'"""': 1, "'''": 2}

    def __init__(self, document) -> None:
        super().__init__(document)
        words = [w for w in keyword.kwlist if w not in ("True", "False", "None")]
        self._rules: list[tuple[QRegularExpression, QTextCharFormat]] = [
            (QRegularExpression(r"\b(?:" + "|".join(words) + r")\b"), KEYWORD),
            (QRegularExpression(r"\b(?:" + "|".join(_BUILTINS) + r")\b"), BUILTIN),
            (QRegularExpression(r"\bself\b"), SELF),
            (QRegularExpression(r"\b(?:0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)\b"), NUMBER),
        ]

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self._rules:
            it = pattern.globalMatch(text)
            while it.hasNext():
                m = it.next()
                self.setFormat(m.capturedStart(), m.capturedLength(), fmt)
        self.setCurrentBlockState(0)
        start = 0
        # A triple-quoted string carried over from the previous line.
        previous = self.previousBlockState()
        if previous in (1, 2):
            quote = '"""' if previous == 1 else "'''"
            end = text.find(quote)
            if end < 0:
                self.setFormat(0, len(text), STRING)
                self.setCurrentBlockState(previous)
                return
            self.setFormat(0, end + 3, STRING)
            start = end + 3
        self._strings_and_comments(text, start)

    def _strings_and_comments(self, text: str, start: int) -> None:
        i = start
        while i < len(text):
            ch = text[i]
            if ch == "#":
                self.setFormat(i, len(text) - i, COMMENT)
                return
            triple = text[i:i + 3]
            if triple in self._IN_TRIPLE:
                end = text.find(triple, i + 3)
                if end < 0:
                    self.setFormat(i, len(text) - i, STRING)
                    self.setCurrentBlockState(self._IN_TRIPLE[triple])
                    return
                self.setFormat(i, end + 3 - i, STRING)
                i = end + 3
                continue
            if ch in "\"'":
                m = re.compile(r"""("[^"\\]*(?:\\.[^"\\]*)*"?|'[^'\\]*(?:\\.[^'\\]*)*'?)""").match(text, i)
                length = m.end() - i if m else 1
                self.setFormat(i, length, STRING)
                i += length
                continue
            i += 1


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class CodeView(QWidget):
    """Read-only code in a monospace font, highlighted, with a Copy button (to the clipboard)."""

    copied = Signal()

    def __init__(self, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(monospace_font())
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.highlighter = PythonHighlighter(self.editor.document())
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the code to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addLayout(bar)
        self.set_code(code)

    def set_code(self, code: str) -> None:
        self.editor.setPlainText(code.strip("\n"))
        lines = max(1, min(14, code.strip("\n").count("\n") + 1))
        metrics = self.editor.fontMetrics()
        self.editor.setFixedHeight(int(metrics.lineSpacing() * (lines + 1.2)) + 6)

    def code(self) -> str:
        return self.editor.toPlainText()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code())
        self.copied.emit()


__all__ = ["CodeView", "PythonHighlighter", "monospace_font"]
