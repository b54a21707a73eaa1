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
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import ConfigError, SoloRecError

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
    g.add_argument("--scale-min", type=float, default=0.0, help="lowest possible rating (default 0)")
    g.add_argument("--scale-max", type=float, default=5.0, help="highest possible rating (default 5)")


def _add_model_options(p: argparse.ArgumentParser) -> None:
    from .core.models import MODEL_NAMES

    g = p.add_argument_group(
        "model (default 'auto': the lecture's MF for small tables, the large-data recipe above "
        "5,000 ratings; an option left out takes the chosen model's default)"
    )
    g.add_argument("--model", choices=("auto", *MODEL_NAMES), default="auto", help="recommender (default auto)")
    g.add_argument("--dim", type=_positive_int, default=None, help="embedding size (lecture: 2)")
    g.add_argument("--epochs", type=_positive_int, default=None, help="training epochs (lecture: 100)")
    g.add_argument("--lr", type=float, default=None, help="Adam learning rate (lecture: 0.1)")
    g.add_argument("--weight-decay", type=float, default=None, help="Adam weight decay (lecture: 0)")
    g.add_argument("--seed", type=int, default=None, help="random seed (default 43052)")
    g.add_argument("--batch-size", type=_positive_int, default=None, help="mini-batch size; 0 = full batch (lecture)")
    g.add_argument("--hidden", type=_hidden, default=None, help="NN hidden layer sizes (default 15,15)")
    g.add_argument("--device", choices=("auto", "cpu", "cuda"), default=None, help="where to train (default cpu)")
    g.add_argument("--reg", type=float, default=None, help="large-data recipes: L2 on each batch's embeddings")
    g.add_argument("--bias-reg", type=float, default=None, help="large-data recipes: L2 on each batch's biases")
    g.add_argument("--lr-decay", type=float, default=None, help="large-data recipes: lr factor after each epoch")
    g.add_argument("--blend", type=float, default=None, help="mf+autorec: weight of the MF part (0..1)")


_CONFIG_ARGS = (
    "dim", "epochs", "lr", "weight_decay", "seed", "batch_size", "hidden", "device",
    "reg", "bias_reg", "lr_decay", "blend",
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="solorec-cli",
        description="Complete a rating matrix (users × items, some cells missing) with embedding recommenders.",
    )
    parser.add_argument("--version", action="version", version=f"solorec {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("complete", help="train and write the completed matrix")
    c.add_argument("input", help="rating file: wide (users × items) or long (user,item,rating) CSV")
    c.add_argument("-o", "--output", required=True, help="completed wide CSV to write")
    _add_data_options(c)
    _add_model_options(c)
    g = c.add_argument_group("output")
    g.add_argument("--decimals", type=_positive_int, default=2, help="decimals of predicted cells (default 2)")
    g.add_argument("--bom", action="store_true", help="write a UTF-8 BOM so Excel reads Korean labels")
    g.add_argument("--long-output", default=None, help="also write user,item,rating,is_predicted here")
    g.add_argument("--raw-labels", action="store_true", help="do not guard labels starting with = + - @")
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
    _add_data_options(e)
    _add_model_options(e)
    return parser


def _overrides(args: argparse.Namespace) -> dict:
    """The model options given on the command line (those left out take the model's defaults)."""
    out = {name: getattr(args, name) for name in _CONFIG_ARGS if getattr(args, name, None) is not None}
    if out.get("batch_size") == 0:
        out["batch_size"] = None
    return out


def _config_from_args(args: argparse.Namespace, matrix, model: str | None = None):
    from .core.training import default_config, recommended_config

    model = model or args.model
    if model == "auto":
        return recommended_config(matrix, **_overrides(args))
    return default_config(model, **_overrides(args))


def _read(args: argparse.Namespace, path: str):
    from .core.data import read_ratings

    return read_ratings(path, format=args.format, sep=args.sep, scale=(args.scale_min, args.scale_max))


def _check_writable(path: str, what: str) -> None:
    """Fail before training, not after, when the output cannot be written."""
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

    def __init__(self, total: int, enabled: bool, desc: str = "training") -> None:
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="epoch", leave=False, dynamic_ncols=True)

    def __call__(self, report) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(loss=f"{report.loss:.4f}", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_complete(args: argparse.Namespace) -> int:
    from .core.data import cold_start_report, export_completed

    for path, what in ((args.output, "output"), (args.long_output, "long output"), (args.save_model, "model file")):
        if path:
            _check_writable(path, what)
    if args.model_file and args.save_model:
        raise ConfigError("--model-file predicts with a saved model; there is nothing new to --save-model")
    matrix = _read(args, args.input)
    if args.model_file:
        from .core.modelfile import load_model

        loaded = load_model(args.model_file)
        predictions = loaded.predict_for(matrix)
        summary = f"{loaded.config.model} from {args.model_file} (trained {len(loaded.history)} epochs)"
    else:
        from .core.training import fit

        config = _config_from_args(args, matrix)
        progress = _Progress(config.epochs, not args.quiet)
        try:
            result = fit(matrix, config, on_epoch=progress)
        finally:
            progress.close()
        predictions = result.predict_matrix()
        summary = (
            f"{config.model}: final loss (MSE) {result.history[-1]:.6g} after {len(result.history)} epochs "
            f"in {result.seconds:.2f} s"
        )
        if args.save_model:
            from .core.modelfile import save_model

            save_model(args.save_model, result, matrix)
    escape = not args.raw_labels
    export_completed(matrix, predictions, args.output, decimals=args.decimals, bom=args.bom, escape_formulas=escape)
    if args.long_output:
        export_completed(
            matrix, predictions, args.long_output, decimals=args.decimals, bom=args.bom, layout="long",
            escape_formulas=escape,
        )
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
    from .core import evaluation

    matrix = _read(args, args.input)
    config = _config_from_args(args, matrix)
    test = _read(args, args.test) if args.test else None
    if args.compare:
        names = [n.strip() for n in args.compare.split(",") if n.strip()]
        configs = {name: _config_from_args(args, matrix, model=name) for name in names}
        folds = args.folds or (None if (test is not None or args.holdout) else 5)
        rows = evaluation.compare(matrix, configs, folds=folds, seed=config.seed, test=test, holdout=args.holdout)
        if args.json:
            print(json.dumps([row.to_json_dict() for row in rows], ensure_ascii=False))
        else:
            print(evaluation.format_compare_table(rows))
        return EXIT_OK
    result = evaluation.evaluate(matrix, config, test=test, holdout=args.holdout, folds=args.folds)
    out = result.to_json_dict()
    if args.json:
        keys = ("rmse", "mae", "n_train", "n_test", "fit_seconds")
        print(json.dumps({k: out[k] for k in keys} | {k: v for k, v in out.items() if k not in keys}, ensure_ascii=False))
    else:
        print(
            f"{config.model}: RMSE {out['rmse']:.4f}  MAE {out['mae']:.4f}  "
            f"(trained on {out['n_train']}, tested on {out['n_test']} ratings, fit {out['fit_seconds']:.2f} s)"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "complete":
            return cmd_complete(args)
        return cmd_evaluate(args)
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
