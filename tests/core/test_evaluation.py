"""Validation, cross-validation, comparison, ensembles: solorec_gui.core.evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from solorec_gui.core.data import RatingMatrix, parse_ratings, read_ratings
from solorec_gui.core.errors import ConfigError, InputError
from solorec_gui.core.evaluation import (
    Cancelled,
    align_test,
    compare,
    ensemble_fit,
    errors_on,
    evaluate,
    format_compare_table,
    holdout_split,
    kfold_splits,
    mae,
    prediction_diff,
    rmse,
    small_problem_threads,
)
from solorec_gui.core.training import TrainConfig, fit

SOLO = Path(__file__).resolve().parents[2] / "resources" / "solo.csv"


@pytest.fixture(scope="module")
def solo() -> RatingMatrix:
    return read_ratings(SOLO)


def _tiny(n_users=4, n_items=3, missing=()):
    values = np.arange(1, n_users * n_items + 1, dtype=float).reshape(n_users, n_items) % 5
    for u, i in missing:
        values[u, i] = np.nan
    return RatingMatrix([f"u{k}" for k in range(n_users)], [f"i{k}" for k in range(n_items)], values)


# -- metrics -----------------------------------------------------------------


def test_rmse_and_mae():
    assert rmse([1, 2, 3], [1, 2, 3]) == 0.0
    assert rmse([0, 0], [3, 4]) == pytest.approx(np.sqrt(12.5))
    assert mae([0, 0], [3, -4]) == pytest.approx(3.5)
    assert np.isnan(rmse([], []))
    with pytest.raises(ValueError):
        rmse([1, 2], [1])


# -- holdout -----------------------------------------------------------------


def test_holdout_is_seeded_disjoint_and_covers_known(solo):
    train, test = holdout_split(solo, 0.1, seed=43052)
    again_train, again_test = holdout_split(solo, 0.1, seed=43052)
    assert (train == again_train).all() and (test == again_test).all()
    assert not (train & test).any()
    assert ((train | test) == solo.known_mask).all()
    assert test.sum() == round(0.1 * solo.n_known) == 6
    other = holdout_split(solo, 0.1, seed=1)[1]
    assert (other != test).any()


def test_holdout_at_least_one_and_never_all():
    m = _tiny()
    assert holdout_split(m, 0.001)[1].sum() == 1
    assert holdout_split(m, 0.999)[0].sum() == 1
    two = _tiny(1, 2)
    train, test = holdout_split(two, 0.5)
    assert train.sum() == 1 and test.sum() == 1


@pytest.mark.parametrize("frac", [0, 1, -0.1, 1.5, float("nan"), "x"])
def test_holdout_rejects_bad_fraction(solo, frac):
    with pytest.raises(ConfigError):
        holdout_split(solo, frac)


def test_holdout_needs_two_ratings():
    one = _tiny(1, 2, missing=[(0, 1)])
    with pytest.raises(ConfigError, match="at least 2"):
        holdout_split(one, 0.5)


# -- k-fold ------------------------------------------------------------------


@pytest.mark.parametrize("k", [2, 5, 10, 63])
def test_kfold_folds_are_disjoint_and_cover_every_known_cell_once(solo, k):
    splits = kfold_splits(solo, k, seed=7)
    assert len(splits) == k
    count = np.zeros(solo.shape, dtype=int)
    for train, test in splits:
        assert not (train & test).any()
        assert ((train | test) == solo.known_mask).all()
        count += test
    assert (count[solo.known_mask] == 1).all() and (count[~solo.known_mask] == 0).all()
    sizes = [t.sum() for _, t in splits]
    assert max(sizes) - min(sizes) <= 1
    again = kfold_splits(solo, k, seed=7)
    assert all((a[1] == b[1]).all() for a, b in zip(splits, again))


@pytest.mark.parametrize("k", [1, 0, -3, 64, 2.5])
def test_kfold_rejects_bad_k(solo, k):
    with pytest.raises(ConfigError):
        kfold_splits(solo, k, seed=1)


def test_training_never_sees_test_ratings(solo):
    """No leakage: changing the held-out ratings changes nothing the model learns."""
    train, test = holdout_split(solo, 0.2, seed=3)
    tampered = solo.copy()
    tampered.values[test] = 5.0 - tampered.values[test]
    for kind in ("mf", "baseline"):
        a = fit(solo, TrainConfig(model=kind, epochs=20), train_mask=train).predict_matrix()
        b = fit(tampered, TrainConfig(model=kind, epochs=20), train_mask=train).predict_matrix()
        np.testing.assert_array_equal(a, b)


# -- evaluate ----------------------------------------------------------------


def test_evaluate_default_is_a_ten_percent_holdout(solo):
    result = evaluate(solo, TrainConfig(epochs=50))
    assert result.method == "holdout"
    assert result.n_test == 6 and result.n_train == solo.n_known - 6
    data = json.loads(json.dumps(result.to_json_dict()))
    assert {"rmse", "mae", "n_train", "n_test", "fit_seconds"} <= set(data)
    assert data["rmse"] == pytest.approx(result.rmse) and data["rmse"] > 0
    # The reported errors are those of the held-out predictions.
    held = ~np.isnan(result.test_ratings)
    assert held.sum() == 6
    assert rmse(result.test_predictions[held], result.test_ratings[held]) == pytest.approx(result.rmse)
    assert result.train_rmse < result.rmse


def test_evaluate_is_reproducible(solo):
    a = evaluate(solo, TrainConfig(epochs=30), holdout=0.2)
    b = evaluate(solo, TrainConfig(epochs=30), holdout=0.2)
    assert a.rmse == b.rmse and a.mae == b.mae


def test_evaluate_folds_reports_mean_and_sd(solo):
    result = evaluate(solo, TrainConfig(epochs=30), folds=4, seed=11)
    assert result.method == "folds" and len(result.folds) == 4
    assert result.n_test == solo.n_known
    assert result.rmse == pytest.approx(np.mean([f.rmse for f in result.folds]))
    assert result.rmse_sd == pytest.approx(np.std([f.rmse for f in result.folds], ddof=1))
    assert result.rmse_sd > 0
    # Out-of-fold predictions: every known rating predicted once, by a model that did not see it.
    assert (~np.isnan(result.test_predictions) == solo.known_mask).all()
    assert result.fit_seconds == pytest.approx(sum(f.fit_seconds for f in result.folds))
    json.dumps(result.to_json_dict(), allow_nan=False)


def test_evaluate_accepts_exactly_one_method(solo):
    with pytest.raises(ConfigError, match="choose one"):
        evaluate(solo, TrainConfig(epochs=2), holdout=0.1, folds=3)
    with pytest.raises(ConfigError):
        evaluate(solo, TrainConfig(epochs=2), folds=1)


def test_evaluate_with_early_stopping_never_uses_the_test_ratings(solo):
    result = evaluate(solo, TrainConfig(model="nn", epochs=300, patience=20), holdout=0.1)
    assert result.folds[0].epochs_run < 300
    assert result.folds[0].best_epoch <= result.folds[0].epochs_run
    # The inner validation set came out of the training part: 57 training ratings, 6 held out.
    assert result.n_train == 57 and result.n_test == 6


def test_evaluate_progress_and_cancel(solo):
    seen = []
    evaluate(solo, TrainConfig(epochs=10), folds=3, on_progress=lambda p: seen.append(p.fraction))
    assert len(seen) == 30
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    calls = {"n": 0}

    def stop():
        calls["n"] += 1
        return calls["n"] > 5

    with pytest.raises(Cancelled):
        evaluate(solo, TrainConfig(epochs=10), folds=3, should_stop=stop)


# -- a separate test file ----------------------------------------------------

TRAIN_LONG = "1\t1\t5\n1\t2\t3\n2\t1\t4\n2\t3\t1\n3\t2\t2\n3\t3\t5\n"
TEST_LONG = "1\t3\t4\n2\t2\t3\n4\t1\t2\n3\t10\t1\n"


def test_align_test_puts_both_files_on_one_grid():
    train, test = parse_ratings(TRAIN_LONG), parse_ratings(TEST_LONG)
    combined, test_mask = align_test(train, test)
    assert combined.users == ["1", "2", "3", "4"]
    assert combined.items == ["1", "2", "3", "10"]
    assert combined.n_known == train.n_known  # only the training ratings
    assert test_mask.sum() == 4
    assert not (test_mask & combined.known_mask).any()
    assert test_mask[combined.users.index("4"), combined.items.index("1")]


def test_evaluate_with_a_test_file_handles_cold_users_and_items():
    train, test = parse_ratings(TRAIN_LONG), parse_ratings(TEST_LONG)
    result = evaluate(train, TrainConfig(epochs=20), test=test)
    assert result.method == "test" and result.n_test == 4 and result.n_train == 6
    assert result.n_cold == 2  # user 4 and item 10 have no training rating
    assert np.isfinite(result.rmse) and np.isfinite(result.mae)
    fitted = result.last_fit
    assert fitted.cold_users.tolist() == [False, False, False, True]
    assert fitted.cold_items.tolist() == [False, False, False, True]


def test_align_test_refuses_overlap_and_scale_mismatch():
    train = parse_ratings(TRAIN_LONG)
    with pytest.raises(InputError, match="both the training and the test file"):
        align_test(train, parse_ratings("1\t1\t2\n"))
    with pytest.raises(InputError, match="scale"):
        align_test(train, parse_ratings("1\t3\t2\n", scale=(1.0, 5.0)))


# -- early stopping (fit) ----------------------------------------------------


def test_early_stopping_restores_the_best_weights(solo):
    train, valid = holdout_split(solo, 0.1, seed=43052)
    result = fit(solo, TrainConfig(model="nn", epochs=400, patience=25), train_mask=train, valid_mask=valid)
    assert len(result.history) < 400  # it stopped early
    best = int(np.argmin(result.val_history)) + 1
    assert result.best_epoch == best
    assert len(result.history) == best + 25
    _, _, vv = solo.known_cells(valid)
    vr, vc, _ = solo.known_cells(valid)
    with torch.no_grad():
        pred = result.model(torch.tensor(vr), torch.tensor(vc)).double().numpy()
    restored = float(np.mean((pred - vv) ** 2))
    assert restored == pytest.approx(min(result.val_history), rel=1e-5)
    assert restored < result.val_history[-1]


# -- the lecture's question: isn't the NN overfitting? -----------------------


def test_lecture_nn_overfits_solo(solo):
    """The lecture's NN (seed 43052, 1000 epochs, lr 0.1) fits the training ratings
    almost perfectly but is much worse on ratings it did not see: yes, it overfits.
    The validation loss bottoms out early and then climbs while the training loss keeps falling."""
    train, valid = holdout_split(solo, 0.1, seed=43052)
    result = fit(solo, TrainConfig(model="nn", epochs=1000), train_mask=train, valid_mask=valid)
    train_rmse, _, _ = errors_on(result, solo, train)
    val_rmse, _, _ = errors_on(result, solo, valid)
    train_mse, val_mse = result.history[-1], result.val_history[-1]
    assert train_mse < 0.05
    assert val_mse > 5 * train_mse
    assert val_rmse > 2 * train_rmse
    assert int(np.argmin(result.val_history)) + 1 < 500
    assert min(result.val_history) < 0.5 * result.val_history[-1]


# -- compare, ensembles, disagreement ----------------------------------------


def test_compare_uses_the_same_folds_for_every_model(solo):
    configs = {"mf": TrainConfig(epochs=60), "baseline": TrainConfig(model="baseline", epochs=60)}
    rows = compare(solo, configs, folds=3, seed=5)
    assert [r.model for r in rows] == ["mf", "baseline"]
    held = [~np.isnan(r.result.test_predictions) for r in rows]
    assert (held[0] == held[1]).all()
    for r in rows:
        assert [f.n_test for f in r.result.folds] == [21, 21, 21]
        json.dumps(r.to_json_dict(), allow_nan=False)
    # On solo.csv (two opposite taste groups) the embeddings earn their keep.
    assert rows[0].rmse < rows[1].rmse
    table = format_compare_table(rows)
    assert "mf" in table and "±" in table


def test_ensemble_spread(solo):
    mean, std, results = ensemble_fit(solo, TrainConfig(epochs=40), k=3)
    assert len(results) == 3 and [r.config.seed for r in results] == [43052, 43053, 43054]
    preds = np.stack([r.predict_matrix() for r in results])
    np.testing.assert_allclose(mean, preds.mean(axis=0))
    np.testing.assert_allclose(std, preds.std(axis=0), atol=1e-9)
    assert (std >= 0).all() and std.max() > 0.01
    # Missing cells are where the seeds disagree more than on the ratings they were trained on.
    assert std[~solo.known_mask].mean() > std[solo.known_mask].mean()

    mean1, std1, results1 = ensemble_fit(solo, TrainConfig(epochs=40), k=1)
    assert (std1 == 0).all()
    np.testing.assert_array_equal(mean1, results1[0].predict_matrix())
    with pytest.raises(ConfigError):
        ensemble_fit(solo, TrainConfig(epochs=5), k=0)


def test_prediction_diff_ranks_missing_cells():
    m = _tiny(2, 3, missing=[(0, 1), (1, 2)])
    a = np.full(m.shape, 2.0)
    b = a.copy()
    b[0, 1] = 3.0
    b[1, 2] = 4.5
    b[0, 0] = 0.0  # a known cell: ignored
    d = prediction_diff(a, b, m, n=5)
    assert [(u, i) for u, i, *_ in d.top] == [(1, 2), (0, 1)]
    assert d.top[0][4] == pytest.approx(2.5)
    assert np.isnan(d.abs_diff[0, 0]) and d.max_abs_diff == pytest.approx(2.5)


def test_small_problem_threads_restores_the_setting():
    import torch as _torch

    before = _torch.get_num_threads()
    _torch.set_num_threads(2)
    try:
        with small_problem_threads(63):
            assert _torch.get_num_threads() == 1
        assert _torch.get_num_threads() == 2
        with small_problem_threads(10**6):
            assert _torch.get_num_threads() == 2
    finally:
        _torch.set_num_threads(before)
