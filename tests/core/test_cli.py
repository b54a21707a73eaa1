"""solorec-cli (issue 2 §5): completes files, refuses bad input with one line and exit 2, never touches OUTPUT on failure."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from solorec_gui.cli import main
from solorec_gui.core.data import read_ratings


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "solorec_gui.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_complete_solo_defaults_are_the_lectures(solo_path, tmp_path, capsys):
    out = tmp_path / "done.csv"
    assert main(["complete", str(solo_path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "final loss (MSE) 0.00847" in printed and "100 epochs" in printed
    src, done = read_ratings(solo_path), read_ratings(out)
    assert done.n_known == 72 and done.users == src.users and done.items == src.items
    np.testing.assert_array_equal(done.values[src.known_mask], src.values[src.known_mask])
    filled = done.values[~src.known_mask]
    assert ((filled >= 0) & (filled <= 5)).all()
    # predictions are written with 2 decimals
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[1].split(",")[1].count(".") == 1 and len(text.splitlines()[1].split(",")[1]) == 4


def test_complete_options_and_long_output(solo_path, tmp_path):
    out, long_out = tmp_path / "o.csv", tmp_path / "o_long.csv"
    code = main(
        ["complete", str(solo_path), "-o", str(out), "--model", "nn", "--epochs", "50", "--hidden", "8,8",
         "--decimals", "3", "--long-output", str(long_out), "-q"]
    )  # fmt: skip
    assert code == 0
    lines = long_out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "user,item,rating,is_predicted"
    assert len(lines) == 1 + 72
    assert sum(line.endswith(",1") for line in lines) == 9


def test_module_entry_point_and_quiet_without_tty(solo_path, tmp_path):
    out = tmp_path / "o.csv"
    proc = run("complete", str(solo_path), "-o", str(out), "--epochs", "5")
    assert proc.returncode == 0, proc.stderr
    assert "it/s" not in proc.stderr and "epoch/s" not in proc.stderr  # no progress bar off a tty
    assert out.exists()


def test_complete_long_format(data_dir, tmp_path):
    out = tmp_path / "o.csv"
    assert main(["complete", str(data_dir / "movielens" / "u.data.head500"), "-o", str(out), "--epochs", "3", "-q"]) == 0
    done = read_ratings(out)
    assert done.n_known == done.values.size  # fully completed
    assert np.isfinite(done.values).all()


BAD_FILES = {
    "empty.csv": (b"", "the file is empty"),
    "abc.csv": (",a,b\nx,1,abc\n", "line 2, column 3"),
    "scale.csv": (",a,b\nx,1,9\n", "outside the scale"),
    "dupuser.csv": (",a,b\nx,1,2\nx,3,4\n", "duplicate user label"),
    "dupitem.csv": (",a,a\nx,1,2\n", "duplicate item label"),
    "noknown.csv": (",a,b\nx,,\n", "no known rating"),
    "undecodable.csv": (b"\x00\x01\x02\xff\xfe\x00junk", "not a text file"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_one_line_exit_2_output_untouched(tmp_path, name, capsys):
    content, fragment = BAD_FILES[name]
    src = tmp_path / name
    src.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out.csv"
    out.write_bytes(b"precious")
    assert main(["complete", str(src), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]
    assert out.read_bytes() == b"precious"
    new = tmp_path / "new.csv"
    assert main(["complete", str(src), "-o", str(new)]) == 2
    assert not new.exists()
    assert sorted(tmp_path.iterdir()) == sorted([src, out])  # no temp file left behind


def test_bad_input_in_a_real_process_has_no_traceback(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text(",a,b\nx,1,abc\n")
    out = tmp_path / "out.csv"
    proc = run("complete", str(src), "-o", str(out))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_missing_file_and_bad_options(tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["complete", str(tmp_path / "nope.csv"), "-o", str(out)]) == 2
    assert "nope.csv: no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["complete", "x.csv", "-o", str(out), "--model", "svm"])
    assert info.value.code == 2
    assert main(["complete", "x.csv", "-o", str(tmp_path / "no" / "dir" / "o.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_diverging_training_is_an_error_and_writes_nothing(solo_path, tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["complete", str(solo_path), "-o", str(out), "--lr", "1e6", "-q"]) == 2
    assert "diverged" in capsys.readouterr().err
    assert not out.exists()


def test_scale_options(tmp_path, capsys):
    src = tmp_path / "ten.csv"
    src.write_text(",a,b\nx,8,\ny,2,9\n")
    out = tmp_path / "o.csv"
    assert main(["complete", str(src), "-o", str(out)]) == 2
    assert "outside the scale 0 to 5" in capsys.readouterr().err
    assert main(["complete", str(src), "-o", str(out), "--scale-max", "10", "-q"]) == 0
    done = read_ratings(out, scale=(0, 10))
    assert 0 <= done.values[0, 1] <= 10


def test_evaluate_json_holdout(solo_path, capsys):
    import json

    assert main(["evaluate", str(solo_path), "--holdout", "0.2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out)[:5] == ["rmse", "mae", "n_train", "n_test", "fit_seconds"]
    assert out["n_train"] + out["n_test"] == 63 and out["n_test"] >= 1
    assert 0 < out["mae"] <= out["rmse"] < 5


def test_evaluate_with_a_test_file(data_dir, tmp_path, capsys):
    lines = (data_dir / "movielens" / "u.data.head500").read_text().splitlines()
    base, test = tmp_path / "base.tsv", tmp_path / "test.tsv"
    base.write_text("\n".join(lines[:400]) + "\n")
    test.write_text("\n".join(lines[400:]) + "\n")
    assert main(["evaluate", str(base), "--test", str(test), "--epochs", "5", "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["n_train"] == 400 and out["n_test"] == 100
    assert out["rmse"] > 0


def test_evaluate_compare_table(solo_path, capsys):
    assert main(["evaluate", str(solo_path), "--folds", "3", "--compare", "mf,baseline", "--epochs", "20"]) == 0
    table = capsys.readouterr().out
    assert "mf" in table and "baseline" in table and "±" in table


def test_evaluate_bad_split_is_a_clear_error(solo_path, capsys):
    assert main(["evaluate", str(solo_path), "--folds", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "fold" in err


def test_save_model_then_predict_with_it_gives_the_same_output(solo_path, tmp_path, capsys):
    first, second, model = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "m.solorec"
    assert main(["complete", str(solo_path), "-o", str(first), "--save-model", str(model), "--model", "nn", "--epochs", "30", "-q"]) == 0
    assert model.exists()
    assert main(["complete", str(solo_path), "-o", str(second), "--model-file", str(model)]) == 0
    assert "from" in capsys.readouterr().out
    assert first.read_bytes() == second.read_bytes()


def test_model_file_that_is_not_a_model(solo_path, tmp_path, capsys):
    bogus = tmp_path / "bogus.solorec"
    bogus.write_bytes(b"not a model at all")
    out = tmp_path / "o.csv"
    assert main(["complete", str(solo_path), "-o", str(out), "--model-file", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "bogus.solorec" in err
    assert not out.exists()


def test_cold_start_is_reported_and_predicted_from_biases(tmp_path, capsys):
    src = tmp_path / "cold.csv"
    src.write_text(",a,b,c\nx,4,1,\ny,5,2,\nz,,,\n")  # user z and item c have no rating
    out = tmp_path / "o.csv"
    assert main(["complete", str(src), "-o", str(out), "-q"]) == 0
    err = capsys.readouterr().err
    assert "cold start" in err and "'z'" in err and "'c'" in err
    done = read_ratings(out)
    assert np.isfinite(done.values).all()


def test_raw_labels_apply_to_the_long_output_too(tmp_path):
    src = tmp_path / "f.csv"
    src.write_text(",=SUM(A1),b\nx,4,1\n@y,5,\n")
    out, long_out = tmp_path / "o.csv", tmp_path / "l.csv"
    assert main(["complete", str(src), "-o", str(out), "--long-output", str(long_out), "-q", "--raw-labels"]) == 0
    assert "\n@y," in long_out.read_text() and ",=SUM(A1)," in long_out.read_text()
    assert main(["complete", str(src), "-o", str(out), "--long-output", str(long_out), "-q"]) == 0
    assert "\n'@y," in long_out.read_text()


def test_auto_model_picks_the_lecture_for_small_and_the_large_recipe_for_big(solo_path):
    from solorec_gui.cli import _config_from_args, build_parser
    from solorec_gui.core.data import RatingMatrix
    from solorec_gui.core.training import LARGE_DATA_MODEL, LARGE_DATA_THRESHOLD, TrainConfig

    parser = build_parser()
    args = parser.parse_args(["complete", str(solo_path), "-o", "x.csv"])
    assert _config_from_args(args, read_ratings(solo_path)) == TrainConfig()  # the lecture's
    many = RatingMatrix([f"u{k}" for k in range(100)], [f"i{k}" for k in range(100)], np.full((100, 100), 3.0))
    assert many.n_known > LARGE_DATA_THRESHOLD
    config = _config_from_args(parser.parse_args(["complete", "in.csv", "-o", "x.csv", "--dim", "8"]), many)
    assert config.model == LARGE_DATA_MODEL and config.dim == 8 and config.batch_size
    # an explicit model takes that model's own defaults, overridden by what is given
    args = parser.parse_args(["complete", "in.csv", "-o", "x.csv", "--model", "mf", "--epochs", "7"])
    config = _config_from_args(args, many)
    assert (config.model, config.epochs, config.lr, config.dim) == ("mf", 7, 0.1, 2)
