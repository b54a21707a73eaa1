"""Where and how torch computes: device choice and CPU thread count.

Kept apart from ``training`` so that ``large`` (which ``training`` imports)
can use it too without a circular import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch

#: Below this many training ratings, training uses one CPU thread. On tiny
#: problems OpenMP's hand-off between threads costs more than the work: on a
#: busy 2-core machine the lecture NN's 1000 epochs took 0.7 s on one thread
#: and 23 s on two.
SMALL_PROBLEM_CELLS = 20_000


def resolve_device(name: str) -> str:
    """``auto`` → cuda when available, else cpu; ``cuda`` without a GPU falls back to cpu."""
    if name in ("auto", "cuda") and torch.cuda.is_available():
        return "cuda"
    return "cpu"


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Run with at most ``n`` torch threads (None = leave as is), then restore the setting."""
    previous = torch.get_num_threads()
    if n is None or n >= previous:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
