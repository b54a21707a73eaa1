"""What ``auto`` means: which model, with which settings, for a matrix of a given size. No torch.

The models themselves, their names, descriptions and default settings, live in
the registry (:mod:`solorec_gui.core.models`); this module holds only the
policy the CLI's ``--model auto`` and the window's default share, so the two
can never disagree.
"""

from __future__ import annotations

from typing import Any

from .models import LECTURE_SEED, MAX_LR, TrainSpec, model_class  # noqa: F401 (re-exported)

#: Above this many known ratings, ``auto`` picks the large-data recipe.
LARGE_DATA_THRESHOLD = 5_000
#: The large-data recipe ``auto`` picks (see bench/movielens.py): Bayesian MF, I-AutoRec and U-AutoRec
#: stacked with count-aware weights learned on a validation slice of ml-100k u1.base (core/models/blend.py).
#: It replaced ``blend`` (SVD++ in place of Bayesian MF, fixed weights): ml-100k folds mean 0.8815 against
#: 0.8846 and u1 0.8895 against 0.8922 in one run, the same fit time.
LARGE_DATA_MODEL = "blend-bpmf"
#: AutoRec reconstructs every item's full row of users, so its cost grows with
#: users × items: ml-100k (1.6 M cells) trains the blend in ~5 s. Up to this many cells ``auto`` takes
#: the blend with ml-100k's weights.
AUTOREC_MAX_CELLS = 2_000_000
#: Above :data:`AUTOREC_MAX_CELLS` and up to this many cells (ml-latest-small: 610 × 9,724 = 5.9 M) the
#: blend learns its own weights on 10 % of the file (ml-100k's do not carry over: on ml-latest-small's
#: validation slice they give 0.866, learned ones 0.831, mf-large 0.850); above it, ``mf-large`` alone.
#: With Bayesian MF as the first part (``blend-bpmf-learned``) that slice gives 0.817 (``blend-learned``: 0.832).
LEARNED_BLEND_MODEL = "blend-bpmf-learned"
LEARNED_BLEND_MAX_CELLS = 12_000_000
#: ... when the file has at least this many ratings (its 10 % slice: 5,000 ratings to learn 4 numbers on)
LEARNED_BLEND_MIN_RATINGS = 50_000
#: ... and at most this many cells per rating (AutoRec's cost grows with the cells, the others' with the
#: ratings; ml-latest-small has 58, ml-100k 16): a sparser file gets ``mf-large``, whose cost is its ratings'.
LEARNED_BLEND_MAX_CELLS_PER_RATING = 100
#: The lecture's model: what ``auto`` picks for small tables.
SMALL_DATA_MODEL = "mf"


def recommended_model(matrix: Any) -> str:
    """The model ``auto`` picks for ``matrix`` (a RatingMatrix, or a number of known ratings).

    The lecture's MF up to :data:`LARGE_DATA_THRESHOLD` known ratings; above it the large-data blend
    (ml-100k's weights) up to :data:`AUTOREC_MAX_CELLS` users × items, the blend learning its weights on
    the file up to :data:`LEARNED_BLEND_MAX_CELLS` (with at least :data:`LEARNED_BLEND_MIN_RATINGS`
    ratings and at most :data:`LEARNED_BLEND_MAX_CELLS_PER_RATING` cells per rating), ``mf-large``
    otherwise (a bare number has no shape: the blend).
    """
    n_known = matrix if isinstance(matrix, int) else matrix.n_known
    if n_known <= LARGE_DATA_THRESHOLD:
        return SMALL_DATA_MODEL
    if not isinstance(matrix, int):
        cells = matrix.n_users * matrix.n_items
        if cells > AUTOREC_MAX_CELLS:
            if (cells <= LEARNED_BLEND_MAX_CELLS and n_known >= LEARNED_BLEND_MIN_RATINGS
                    and cells <= LEARNED_BLEND_MAX_CELLS_PER_RATING * n_known):
                return LEARNED_BLEND_MODEL
            return "mf-large"
    return LARGE_DATA_MODEL


def default_params(name: str, matrix: Any):
    """Model ``name``'s default settings for ``matrix``'s size (:meth:`Recommender.defaults_for`)."""
    cls = model_class(name)
    if matrix is None or isinstance(matrix, int):
        return cls.Params()
    return cls.defaults_for(matrix.n_known, matrix.n_users, matrix.n_items)


def recommended_spec(matrix: Any, **run_options: Any) -> TrainSpec:
    """The model ``auto`` picks for ``matrix``, with its defaults for that size; ``run_options``: patience, device."""
    name = recommended_model(matrix)
    return TrainSpec(name, default_params(name, matrix), **run_options).validate()


def is_large(matrix: Any) -> bool:
    """Whether ``matrix`` is large enough that ``auto`` leaves the lecture's recipe."""
    return recommended_model(matrix) != SMALL_DATA_MODEL


#: The ranker ``recommend`` uses by default (and ``evaluate --top-k`` scores without --model).
DEFAULT_RANKER = "ease"
#: EASE inverts an items × items matrix; above this many items ``recommend`` ranks with the rating model.
RANKER_MAX_ITEMS = 20_000


def recommended_ranker(matrix: Any) -> str:
    """The model ``recommend`` uses by default: on large data (above :data:`LARGE_DATA_THRESHOLD` ratings)
    EASE, the best top-N ranker measured on ml-100k, when the item count allows its items × items solve;
    on small tables (the lecture's) and above that item count, the rating model ``auto`` picks, ranking by
    predicted rating (EASE's λ was tuned on MovieLens and over-regularises a table of a few dozen ratings)."""
    if is_large(matrix) and matrix.n_items <= RANKER_MAX_ITEMS and getattr(matrix, "is_dense", True):
        return DEFAULT_RANKER
    return recommended_model(matrix)
