"""The lecture as code: the exported PyTorch script reproduces SoloRec's predictions to 4 decimals.

Each case writes the script (``core.script.training_script``, or ``solorec-cli complete
--script``), runs it in a fresh interpreter with an output path, and compares the
predictions it writes with ``fit(...).predict_matrix()``: MF with the lecture's settings,
NN with fewer epochs (to keep it fast), a long file, a file with cold users and items,
mini-batches. Other models: a clear "not available" error, nothing written.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from solorec_gui import cli
from solorec_gui.core.data import read_ratings
from solorec_gui.core.errors import ConfigError
from solorec_gui.core.fit import fit
from solorec_gui.core.models import TrainSpec, model_class
from solorec_gui.core.script import training_script

DATA = Path(__file__).resolve().parents[1] / "data"


def run_script(source: str, tmp_path: Path) -> np.ndarray:
    import pandas as pd

    script, out = tmp_path / "train.py", tmp_path / "predictions.csv"
    script.write_text(source, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(out)], check=False, capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return pd.read_csv(out, index_col=0).to_numpy(dtype=np.float64)


def spec(model: str, **changes) -> TrainSpec:
    params = model_class(model).Params()
    return TrainSpec(model, params.replace(**changes) if changes else params)


@pytest.mark.parametrize(
    ("path", "train"),
    [
        pytest.param("solo", spec("mf"), id="mf-lecture"),
        pytest.param("solo", spec("nn", epochs=150), id="nn-150-epochs"),
        pytest.param("solo", spec("mf", dim=3, lr=0.05, weight_decay=0.001, batch_size=16, seed=7), id="mf-minibatch"),
        pytest.param(DATA / "movielens" / "u.data.head500", spec("mf", epochs=30), id="mf-long-u.data"),
        pytest.param(DATA / "odd" / "cold_start.csv", spec("nn", epochs=40, hidden=(8,)), id="nn-cold-start"),
        pytest.param(DATA / "odd" / "semicolon_decimal_comma.csv", spec("mf", epochs=20), id="mf-decimal-comma"),
    ],
)
def test_exported_script_reproduces_the_predictions(path, train, solo_path, tmp_path):
    path = solo_path if path == "solo" else path
    matrix = read_ratings(path)
    source = training_script(train, path, matrix=matrix)
    ast.parse(source)
    for name in ("torch.nn.Embedding", "torch.manual_seed(", "torch.optim.Adam(", "pd.read_csv("):
        assert name in source
    want = fit(matrix, train).predict_matrix()
    got = run_script(source, tmp_path)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=5e-5)


def test_the_lecture_settings_read_like_the_lecture(solo_path):
    source = training_script(spec("mf"), solo_path)
    assert f"pd.read_csv({str(solo_path)!r}, index_col=0)" in source
    assert "torch.manual_seed(43052)" in source and "lr=0.1)" in source and "self.sig(score) * 5" in source
    nn = training_script(spec("nn"), solo_path)
    # the NN's layers in the lecture's order: user features, item features, user bias, item bias
    order = [nn.index(f"self.{name} = torch.nn.Embedding") for name in ("ebdd1", "ebdd2", "b1", "b2")]
    assert order == sorted(order)
    assert "torch.nn.Linear(6, 15)" in nn and "range(1000)" in nn


@pytest.mark.parametrize("model", ["baseline", "mf-large", "autorec", "mf+autorec"])
def test_other_models_are_not_available(model, solo_path):
    with pytest.raises(ConfigError, match=re.escape(f"not available for the model '{model}'")):
        training_script(TrainSpec(model), solo_path)


def test_cli_writes_the_script_and_refuses_other_models(solo_path, tmp_path, capsys):
    out, script = tmp_path / "done.csv", tmp_path / "train.py"
    assert cli.main(["complete", str(solo_path), "-o", str(out), "--script", str(script), "-q"]) == 0
    assert "class Net(torch.nn.Module)" in script.read_text(encoding="utf-8")
    os.remove(script)
    os.remove(out)
    code = cli.main(["complete", str(solo_path), "-o", str(out), "--script", str(script), "--model", "baseline"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not available for the model 'baseline'" in err
    assert not out.exists() and not script.exists()
