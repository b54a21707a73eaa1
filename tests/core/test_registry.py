"""The model registry (issue 9): every model describes itself, and adding a model is one file.

The last tests define a tiny model here, in the test module, register it, and use it through
``fit``, ``evaluate``, ``compare``, model files and the CLI with no other change anywhere.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from dataclasses import dataclass

import numpy as np
import pytest
import torch

from solorec_gui.cli import main
from solorec_gui.core.data import read_ratings
from solorec_gui.core.errors import ConfigError, InputError
from solorec_gui.core.eval import compare, evaluate
from solorec_gui.core.fit import fit
from solorec_gui.core.modelfile import load_model, save_model
from solorec_gui.core.models import (
    REGISTRY,
    GradientParams,
    Params,
    Recommender,
    TrainSpec,
    create,
    model_class,
    model_classes,
    model_names,
    register,
    setting,
)

# -- every registered model describes itself ---------------------------------------------


def test_names_are_unique_and_each_class_is_registered_under_its_own():
    names = model_names()
    assert len(names) == len(set(names))
    assert {"mf", "nn", "baseline", "mf-large", "autorec", "mf+autorec"} <= set(names)
    assert names[:3] == ("mf", "nn", "baseline")  # the lecture's models first
    assert [cls.name for cls in model_classes()] == list(names)
    assert all(model_class(n).name == n for n in names)
    displays = [cls.display_name for cls in model_classes()]
    assert len(set(displays)) == len(displays)


@pytest.mark.parametrize("name", model_names())
def test_every_model_has_a_display_name_a_description_and_its_own_params(name):
    cls = model_class(name)
    assert issubclass(cls, Recommender)
    assert cls.display_name.strip() and cls.description.strip()
    assert dataclasses.is_dataclass(cls.Params) and issubclass(cls.Params, Params)
    defaults = cls.Params()
    assert defaults.validate() is defaults
    for f in dataclasses.fields(defaults):
        assert f.metadata.get("label"), f"{name}.{f.name} has no label"
    if cls.key_settings:
        assert any(hasattr(defaults, k) for k in cls.key_settings), name
    assert defaults.changed_from_default() == {}
    assert isinstance(TrainSpec(name).summary(), str)


@pytest.mark.parametrize("name", model_names())
def test_every_model_params_round_trip_through_dict_and_json(name):
    cls = model_class(name)
    defaults = cls.Params()
    assert cls.Params.from_dict(defaults.to_dict()) == defaults
    assert cls.Params.from_dict(json.loads(json.dumps(defaults.to_dict()))) == defaults
    assert cls.Params.from_dict({}) == defaults  # missing keys take the defaults
    assert cls.Params.from_dict(defaults.to_dict() | {"from_a_newer_version": 1}) == defaults
    spec = TrainSpec(name, defaults, patience=3, device="auto")
    assert TrainSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
    if hasattr(defaults, "seed"):
        changed = defaults.replace(seed=7)
        assert cls.Params.from_dict(changed.to_dict()) == changed
        assert changed.changed_from_default() == {"seed": 7}


def test_unknown_model_is_a_config_error_naming_the_choices():
    with pytest.raises(ConfigError) as info:
        model_class("nope")
    text = str(info.value)
    assert "'nope'" in text
    for name in model_names():
        assert name in text
    with pytest.raises(ConfigError, match="unknown model 'nope'"):
        TrainSpec("nope")
    with pytest.raises(ConfigError, match="unknown model"):
        create("nope")


def test_create_and_settings_checks():
    assert create("mf").params == model_class("mf").Params()
    assert create("mf", dim=3).params.dim == 3
    with pytest.raises(ConfigError, match="hidden: not a setting of this model"):
        create("mf", hidden=(2,))
    with pytest.raises(ConfigError, match="learning rate must be more than 0"):
        create("nn", lr=0)
    with pytest.raises(ConfigError, match="epochs: 2.5 is not a valid value"):
        TrainSpec("mf").with_params(epochs=2.5)
    with pytest.raises(ConfigError, match="takes MFParams"):
        TrainSpec("mf", model_class("nn").Params())
    with pytest.raises(ConfigError, match="patience"):
        TrainSpec("mf", patience=0).validate()


def test_register_refuses_a_taken_name_and_a_bad_params_class():
    class Impostor(Recommender):
        name = "mf"

    with pytest.raises(ValueError, match="already registered"):
        register(Impostor)
    assert model_class("mf") is not Impostor

    class Nameless(Recommender):
        name = ""

    with pytest.raises(ValueError, match="empty"):
        register(Nameless)

    class NoDataclass(Recommender):
        name = "no-dataclass-test"
        Params = dict

    with pytest.raises(TypeError, match="Params dataclass"):
        register(NoDataclass)
    assert "no-dataclass-test" not in REGISTRY


def test_importing_the_registry_and_the_catalog_does_not_import_torch():
    code = (
        "import sys\n"
        "import solorec_gui.core.models as models\n"
        "import solorec_gui.core.catalog as catalog\n"
        "names = models.model_names()\n"  # imports every model module
        "specs = [models.TrainSpec(n).validate() for n in names]\n"
        "auto = catalog.recommended_spec(100_000)\n"
        "print(len(names), 'torch' in sys.modules, auto.model)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    count, has_torch, auto = proc.stdout.split()
    assert int(count) == len(model_names()) and has_torch == "False" and auto == "blend-bpmf"


# -- adding a model is one file: a model defined here ----------------------------------


@dataclass(frozen=True)
class TinyParams(GradientParams):
    epochs: int = setting(30, label="Epochs", minimum=1, maximum=1_000_000)
    shrink: float = setting(1.0, label="Shrink", minimum=0.0, maximum=1.0, decimals=2,
                            help="how much of the biases to keep")


class Tiny(Recommender):
    """ŷ = μ + shrink · (b_u + b_i): the baseline with a knob, in a test module."""

    name = "tiny-test"
    display_name = "Tiny (a test's model)"
    description = "mean + shrink × (user bias + item bias); defined in tests/core/test_registry.py"
    Params = TinyParams
    order = 99
    user_tables = {"user_bias": "mean"}
    item_tables = {"item_bias": "mean"}

    def build(self, data):
        net = torch.nn.Module()
        net.register_buffer("global_mean", torch.tensor(float(self.global_mean)))
        net.user_bias = torch.nn.Embedding(self.n_users, 1)
        net.item_bias = torch.nn.Embedding(self.n_items, 1)
        torch.nn.init.zeros_(net.user_bias.weight)
        torch.nn.init.zeros_(net.item_bias.weight)
        return net

    def forward(self, users, items):
        n = self.net
        return n.global_mean + float(self.params.shrink) * (n.user_bias(users).squeeze(1) + n.item_bias(items).squeeze(1))


@pytest.fixture
def tiny():
    register(Tiny)
    try:
        yield Tiny
    finally:
        REGISTRY.pop(Tiny.name, None)


@pytest.fixture(scope="module")
def solo():
    from pathlib import Path

    return read_ratings(Path(__file__).resolve().parents[2] / "resources" / "solo.csv")


def test_a_model_defined_in_a_test_module_is_listed(tiny):
    assert model_names()[-1] == "tiny-test" and model_class("tiny-test") is Tiny
    assert TrainSpec("tiny-test").params == TinyParams()


def test_a_registered_model_trains_with_fit(tiny, solo):
    result = fit(solo, TrainSpec("tiny-test").with_params(shrink=0.5))
    assert len(result.history) == 30 and result.history[-1] < result.history[0]
    assert result.spec.params.shrink == 0.5 and result.warning is None
    pred = result.predict_matrix()
    assert np.isfinite(pred).all() and pred.shape == solo.shape
    # the base's cold-start rule works from the declared tables
    keep = np.ones(solo.shape, dtype=bool)
    keep[[1, 4], :] = False
    cold = fit(solo, "tiny-test", train_mask=keep)
    assert cold.cold_users.tolist() == [u in (1, 4) for u in range(solo.n_users)]
    np.testing.assert_allclose(cold.predict_matrix()[1], cold.predict_matrix()[4], atol=1e-6)


def test_a_registered_model_is_evaluated_and_compared(tiny, solo):
    result = evaluate(solo, "tiny-test", folds=3)
    assert result.spec.model == "tiny-test" and len(result.folds) == 3 and np.isfinite(result.rmse)
    assert result.to_json_dict()["model"] == "tiny-test"
    rows = compare(solo, ["tiny-test", "baseline"], folds=3)
    assert [r.model for r in rows] == ["tiny-test", "baseline"]
    assert rows[0].settings == TrainSpec("tiny-test").summary() and "shrink 1" in rows[0].settings


def test_a_registered_model_is_saved_and_loaded(tiny, solo, tmp_path):
    result = fit(solo, TrainSpec("tiny-test").with_params(shrink=0.7, epochs=10))
    save_model(tmp_path / "tiny.solorec.pt", result, solo)
    loaded = load_model(tmp_path / "tiny.solorec.pt")
    assert isinstance(loaded.model, Tiny) and loaded.spec == result.spec
    np.testing.assert_array_equal(loaded.predict_for(solo), result.predict_matrix())
    # Without the model's file (here: unregistered), the model file is refused with a clear message.
    REGISTRY.pop("tiny-test")
    with pytest.raises(InputError, match="does not know \\('tiny-test'\\)"):
        load_model(tmp_path / "tiny.solorec.pt")


def test_a_registered_model_is_on_the_command_line(tiny, solo_path, tmp_path, capsys):
    out, again, model = tmp_path / "o.csv", tmp_path / "again.csv", tmp_path / "tiny.solorec"
    code = main(["complete", str(solo_path), "-o", str(out), "--model", "tiny-test", "--shrink", "0.5",
                 "--epochs", "5", "--save-model", str(model)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "tiny-test (" in capsys.readouterr().out
    assert load_model(model).spec.params.shrink == 0.5
    assert main(["complete", str(solo_path), "-o", str(again), "--model-file", str(model), "-q"]) == 0
    assert out.read_bytes() == again.read_bytes()
    assert main(["complete", str(solo_path), "-o", str(out), "--model", "mf", "--shrink", "0.5"]) == 2
    assert "--shrink: not a setting of the model mf" in capsys.readouterr().err


# -- a model without a seed (a closed-form one needs none) -------------------------------


@dataclass(frozen=True)
class MeanParams(Params):
    shrink: float = setting(1.0, label="Shrink", minimum=0.0, maximum=1.0)


class ItemMean(Recommender):
    """ŷ = μ + shrink · (item mean − μ), solved in one go: no epochs, no learning rate, no seed."""

    name = "item-mean-test"
    display_name = "Item mean (a test's closed-form model)"
    description = "the item's mean training rating, shrunk toward the global mean"
    Params = MeanParams
    item_tables = {"item_mean": "mean"}

    def build(self, data):
        net = torch.nn.Module()
        net.item_mean = torch.nn.Embedding(self.n_items, 1)
        return net

    def phases(self, data):
        return []

    def solve(self, data) -> float:
        count = torch.bincount(data.items, minlength=self.n_items).double()
        total = torch.zeros(self.n_items, dtype=torch.float64).index_add_(0, data.items, data.y.double())
        mean = torch.where(count > 0, total / count.clamp(min=1), torch.full_like(count, self.global_mean))
        with torch.no_grad():
            self.net.item_mean.weight.copy_((self.global_mean + self.params.shrink * (mean - self.global_mean))[:, None])
        with torch.no_grad():
            return float(torch.mean((self.forward(data.users, data.items) - data.y) ** 2))

    def forward(self, users, items):
        return self.net.item_mean(items).squeeze(1)


@pytest.fixture
def item_mean():
    register(ItemMean)
    try:
        yield ItemMean
    finally:
        REGISTRY.pop(ItemMean.name, None)


def test_a_model_without_a_seed_is_fitted_and_evaluated(item_mean, solo):
    """Params need no seed: fit, evaluate (the split seed is then the default) and compare work; an
    ensemble of seeds is refused with a message instead of an AttributeError."""
    result = fit(solo, "item-mean-test")
    assert len(result.history) == 1 and result.warning is None
    _, cols, vals = solo.known_cells()
    np.testing.assert_allclose(result.predict_matrix()[0], [vals[cols == i].mean() for i in range(solo.n_items)],
                               atol=1e-5)
    a = evaluate(solo, "item-mean-test", folds=3)
    b = evaluate(solo, TrainSpec("item-mean-test"), folds=3, seed=43052)
    assert a.seed == 43052 and a.rmse == b.rmse and np.isfinite(a.rmse)
    assert [r.model for r in compare(solo, ["item-mean-test", "mf"], folds=3)] == ["item-mean-test", "mf"]
    from solorec_gui.core.eval import ensemble_fit

    with pytest.raises(ConfigError, match="no seed"):
        ensemble_fit(solo, "item-mean-test", k=3)


def test_differences_name_a_part_setting_with_a_dot():
    """The window's note and the compare table read what differs from the defaults from the engine, parts included."""
    from solorec_gui.core.models import model_class

    params = model_class("mf+autorec").Params()
    changed = params.replace(blend=0.5, autorec=params.autorec.replace(dim=100))
    assert changed.differences() == [("autorec.dim", 100, 500), ("blend", 0.5, 0.35)]
    assert changed.changed_from_default() == {"autorec.dim": 100, "blend": 0.5}
    assert params.differences() == []
