"""Run every benchmark once, in sequence (``make bench``). Each prints its own table.

Benchmarks are not tests: they report figures and ratios measured in one run
on whatever machine runs them. ``--quick`` runs MovieLens on fold u1 only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    runs = [
        ["complete_overhead.py"],
        ["startup.py"],
        ["movielens.py", *(["--folds", "1"] if quick else [])],
        ["memory.py"],
        ["window_scale.py"],
    ]
    failed = []
    for script, *args in runs:
        print(f"\n=== bench/{script} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *args]).returncode:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
