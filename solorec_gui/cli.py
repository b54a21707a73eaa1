"""``solorec-cli``: complete or evaluate a rating matrix from the command line.

    solorec-cli complete INPUT -o OUTPUT [model options]
    solorec-cli evaluate INPUT [--test FILE | --holdout FRAC | --folds K] [--compare mf,nn] [--json]

Defaults are the lecture's (MF, dim 2, 100 epochs, Adam lr 0.1, seed 43052,
full batch). Any problem a user can cause prints one ``error: ...`` line on
stderr and exits with status 2; OUTPUT is written atomically at the very end,
so it is never created or truncated when something fails.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import ConfigError, SoloRecError
from .core.models.base import LECTURE_SEED

EXIT_OK, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 2, 1, 130


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors follow the one-line ``error:`` convention (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"error: {message} (see {self.prog} --help)\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _hidden(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of sizes, e.g. 15,15") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: layer sizes must be positive, e.g. 15,15")
    return sizes


def _add_data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("input")
    g.add_argument("--format", choices=("auto", "wide", "long"), default="auto", help="file layout (default: detect)")
    g.add_argument("--sep", default=None, help="field separator (default: detect; 'tab' for tabs)")
    g.add_argument("--sheet", default=None, metavar="NAME",
                   help="sheet of a workbook (.xlsx, .xlsm, .ods) to read (default: the first)")
    g.add_argument("--scale-min", type=float, default=0.0, help="lowest possible rating (default 0)")
    g.add_argument("--scale-max", type=float, default=5.0, help="highest possible rating (default 5)")


def _setting_options() -> dict[str, dict]:
    """Every setting of every registered model as a CLI option: ``{dest: {flag, kind, label, help, defaults}}``.

    A setting several models share (``--epochs``) is one option whose help lists each model's
    default; a setting of a nested part (the blend's ``autorec`` part) is ``--<part>-<name>``.
    """
    from .core.models import model_classes

    options: dict[str, dict] = {}

    def add(prefix: str, params, model: str) -> None:
        for f in dataclasses.fields(params):
            value = getattr(params, f.name)
            if dataclasses.is_dataclass(value):
                add(f"{prefix}{f.name}_", value, model)
                continue
            dest = f"{prefix}{f.name}"
            opt = options.setdefault(dest, dict(
                flag="--" + dest.replace("_", "-"), kind=type(value), label=f.metadata.get("label", f.name),
                help=f.metadata.get("help", ""), defaults={},
            ))
            if isinstance(value, tuple):
                shown = ",".join(str(v) for v in value)
            else:
                shown = f"{value:g}" if isinstance(value, float) else str(value)
            opt["defaults"][model] = shown

    for cls in model_classes():
        add("", cls.Params(), cls.name)
    return options


def _add_model_options(p: argparse.ArgumentParser) -> None:
    from .core.models import model_classes

    g = p.add_argument_group(
        "model",
        "--model auto (the default) takes the lecture's MF for small tables and the large-data recipe above "
        "5,000 ratings. Each model has its own settings and defaults; an option left out takes the chosen "
        "model's default. Models: " + "; ".join(f"{cls.name} = {cls.description}" for cls in model_classes()),
    )
    names = tuple(cls.name for cls in model_classes())
    g.add_argument("--model", choices=("auto", *names), default="auto", help="recommender (default auto)")
    for dest, opt in _setting_options().items():
        defaults = ", ".join(f"{m} {v}" for m, v in opt["defaults"].items())
        text = opt["label"] + (f": {opt['help']}" if opt["help"] else "") + f" (default: {defaults})"
        text = text.replace("%", "%%")
        if opt["kind"] is bool:  # --user-noise / --no-user-noise: a setting that is on by default can be turned off
            g.add_argument(opt["flag"], dest=dest, action=argparse.BooleanOptionalAction, default=None, help=text)
        elif opt["kind"] is tuple:
            g.add_argument(opt["flag"], dest=dest, type=_hidden, default=None, metavar="SIZES", help=text)
        else:
            g.add_argument(opt["flag"], dest=dest, type=_number(opt["kind"], opt["flag"]), default=None,
                           metavar=opt["kind"].__name__.upper(), help=text)
    g.add_argument("--device", choices=("auto", "cpu", "cuda"), default=None, help="where to train (default cpu)")
    g.add_argument("--patience", type=_positive_int, default=None,
                   help="early stopping: stop after this many epochs without a better validation loss "
                        "(needs held-out ratings: evaluate only)")


def _number(kind: type, flag: str):
    def parse(text: str):
        try:
            return kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a {'whole number' if kind is int else 'number'}"
            ) from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="solorec-cli",
        description="Complete a rating matrix (users × items, some cells missing) with embedding recommenders.",
    )
    parser.add_argument("--version", action="version", version=f"solorec {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("complete", help="train and write the completed matrix")
    c.add_argument("input", help="rating file: wide (users × items) or long (user,item,rating) CSV, or a workbook "
                                 "(.xlsx, .xlsm, .ods)")
    c.add_argument("-o", "--output", required=True,
                   help="completed matrix to write: a wide CSV, or an .xlsx workbook with the predicted cells styled")
    _add_data_options(c)
    _add_model_options(c)
    g = c.add_argument_group("output")
    g.add_argument("--decimals", type=_positive_int, default=2, help="decimals of predicted cells (default 2)")
    g.add_argument("--bom", action="store_true", help="write a UTF-8 BOM so Excel reads Korean labels")
    g.add_argument("--long-output", default=None, help="also write user,item,rating,is_predicted here")
    g.add_argument("--users", default=None, metavar="A,B",
                   help="for a table too large to complete whole (above 50 million cells): write only these "
                        "users' rows, every item, as user,item,rating,is_predicted to --output")
    g.add_argument("--raw-labels", action="store_true", help="do not guard labels starting with = + - @")
    g.add_argument("--script", default=None, metavar="OUT.py",
                   help="also write a short PyTorch script in the lecture's style that reproduces this training "
                        "(mf and nn only)")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    g = c.add_argument_group("model files")
    g.add_argument("--save-model", default=None, metavar="FILE", help="save the trained model (weights, settings, labels)")
    g.add_argument(
        "--model-file", default=None, metavar="FILE", help="predict with a saved model instead of training"
    )

    e = sub.add_parser("evaluate", help="train on part of the ratings, report RMSE/MAE on the rest")
    e.add_argument("input", help="rating file (the training ratings when --test is given)")
    how = e.add_mutually_exclusive_group()
    how.add_argument("--test", default=None, help="held-out ratings in their own file (e.g. ml-100k u1.test)")
    how.add_argument("--holdout", type=float, default=None, help="hold out this fraction of known ratings (default 0.1)")
    how.add_argument("--folds", type=_positive_int, default=None, help="k-fold cross-validation")
    e.add_argument("--compare", default=None, help="comma-separated models to compare on the same split, e.g. mf,nn,baseline")
    e.add_argument("--json", action="store_true", help="print one JSON object")
    g = e.add_argument_group("ranking (top-N lists)")
    g.add_argument("--top-k", type=_positive_int, default=None, metavar="K",
                   help="also score each user's top-K list of unrated items (precision, recall, NDCG, MAP, hit "
                        "rate, coverage); without --model the list of the ranker `recommend` uses")
    g.add_argument("--relevant", type=float, default=None, metavar="R",
                   help="a held-out rating ≥ R counts as relevant (default: the scale's top quarter, 4 on 1–5)")
    _add_data_options(e)
    _add_model_options(e)

    r = sub.add_parser("recommend", help="train and write each user's top-N list of items she has not rated")
    r.add_argument("input", help="rating file (as for complete)")
    r.add_argument("-o", "--output", required=True, help="CSV to write: user,rank,item,score[,title]")
    r.add_argument("--top", type=_positive_int, default=10, metavar="N", help="list length per user (default 10)")
    r.add_argument("--users", default=None, help="comma-separated users to list (default: everyone)")
    r.add_argument("--item-names", default=None, metavar="FILE",
                   help="item titles (MovieLens u.item or movies.csv) for a title column")
    r.add_argument("--bom", action="store_true", help="write a UTF-8 BOM so Excel reads Korean labels")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    r.add_argument("--model-file", default=None, metavar="FILE", help="rank with a saved model instead of training")
    _add_data_options(r)
    _add_model_options(r)

    lec = sub.add_parser("lecture", help="run the lecture's steps and compare them with its printed numbers")
    lec.add_argument("--step", type=_positive_int, default=None, help="run one step (1–7) instead of all")
    lec.add_argument("--check", action="store_true",
                     help="exit 1 when a step that should reproduce the lecture's numbers no longer does")
    return parser


def _spec_from_args(args: argparse.Namespace, matrix, model: str | None = None, strict: bool = True):
    """The model to train: ``auto`` or the named one, with its own defaults and the options given.

    An option the model does not have is refused (``strict``), or ignored when comparing several
    models (``--hidden`` applies to nn only).
    """
    from .core.catalog import default_params, recommended_model
    from .core.models import TrainSpec, model_class

    name = model or args.model
    if name == "auto":
        name = recommended_model(matrix)
    cls = model_class(name)
    given = {d: getattr(args, d) for d in _setting_options() if getattr(args, d, None) is not None}

    def apply(params, prefix: str):
        changes = {}
        for f in dataclasses.fields(params):
            value = getattr(params, f.name)
            if dataclasses.is_dataclass(value):
                changes[f.name] = apply(value, f"{prefix}{f.name}_")
            elif f"{prefix}{f.name}" in given:
                changes[f.name] = given.pop(f"{prefix}{f.name}")
        return params.replace(**changes) if changes else params

    params = apply(default_params(name, matrix), "")
    if given and strict:
        flags = ", ".join("--" + d.replace("_", "-") for d in given)
        own = ", ".join("--" + d.replace("_", "-") for d in _flat_names(cls.Params()))
        raise ConfigError(f"{flags}: not a setting of the model {name} (its settings: {own})")
    if args.patience and args.command == "complete":
        raise ConfigError("--patience needs held-out ratings: use it with evaluate")
    return TrainSpec(name, params, patience=args.patience, device=args.device or "cpu").validate()


def _flat_names(params, prefix: str = "") -> list[str]:
    out = []
    for f in dataclasses.fields(params):
        value = getattr(params, f.name)
        out += _flat_names(value, f"{prefix}{f.name}_") if dataclasses.is_dataclass(value) else [prefix + f.name]
    return out


def _read(args: argparse.Namespace, path: str):
    """Read ``path`` with the input options; ``--sheet`` names a sheet of the input, not of a --test file."""
    from .core.data import read_ratings

    return read_ratings(path, format=args.format, sep=args.sep, scale=(args.scale_min, args.scale_max),
                        sheet=args.sheet if path == args.input else None)


def _check_writable(path: str, what: str) -> None:
    """Fail before training, not after, when the output cannot be written."""
    from .core.data.workbook import writes_workbook

    writes_workbook(path)  # a workbook SoloRec cannot write (.ods, .xlsm) is refused now, not after training
    target = Path(path)
    if target.is_dir():
        raise ConfigError(f"{what} {path} is a folder, not a file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ConfigError(f"{what} {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ConfigError(f"{what} {path}: the folder {folder} is not writable")


class _Progress:
    """tqdm on a terminal, silence elsewhere (logs, pipes, CI)."""

    def __init__(self, enabled: bool, desc: str = "training") -> None:
        self.bar = None
        self.enabled = enabled and sys.stderr.isatty()
        self.desc = desc
        self.phase = None

    def __call__(self, report) -> None:
        if not self.enabled:
            return
        if self.bar is None:  # the total (every phase's epochs) comes with the first report
            from tqdm import tqdm

            self.bar = tqdm(total=report.epochs, desc=self.desc, unit="epoch", leave=False, dynamic_ncols=True)
        if report.phases > 1 and report.phase != self.phase:
            self.phase = report.phase
            self.bar.set_description(f"{self.desc} ({report.phase})", refresh=False)
        self.bar.update(1)
        self.bar.set_postfix(loss=f"{report.loss:.4f}", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _complete_users(args: argparse.Namespace, matrix, result, spec) -> int:
    """``complete --users`` on a sparse matrix: every item of the chosen users, known or predicted, long format."""
    import numpy as np

    from .core.data import write_rows
    from .core.data.labels import _guard_formula

    index = {u: k for k, u in enumerate(matrix.users)}
    wanted = [u.strip() for u in args.users.split(",") if u.strip()]
    missing = [u for u in wanted if u not in index]
    if missing:
        raise ConfigError(f"--users: {', '.join(repr(u) for u in missing[:5])} not in {args.input}")
    guard = (lambda x: x) if args.raw_labels else _guard_formula
    out = [["user", "item", "rating", "is_predicted"]]
    for u in (index[w] for w in wanted):
        pred = result.model.predict_rows([u])[0]
        cols, vals = matrix.row(u)
        known = np.zeros(matrix.n_items, dtype=bool)
        known[cols] = True
        pred[cols] = vals
        for i in range(matrix.n_items):
            value = f"{pred[i]:g}" if known[i] else f"{pred[i]:.{args.decimals}f}"
            out.append([guard(matrix.users[u]), guard(matrix.items[i]), value, "0" if known[i] else "1"])
    write_rows(args.output, out, bom=args.bom)
    if result.warning:
        print(f"warning: {result.warning}", file=sys.stderr)
    if not args.quiet:
        print(f"{spec.model} ({spec.summary()}): {len(wanted)} users × {matrix.n_items:,} items "
              f"({len(out) - 1:,} rows) in {result.seconds:.1f} s; wrote {args.output}")
    return EXIT_OK


def cmd_complete(args: argparse.Namespace) -> int:
    from .core.data import cells_text, cold_start_report, export_completed

    for path, what in ((args.output, "output"), (args.long_output, "long output"), (args.save_model, "model file"),
                       (args.script, "script")):
        if path:
            _check_writable(path, what)
    if args.model_file and args.save_model:
        raise ConfigError("--model-file predicts with a saved model; there is nothing new to --save-model")
    if args.model_file and args.script:
        raise ConfigError("--script exports a training; --model-file predicts with a saved model instead")
    matrix = _read(args, args.input)
    if not matrix.is_dense:
        if not args.users:
            raise ConfigError(
                f"{args.input} has {matrix.n_users:,} users × {matrix.n_items:,} items = "
                f"{cells_text(matrix.n_users * matrix.n_items)}: too many to write as a completed table. "
                "Use `solorec-cli recommend` for each user's top-N list, or `complete --users A,B` "
                "for the predictions of chosen users (written as user,item,rating,is_predicted)"
            )
        if args.model_file or args.script:
            raise ConfigError("--users on a table this large trains a model here: leave out --model-file and --script")
    elif args.users:
        raise ConfigError("--users is for tables too large to complete whole; this one is written in full")
    script = None
    if args.model_file:
        from .core.modelfile import load_model

        loaded = load_model(args.model_file)
        if not loaded.model.rates:
            raise ConfigError(f"{args.model_file} holds a ranker ({loaded.spec.model}): it orders items but does "
                              "not predict ratings; use `solorec-cli recommend`")
        matrix, predictions, notes = loaded.fold_in_matrix(matrix)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        summary = f"{loaded.spec.model} from {args.model_file} (trained {len(loaded.history)} epochs)"
    else:
        from .core.fit import fit

        spec = _spec_from_args(args, matrix)
        if not spec.model_class.rates:
            raise ConfigError(f"{spec.model} ranks items for a user; it does not predict ratings, so it cannot "
                              "complete the table: use `solorec-cli recommend`, or a rating model here")
        if args.script:  # before training: a model without a script, or a file pandas reads otherwise, fails now
            from .core.script import training_script

            script = training_script(spec, Path(args.input).resolve(), matrix=matrix, sheet=args.sheet)
        progress = _Progress(not args.quiet)
        try:
            result = fit(matrix, spec, on_epoch=progress)
        finally:
            progress.close()
        if not matrix.is_dense:
            return _complete_users(args, matrix, result, spec)
        predictions = result.predict_matrix()
        summary = (
            f"{spec.model} ({spec.summary()}): final loss (MSE) {result.history[-1]:.6g} after "
            f"{len(result.history)} epochs in {result.seconds:.2f} s"
        )
        if result.warning:
            print(f"warning: {result.warning}", file=sys.stderr)
            summary += " — NOT TRUSTWORTHY, see the warning"
        if args.save_model:
            from .core.modelfile import save_model

            save_model(args.save_model, result, matrix)
    escape = not args.raw_labels
    about = f"solorec {__version__}, {Path(args.input).name}: {summary}"
    export_completed(matrix, predictions, args.output, decimals=args.decimals, bom=args.bom, escape_formulas=escape,
                     about=about)
    if args.long_output:
        export_completed(
            matrix, predictions, args.long_output, decimals=args.decimals, bom=args.bom, layout="long",
            escape_formulas=escape, about=about,
        )
    if script is not None:
        from .core.data import atomic_write_bytes

        atomic_write_bytes(args.script, script.encode("utf-8"))
    cold = cold_start_report(matrix)
    if cold:
        print(f"note: {cold.message()}", file=sys.stderr)
    if not args.quiet:
        n_missing = matrix.values.size - matrix.n_known
        print(
            f"{summary}; filled {n_missing} missing cells of {matrix.n_users} × {matrix.n_items}; wrote {args.output}"
        )
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .core import eval as evaluation

    matrix = _read(args, args.input)
    test = _read(args, args.test) if args.test else None
    if args.compare:
        names = [n.strip() for n in args.compare.split(",") if n.strip()]
        if args.model != "auto":
            raise ConfigError("--compare names the models to compare; leave out --model")
        specs = {name: _spec_from_args(args, matrix, model=name, strict=False) for name in names}
        folds = args.folds or (None if (test is not None or args.holdout) else 5)
        seed = int(args.seed) if getattr(args, "seed", None) is not None else LECTURE_SEED
        rows = evaluation.compare(matrix, specs, folds=folds, seed=seed, test=test, holdout=args.holdout)
        if args.json:
            print(json.dumps([row.to_json_dict() for row in rows], ensure_ascii=False))
        else:
            print(evaluation.format_compare_table(rows))
        return EXIT_OK
    if args.relevant is not None and args.top_k is None:
        raise ConfigError("--relevant sets what counts in a top-K list: give --top-k too")
    spec = _spec_from_args(args, matrix)
    ranking = None
    if args.top_k is not None:
        from .core.catalog import recommended_ranker
        from .core.eval.ranking import evaluate_ranking

        ranker = spec if args.model != "auto" else _spec_from_args(args, matrix, model=recommended_ranker(matrix))
        ranking = evaluate_ranking(matrix, ranker, test=test, holdout=args.holdout, folds=args.folds,
                                   k=args.top_k, relevant=args.relevant).to_json_dict() | {"model": ranker.model}
    if not spec.model_class.rates:  # a ranker: ranking metrics only
        if ranking is None:
            raise ConfigError(f"{spec.model} ranks items; it has no RMSE: add --top-k K to measure its lists")
        print(json.dumps({"model": spec.model, "ranking": ranking}, ensure_ascii=False) if args.json else
              _ranking_text(ranking))
        return EXIT_OK
    result = evaluation.evaluate(matrix, spec, test=test, holdout=args.holdout, folds=args.folds)
    out = result.to_json_dict()
    if ranking is not None:
        out["ranking"] = ranking
    if args.json:
        keys = ("rmse", "mae", "n_train", "n_test", "fit_seconds")
        print(json.dumps({k: out[k] for k in keys} | {k: v for k, v in out.items() if k not in keys}, ensure_ascii=False))
    else:
        print(
            f"{spec.model}: RMSE {out['rmse']:.4f}  MAE {out['mae']:.4f}  "
            f"(trained on {out['n_train']}, tested on {out['n_test']} ratings, fit {out['fit_seconds']:.2f} s)"
        )
        if ranking is not None:
            print(_ranking_text(ranking))
    return EXIT_OK


def _ranking_text(r: dict) -> str:
    return (
        f"{r['model']} top-{r['k']} (relevant ≥ {r['relevant']:g}, {r['n_users']} users): precision {r['precision']:.4f}"
        f"  recall {r['recall']:.4f}  NDCG {r['ndcg']:.4f}  MAP {r['map']:.4f}  hit rate {r['hit_rate']:.3f}"
        f"  coverage {r['coverage']:.3f}"
    )


def cmd_recommend(args: argparse.Namespace) -> int:
    """Each user's top-N unrated items: ``user,rank,item,score[,title]``, the list evaluate --top-k scores."""
    import numpy as np

    from .core.data import write_rows
    from .core.data.labels import _guard_formula
    from .core.eval.ranking import top_n

    _check_writable(args.output, "output")
    names = None
    if args.item_names:
        from .core.data import read_item_names

        names = read_item_names(args.item_names)
    matrix = _read(args, args.input)
    if args.model_file:
        from .core.modelfile import load_model

        loaded = load_model(args.model_file)
        matrix, scores, notes = loaded.fold_in_matrix(matrix)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        label = f"{loaded.spec.model} from {args.model_file}"
    else:
        from .core.catalog import recommended_ranker
        from .core.fit import fit

        name = recommended_ranker(matrix) if args.model == "auto" else args.model
        spec = _spec_from_args(args, matrix, model=name)
        if args.model == "auto" and not args.quiet:
            why = ("the best top-N ranker measured on MovieLens" if not spec.model_class.rates
                   else "a small table: ranked by predicted rating")
            print(f"note: ranking with {name} ({spec.model_class.display_name}; {why}); --model picks another",
                  file=sys.stderr)
        progress = _Progress(not args.quiet)
        try:
            result = fit(matrix, spec, on_epoch=progress)
        finally:
            progress.close()
        if result.warning:
            print(f"warning: {result.warning}", file=sys.stderr)
        scores = result.predict_matrix() if matrix.is_dense else result.model
        label = spec.model
    rows = np.arange(matrix.n_users)
    if args.users:
        wanted = [u.strip() for u in args.users.split(",") if u.strip()]
        index = {u: k for k, u in enumerate(matrix.users)}
        missing = [u for u in wanted if u not in index]
        if missing:
            raise ConfigError(f"--users: {', '.join(repr(u) for u in missing[:5])} not in {args.input}")
        rows = np.array([index[u] for u in wanted], dtype=np.int64)
    if isinstance(scores, np.ndarray):
        lists = top_n(scores, matrix.known_mask, args.top, rows)
        list_scores = [scores[u, items] for u, items in zip(rows, lists)]
    else:  # a sparse matrix: ranked a few hundred users at a time, never the whole grid
        from .core.eval.ranking import top_n_chunked

        lists, list_scores = top_n_chunked(scores, matrix, args.top, rows)
    header = ["user", "rank", "item", "score"] + (["title"] if names is not None else [])
    out = [header]
    for u, items, item_scores in zip(rows, lists, list_scores):
        for rank, (i, score) in enumerate(zip(items, item_scores), start=1):
            line = [_guard_formula(matrix.users[u]), str(rank), _guard_formula(matrix.items[i]),
                    f"{score:.4f}"]
            if names is not None:
                line.append(_guard_formula(names.get(matrix.items[i], "")))
            out.append(line)
    write_rows(args.output, out, bom=args.bom)
    if not args.quiet:
        print(f"{label}: top {args.top} for {len(rows)} users ({len(out) - 1} rows); wrote {args.output}")
    return EXIT_OK


def cmd_lecture(args: argparse.Namespace) -> int:
    """Each step's table beside the lecture's printed numbers; --check fails on a step that no longer matches."""
    from .core import lecture

    steps = [args.step] if args.step else range(1, len(lecture.STEPS) + 1)
    failed = []
    for k in steps:
        r = lecture.run_step(k)
        mark = {True: "✓", False: "✗", None: "·"}[r.matches]
        how = {"exact": "matches the lecture to 4 decimals", "tolerance": f"within ±{r.tolerance:g} of the lecture "
               "(torch versions differ)", "behaviour": "behaves as the lecture says", "none": ""}[r.check]
        print(f"{mark} step {k} ({r.key}): {how if r.matches else 'DOES NOT ' + how}")
        for row in r.rows[:16]:
            ours = " ".join(f"{v:8.4f}" for v in row.ours)
            ref = " ".join(f"{v:8.4f}" for v in row.lecture) if row.lecture else ""
            ok = "" if row.ok is None else (" ✓" if row.ok else " ✗")
            print(f"    {row.label:<24} {ours}   {('lecture ' + ref) if ref else ''}{ok}")
        if r.numbers:
            print("    " + ", ".join(f"{name} {value:.6g}" for name, value in r.numbers.items()))
        if r.check in ("exact", "tolerance") and not r.matches:
            failed.append(k)
    if args.check and failed:
        print(f"error: step(s) {', '.join(map(str, failed))} no longer reproduce the lecture's numbers", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        commands = {"complete": cmd_complete, "evaluate": cmd_evaluate, "recommend": cmd_recommend,
                    "lecture": cmd_lecture}
        return commands[args.command](args)
    except SoloRecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print("error: out of memory; try a smaller file or a smaller --dim", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if os.environ.get("SOLOREC_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); nothing was written. "
            "Set SOLOREC_DEBUG=1 for details and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
