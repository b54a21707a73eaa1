"""Model files: round trip, and refusal of anything that is not a SoloRec model."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from solorec_gui.core.data import RatingMatrix, read_ratings
from solorec_gui.core.errors import InputError, SoloRecError
from solorec_gui.core.eval import holdout_split
from solorec_gui.core.fit import fit
from solorec_gui.core.modelfile import LoadedModel, load_model, loads_model, save_model
from solorec_gui.core.models import TrainSpec, model_names

SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"
#: Version 1 files written by SoloRec 0.1.0 (git e77e278) on solo.csv, and their predictions then.
V1 = Path(__file__).resolve().parent / "v1_models"


@pytest.fixture(scope="module")
def solo() -> RatingMatrix:
    return read_ratings(SOLO)


@pytest.fixture(scope="module")
def mf_file(solo, tmp_path_factory):
    result = fit(solo, TrainSpec().with_params(epochs=60))
    path = tmp_path_factory.mktemp("models") / "mf.solorec.pt"
    save_model(path, result, solo)
    return result, path


@pytest.mark.parametrize(
    "spec",
    [
        TrainSpec().with_params(epochs=60),
        TrainSpec("nn").with_params(epochs=60, hidden=(8, 4), dim=3),
        TrainSpec("baseline").with_params(epochs=60),
    ],
    ids=["mf", "nn", "baseline"],
)
def test_round_trip_gives_identical_predictions(solo, tmp_path, spec):
    train, valid = holdout_split(solo, 0.1)
    result = fit(solo, spec, train_mask=train, valid_mask=valid)
    path = tmp_path / "model.solorec.pt"
    save_model(path, result, solo)
    loaded = load_model(path)
    assert isinstance(loaded, LoadedModel)
    np.testing.assert_array_equal(loaded.predict_for(solo), result.predict_matrix())
    assert loaded.spec.to_dict() == result.spec.to_dict()
    assert loaded.users == solo.users and loaded.items == solo.items and loaded.scale == solo.scale
    assert loaded.history == result.history and loaded.val_history == result.val_history
    assert loaded.best_epoch == result.best_epoch
    again = loaded.to_fit_result()
    np.testing.assert_array_equal(again.predict_matrix(), result.predict_matrix())


@pytest.mark.parametrize("name", model_names())
def test_every_model_round_trips(solo, tmp_path, name, quick_spec):
    """Any registered model saves and loads through the registry: same model, same settings, same
    predictions, same cold flags (users 2 and item 5 have no training rating here)."""
    keep = np.ones(solo.shape, dtype=bool)
    keep[2, :] = False
    keep[:, 5] = False
    result = fit(solo, quick_spec(name), train_mask=keep)
    path = tmp_path / f"{name}.solorec.pt"
    save_model(path, result, solo)
    loaded = load_model(path)
    assert loaded.spec == result.spec and type(loaded.model) is type(result.model)
    np.testing.assert_array_equal(loaded.predict_matrix(), result.predict_matrix())
    np.testing.assert_array_equal(loaded.predict_for(solo), result.predict_matrix())
    assert loaded.cold_users.tolist() == result.cold_users.tolist()
    assert loaded.cold_items.tolist() == result.cold_items.tolist()
    rows, cols = np.array([0, 2, 8]), np.array([5, 1, 7])
    np.testing.assert_array_equal(loaded.model.predict_cells(rows, cols), result.model.predict_cells(rows, cols))


@pytest.mark.parametrize("name", ["mf", "nn", "baseline"])
def test_version_1_files_of_the_lectures_models_load(solo, name):
    """Files written by SoloRec 0.x (format 1: one flat config) still load and predict exactly as then."""
    expected = json.loads((V1 / "expected.json").read_text(encoding="utf-8"))
    loaded = load_model(V1 / f"{name}.solorec.pt")
    assert loaded.spec.model == name
    np.testing.assert_array_equal(loaded.predict_matrix(), np.array(expected["predictions"][name]))
    np.testing.assert_array_equal(loaded.predict_for(solo), np.array(expected["predictions"][name]))
    if name == "mf":  # trained without item 3's ratings
        assert loaded.spec.params.epochs == 20 and len(loaded.history) == 20
        assert loaded.cold_items.tolist() == [i == 3 for i in range(solo.n_items)]
    if name == "nn":
        assert (loaded.spec.params.dim, loaded.spec.params.hidden, loaded.spec.params.epochs) == (3, (8, 4), 30)


def test_version_1_file_loads_in_a_fresh_process():
    """Loading a model file must not depend on something else having filled the model registry first."""
    code = (
        "import sys; from solorec_gui.core.modelfile import load_model; "
        f"m = load_model({str(V1 / 'mf.solorec.pt')!r}); print(m.spec.model, m.predict_matrix().shape)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["mf", "(9,", "8)"]


def test_cold_flags_survive(solo, tmp_path):
    keep = np.ones(solo.shape, dtype=bool)
    keep[:, 3] = False
    result = fit(solo, TrainSpec().with_params(epochs=20), train_mask=keep)
    save_model(tmp_path / "m.pt", result, solo)
    loaded = load_model(tmp_path / "m.pt")
    assert loaded.cold_items.tolist() == result.cold_items.tolist()
    assert loaded.cold_items[3] and not loaded.cold_users.any()


def test_predict_for_maps_labels_by_name(solo, mf_file):
    result, path = mf_file
    loaded = load_model(path)
    full = result.predict_matrix()
    # Reordered and partial files map onto the saved labels.
    users = [solo.users[k] for k in (4, 0, 2)]
    items = [solo.items[k] for k in (7, 1)]
    sub = RatingMatrix(users, items, np.full((3, 2), np.nan))
    np.testing.assert_array_equal(loaded.predict_for(sub), full[np.ix_([4, 0, 2], [7, 1])])


def test_predict_for_refuses_unknown_labels_and_scale(solo, mf_file):
    _, path = mf_file
    loaded = load_model(path)
    other = RatingMatrix(["옥순(IN)", "철수(EN)"], list(solo.items), np.full((2, solo.n_items), np.nan))
    with pytest.raises(InputError, match=r"1 user unknown to the model \('철수\(EN\)'"):
        loaded.predict_for(other)
    items = RatingMatrix(list(solo.users), ["x", "y"], np.full((solo.n_users, 2), np.nan))
    with pytest.raises(InputError, match="2 items unknown"):
        loaded.predict_for(items)
    rescaled = RatingMatrix(list(solo.users), list(solo.items), solo.values.clip(1, 5), scale=(1.0, 5.0))
    with pytest.raises(InputError, match="scale"):
        loaded.predict_for(rescaled)


def test_loading_uses_weights_only(mf_file, monkeypatch):
    _, path = mf_file
    calls = []
    real = torch.load

    def spy(*args, **kwargs):
        calls.append(kwargs.get("weights_only"))
        return real(*args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    load_model(path)
    assert calls == [True]


# -- refusals ----------------------------------------------------------------


def _refused(path: Path, match: str = "") -> None:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(InputError, match=match):
        load_model(path)
    if before is not None:
        assert path.read_bytes() == before  # nothing changed


def test_missing_empty_and_foreign_files(tmp_path):
    _refused(tmp_path / "nope.pt", "no such file")
    (tmp_path / "empty.pt").write_bytes(b"")
    _refused(tmp_path / "empty.pt", "empty")
    (tmp_path / "solo.csv").write_bytes(SOLO.read_bytes())
    _refused(tmp_path / "solo.csv", "not a model file written by SoloRec")
    _refused(tmp_path, "folder")
    # A torch file, but not ours: a bare state_dict, and a dict without the tag.
    torch.save({"w": torch.zeros(2)}, tmp_path / "foreign.pt")
    _refused(tmp_path / "foreign.pt", "format tag")
    torch.save(torch.nn.Linear(2, 1).state_dict(), tmp_path / "linear.pt")
    _refused(tmp_path / "linear.pt", "format tag")


def test_truncated_files_are_refused(mf_file, tmp_path):
    _, path = mf_file
    data = path.read_bytes()
    for cut in (1, 10, len(data) // 3, len(data) // 2, len(data) - 1):
        p = tmp_path / f"cut{cut}.pt"
        p.write_bytes(data[:cut])
        _refused(p, "not a usable SoloRec model file")


def test_every_tampered_byte_is_refused_or_harmless(mf_file, solo, tmp_path):
    """Flip bytes all over the file: loading gives an InputError, or (for bytes
    that carry no information, e.g. zip padding) exactly the saved model."""
    result, path = mf_file
    data = path.read_bytes()
    expected = result.predict_matrix()
    step = max(1, len(data) // 150)
    refused = 0
    for pos in range(0, len(data), step):
        tampered = bytearray(data)
        tampered[pos] ^= 0x5A
        try:
            loaded = loads_model(bytes(tampered), "x.pt")
        except InputError:
            refused += 1
            continue
        np.testing.assert_array_equal(loaded.predict_for(solo), expected)
    assert refused > 0


def _rewrite(payload: dict, path: Path) -> None:
    buf = io.BytesIO()
    torch.save(payload, buf)
    path.write_bytes(buf.getvalue())


def test_modified_weights_or_metadata_are_refused(mf_file, tmp_path):
    _, path = mf_file
    payload = torch.load(path, weights_only=True)
    bad = dict(payload, state={k: v.clone() for k, v in payload["state"].items()})
    bad["state"]["user_bias.weight"][0, 0] += 1.0
    _rewrite(bad, tmp_path / "w.pt")
    _refused(tmp_path / "w.pt", "checksum")
    bad = dict(payload, meta=payload["meta"].replace("옥순(IN)", "옥순(XX)"))
    _rewrite(bad, tmp_path / "m.pt")
    _refused(tmp_path / "m.pt", "checksum")
    _rewrite(dict(payload, version=99), tmp_path / "v.pt")
    _refused(tmp_path / "v.pt", "newer SoloRec")


def test_consistent_but_wrong_files_are_refused(mf_file, tmp_path):
    """Even with a valid checksum (a hand-made file), shapes and metadata are checked."""
    from solorec_gui.core import modelfile

    _, path = mf_file
    payload = torch.load(path, weights_only=True)

    def forged(meta_text=None, state=None):
        meta_text = payload["meta"] if meta_text is None else meta_text
        state = payload["state"] if state is None else state
        return dict(payload, meta=meta_text, state=state, digest=modelfile._digest(meta_text, state))

    state = dict(payload["state"])
    state["user_emb.weight"] = torch.zeros(3, 2)
    _rewrite(forged(state=state), tmp_path / "shape.pt")
    _refused(tmp_path / "shape.pt", "shape")
    state = dict(payload["state"])
    state["item_bias.weight"] = torch.full_like(state["item_bias.weight"], float("nan"))
    _rewrite(forged(state=state), tmp_path / "nan.pt")
    _refused(tmp_path / "nan.pt", "non-finite")
    _rewrite(forged(meta_text="{not json"), tmp_path / "json.pt")
    _refused(tmp_path / "json.pt", "JSON")
    _rewrite(forged(meta_text=payload["meta"].replace('"model": "mf"', '"model": "mystery"')), tmp_path / "kind.pt")
    _refused(tmp_path / "kind.pt", r"does not know \('mystery'\)")


class _Evil:
    """Unpickling this would create a marker file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_pickle_payload_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "pwned"
    # A torch-format file whose pickle calls open() when unpickled...
    torch.save({"format": "solorec-model", "version": 1, "evil": _Evil(str(marker))}, tmp_path / "evil.pt")
    # ...and a legacy bare-pickle file doing the same.
    (tmp_path / "evil.pkl").write_bytes(pickle.dumps(_Evil(str(marker))))
    assert not marker.exists()
    _refused(tmp_path / "evil.pt", "could run code")
    _refused(tmp_path / "evil.pkl", "not a usable SoloRec model file")
    assert not marker.exists()


def test_save_is_atomic(solo, mf_file, tmp_path):
    result, path = mf_file
    target = tmp_path / "keep.pt"
    target.write_bytes(b"old")
    with pytest.raises(SoloRecError):
        save_model(target, result, RatingMatrix(["a"], ["b"], np.array([[1.0]])))  # wrong matrix
    assert target.read_bytes() == b"old"
    save_model(target, result, solo)
    np.testing.assert_array_equal(load_model(target).predict_for(solo), result.predict_matrix())
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pt"]  # no temp file left behind
    with zipfile.ZipFile(target) as z:  # a regular torch zip file
        assert any(n.endswith("data.pkl") for n in z.namelist())
