"""bench/synth.py: the ML-25M-shaped generator's exact Bayes floor, checked by simulation on a small size."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np

spec = importlib.util.spec_from_file_location("synth", Path(__file__).resolve().parents[2] / "bench" / "synth.py")
synth = importlib.util.module_from_spec(spec)
spec.loader.exec_module(synth)


def test_erf_matches_math_erf():
    x = np.linspace(-4, 4, 801)
    assert np.abs(synth._erf(x) - np.array([math.erf(v) for v in x])).max() < 2e-7


def test_level_probabilities_sum_to_one_and_match_simulation():
    rng = np.random.default_rng(0)
    s = np.array([0.1, 2.3, 3.74, 5.6])
    p = synth.level_probabilities(s, 0.8)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-12)
    draws = np.clip(np.round((s[:, None] + rng.normal(0, 0.8, (4, 200_000))) * 2) / 2, 0.5, 5.0)
    empirical = np.stack([(draws == level).mean(axis=1) for level in synth.LEVELS], axis=1)
    np.testing.assert_allclose(p, empirical, atol=0.005)


def test_the_oracle_reaches_the_floor_and_nothing_beats_it_by_more_than_noise():
    users, items, ratings, scores = synth.draw(300, 120, 20_000, rank=4, sigma=0.8, seed=3)
    assert users.dtype == np.int32 and ratings.dtype == np.float32
    assert len(set(zip(users.tolist(), items.tolist()))) == len(users)  # no repeated (user, item)
    assert set(np.unique(ratings)) <= set(synth.LEVELS.tolist())
    floor = synth.floor_rmse(scores, 0.8)
    oracle = synth.bayes(scores, 0.8)[0]
    rmse = lambda p: float(np.sqrt(np.mean((p - ratings) ** 2)))  # noqa: E731
    assert abs(rmse(oracle) - floor) < 0.02  # the sample's RMSE of the oracle is the floor, up to sampling noise
    assert rmse(np.clip(scores, 0.5, 5)) > rmse(oracle)  # the clipped true score is not the best prediction


def test_activity_and_popularity_are_heavy_tailed_and_the_split_holds_out_per_user():
    users, items, ratings, _ = synth.draw(2000, 500, 60_000, seed=1)
    per_user = np.bincount(users)
    per_item = np.bincount(items, minlength=500)
    assert per_user.max() > 8 * np.median(per_user)
    assert per_item.max() > 8 * np.median(per_item)
    test = synth.split(users)
    assert 0.08 < test.mean() < 0.13
    assert not any(test[users == u].all() for u in np.unique(users[test])[:200])  # nobody entirely in the test
