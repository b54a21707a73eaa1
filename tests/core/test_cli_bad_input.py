"""Every bad file through the command line: one ``error:`` line with the position, exit 2, nothing written.

In process (``solorec_gui.cli.main``) for the whole corpus and both commands;
as a real subprocess for a sample and for the 10 MB file, to see the process's
own exit status and stderr (no traceback) end to end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from solorec_gui import cli

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_DIR = DATA / "bad"
BAD = tomllib.loads((BAD_DIR / "EXPECTED.toml").read_text(encoding="utf-8"))
SENTINEL = b"previous output,\xec\x98\x81\xed\x98\xb8\n\x00keep me byte for byte\n"


def _check_one_error_line(stderr: str, want: dict) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    line = lines[0]
    assert line.startswith("error: ")
    assert want["message"] in line
    if "line" in want:
        assert f"line {want['line']}" in line
    if "column" in want:
        assert f"column {want['column']}" in line
    return line


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", sorted(BAD))
def test_complete_refuses_bad_file_and_writes_nothing(name, tmp_path, capsys):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    fresh = out_dir / "fresh.csv"
    code = cli.main(["complete", str(BAD_DIR / name), "-o", str(fresh), "--epochs", "2"])
    captured = capsys.readouterr()
    assert code == 2
    _check_one_error_line(captured.err, BAD[name])
    assert captured.out == ""
    assert not fresh.exists()
    assert _folder_listing(out_dir) == []  # no temp file either


@pytest.mark.parametrize("name", sorted(BAD))
def test_complete_leaves_existing_output_byte_for_byte(name, tmp_path, capsys):
    existing = tmp_path / "completed.csv"
    existing.write_bytes(SENTINEL)
    before = existing.stat()
    code = cli.main(["complete", str(BAD_DIR / name), "-o", str(existing), "--epochs", "2", "--long-output", str(tmp_path / "long.csv")])
    captured = capsys.readouterr()
    assert code == 2
    _check_one_error_line(captured.err, BAD[name])
    assert existing.read_bytes() == SENTINEL
    assert existing.stat().st_mtime_ns == before.st_mtime_ns
    assert _folder_listing(tmp_path) == ["completed.csv"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_evaluate_refuses_bad_file(name, capsys):
    code = cli.main(["evaluate", str(BAD_DIR / name), "--epochs", "2", "--json"])
    captured = capsys.readouterr()
    assert code == 2
    _check_one_error_line(captured.err, BAD[name])
    assert captured.out == ""


def test_evaluate_refuses_bad_test_file(capsys):
    good = DATA / "odd" / "cold_start.csv"
    want = BAD["non_numeric.csv"]
    code = cli.main(["evaluate", str(good), "--test", str(BAD_DIR / "non_numeric.csv"), "--epochs", "2"])
    captured = capsys.readouterr()
    assert code == 2
    line = _check_one_error_line(captured.err, want)
    assert "non_numeric.csv" in line


def test_missing_input_file(tmp_path, capsys):
    out = tmp_path / "o.csv"
    code = cli.main(["complete", str(tmp_path / "nope.csv"), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    _check_one_error_line(captured.err, {"message": "no such file"})
    assert not out.exists()


def test_input_is_a_folder(tmp_path, capsys):
    code = cli.main(["complete", str(tmp_path), "-o", str(tmp_path / "o.csv")])
    assert code == 2
    _check_one_error_line(capsys.readouterr().err, {"message": "folder"})


def test_output_is_a_folder(tmp_path, capsys):
    code = cli.main(["complete", str(DATA / "odd" / "single_rating.csv"), "-o", str(tmp_path)])
    assert code == 2
    _check_one_error_line(capsys.readouterr().err, {"message": "folder"})
    assert _folder_listing(tmp_path) == []


# -- real subprocesses ---------------------------------------------------------------

SUBPROCESS_SAMPLE = ["empty.csv", "binary_junk.png", "non_numeric.csv", "utf16_bom_bad_rating.csv", "cp949_bad_rating.csv"]


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOLOREC_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "solorec_gui.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


@pytest.mark.parametrize("name", SUBPROCESS_SAMPLE)
def test_subprocess_exit_status_and_stderr(name, tmp_path):
    existing = tmp_path / "completed.csv"
    existing.write_bytes(SENTINEL)
    proc = _run_cli("complete", str(BAD_DIR / name), "-o", str(existing), "--epochs", "2")
    assert proc.returncode == 2, proc.stderr
    _check_one_error_line(proc.stderr, BAD[name])
    assert proc.stdout == ""
    assert existing.read_bytes() == SENTINEL
    assert _folder_listing(tmp_path) == ["completed.csv"]


def test_subprocess_ten_megabyte_file_with_bad_last_row(tmp_path):
    from test_corpus import make_big_bad_file

    big = tmp_path / "big.csv"
    line, column = make_big_bad_file(big)
    out = tmp_path / "out.csv"
    proc = _run_cli("complete", str(big), "-o", str(out), "--epochs", "2")
    assert proc.returncode == 2, proc.stderr
    _check_one_error_line(proc.stderr, {"message": "rating 'x' is not a number", "line": line, "column": column})
    assert not out.exists()
    assert _folder_listing(tmp_path) == ["big.csv"]
