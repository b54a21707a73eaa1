"""solorec-cli (issue 2 §5): completes files, refuses bad input with one line and exit 2, never touches OUTPUT on failure."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from solorec_gui.cli import main
from solorec_gui.core.data import read_ratings
from solorec_gui.core.modelfile import load_model
from solorec_gui.core.models import model_class, model_names
from solorec_gui.core.models.autorec import AutoRecParams
from solorec_gui.core.models.mf_large import MFLargeParams


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
    from solorec_gui.cli import _spec_from_args, build_parser
    from solorec_gui.core.catalog import LARGE_DATA_MODEL, LARGE_DATA_THRESHOLD
    from solorec_gui.core.data import RatingMatrix
    from solorec_gui.core.errors import ConfigError
    from solorec_gui.core.models import TrainSpec

    parser = build_parser()
    args = parser.parse_args(["complete", str(solo_path), "-o", "x.csv"])
    assert _spec_from_args(args, read_ratings(solo_path)) == TrainSpec()  # the lecture's
    many = RatingMatrix([f"u{k}" for k in range(100)], [f"i{k}" for k in range(100)], np.full((100, 100), 3.0))
    assert many.n_known > LARGE_DATA_THRESHOLD
    spec = _spec_from_args(parser.parse_args(["complete", "in.csv", "-o", "x.csv", "--autorec-dim", "8"]), many)
    assert spec.model == LARGE_DATA_MODEL and spec.params.autorec.dim == 8 and spec.params.bpmf.epochs
    # Deliberate change: the blend has no 'dim' of its own (its parts have), so --dim is refused with
    # the blend's own options named, where the old flat config applied it to the MF part.
    with pytest.raises(ConfigError, match="--dim: not a setting of the model blend-bpmf .*--autorec-dim"):
        _spec_from_args(parser.parse_args(["complete", "in.csv", "-o", "x.csv", "--dim", "8"]), many)
    # an explicit model takes that model's own defaults, overridden by what is given
    args = parser.parse_args(["complete", "in.csv", "-o", "x.csv", "--model", "mf", "--epochs", "7"])
    spec = _spec_from_args(args, many)
    assert (spec.model, spec.params.epochs, spec.params.lr, spec.params.dim) == ("mf", 7, 0.1, 2)


# -- settings each model has (issue 9) -------------------------------------------------


def test_a_setting_the_model_does_not_have_is_refused_naming_its_settings(solo_path, tmp_path, capsys):
    out = tmp_path / "o.csv"
    assert main(["complete", str(solo_path), "-o", str(out), "--model", "mf", "--hidden", "8,8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: --hidden: not a setting of the model mf")
    for flag in ("--epochs", "--lr", "--batch-size", "--seed", "--dim", "--weight-decay"):
        assert flag in err
    assert "--hidden" not in err.split("its settings:")[1]
    assert not out.exists()
    # evaluate refuses it the same way; --compare applies each option only to the models that have it.
    assert main(["evaluate", str(solo_path), "--model", "mf", "--hidden", "8,8"]) == 2
    assert "not a setting of the model mf" in capsys.readouterr().err
    assert main(["evaluate", str(solo_path), "--compare", "mf,nn", "--hidden", "4", "--epochs", "20", "--folds", "2",
                 "--json"]) == 0  # fmt: skip
    rows = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in rows] == ["mf", "nn"]
    assert "hidden" not in rows[0]["settings"] and "hidden 4" in rows[1]["settings"]
    assert all("20 epochs" in r["settings"] for r in rows)


def test_nested_blend_options(solo_path, tmp_path, capsys):
    """The blend's parts have their own settings: --autorec-dim, --mf-epochs, ... reach the right part."""
    model = tmp_path / "blend.solorec"
    code = main(["complete", str(solo_path), "-o", str(tmp_path / "o.csv"), "--model", "mf+autorec", "--autorec-dim", "16",
                 "--autorec-epochs", "3", "--mf-epochs", "4", "--mf-dim", "5", "--blend", "0.5", "--save-model", str(model), "-q"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    params = load_model(model).spec.params
    assert (params.autorec.dim, params.autorec.epochs, params.mf.epochs, params.mf.dim, params.blend) == (16, 3, 4, 5, 0.5)
    assert params.autorec.lr == AutoRecParams().lr and params.mf.batch_size == MFLargeParams().batch_size
    assert main(["evaluate", str(solo_path), "--model", "mf+autorec", "--autorec-dim", "16", "--autorec-epochs", "3",
                 "--mf-epochs", "4", "--json"]) == 0  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert out["model"] == "mf+autorec" and out["params"]["autorec"]["dim"] == 16 and out["params"]["mf"]["epochs"] == 4
    # A bad value of a part is refused with one line.
    assert main(["complete", str(solo_path), "-o", str(tmp_path / "x.csv"), "--model", "mf+autorec", "--autorec-dim", "0"]) == 2
    assert "hidden units must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def _quick_flags(name: str) -> list[str]:
    """CLI options that cut every part of model ``name`` to 3 epochs."""
    from solorec_gui.core.models import Params, model_class

    params = model_class(name).Params()
    flags = ["--epochs", "3"] if hasattr(params, "epochs") else []
    for key, value in params.to_dict().items():
        if isinstance(getattr(params, key), Params) and "epochs" in value:
            flags += [f"--{key}-epochs", "3"]
    return flags


@pytest.mark.parametrize("name", [n for n in model_names() if model_class(n).rates])
def test_model_file_round_trip_for_every_model(solo_path, tmp_path, capsys, name):
    first, second, model = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / f"{name}.solorec"
    assert main(["complete", str(solo_path), "-o", str(first), "--model", name, *_quick_flags(name),
                 "--save-model", str(model), "-q"]) == 0, capsys.readouterr().err  # fmt: skip
    assert main(["complete", str(solo_path), "-o", str(second), "--model-file", str(model)]) == 0
    assert f"{name} from {model} (trained " in capsys.readouterr().out
    assert first.read_bytes() == second.read_bytes()


# -- the worse-than-the-mean warning -----------------------------------------------------


def test_a_model_worse_than_the_mean_prints_a_warning(solo_path, tmp_path, capsys):
    """MF with the large-data recipe's settings (dim 64, 25 epochs, lr 0.01, batch 8192) on solo.csv ends
    worse than predicting the mean: the CLI says so on a warning: line (and still writes its output)."""
    out = tmp_path / "o.csv"
    code = main(["complete", str(solo_path), "-o", str(out), "--model", "mf", "--dim", "64", "--epochs", "25",
                 "--lr", "0.01", "--batch-size", "8192"])  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "worse than predicting every rating with the mean" in warnings[0]
    assert "NOT TRUSTWORTHY" in captured.out
    assert out.exists()
    # The lecture's defaults: no warning.
    assert main(["complete", str(solo_path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err and "NOT TRUSTWORTHY" not in captured.out


def test_a_setting_on_by_default_can_be_turned_off_from_the_command_line(solo_path):
    """Booleans are --name / --no-name: bpmf's per-user noise and the blend's L-BFGS AutoRec are on by default."""
    from solorec_gui.cli import _spec_from_args, build_parser

    parser = build_parser()
    matrix = read_ratings(solo_path)

    def spec(*extra):
        return _spec_from_args(parser.parse_args(["complete", str(solo_path), "-o", "x.csv", *extra]), matrix)

    assert spec("--model", "bpmf").params.user_noise is True
    assert spec("--model", "bpmf", "--no-user-noise").params.user_noise is False
    assert spec("--model", "bpmf", "--user-noise").params.user_noise is True
    blend = spec("--model", "blend-bpmf", "--no-autorec-lbfgs", "--uautorec-bf16")
    assert blend.params.autorec.lbfgs is False and blend.params.uautorec.bf16 is True
    assert blend.params.uautorec.lbfgs is True  # only what is named changes
