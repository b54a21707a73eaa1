"""The desktop window (PySide6). Imports the engine's Qt-free ``core``; never the reverse.

torch is not imported here or at start-up: the first training imports it in
the worker thread (see ``jobs`` and ``engine_jobs``), so the window appears quickly.
"""
