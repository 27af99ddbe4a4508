"""Write a standalone Keras script that repeats a run of the app step by step.

The script uses only Keras, NumPy, scikit-learn and Matplotlib. Run with the
same settings and seed, it gives the same per-epoch history as the app, because
it does the same steps in the same order: load, split with ``random_state=seed``,
scale, seed Keras, build, compile and fit.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from textwrap import dedent, indent

from engine import __version__
from engine.config import OPTIMIZER_CHOICES, RunConfig, dataset_title
from engine.data import IDX_NAMES, KNOWN_SHAPES, find_idx_files
from engine.persistence import atomic_write, check_checkpoint_file
from engine.tensorboard_logs import tensorboard_command

logger = logging.getLogger(__name__)

# Sub-folder of $KERAS_HOME/datasets where keras.datasets caches each dataset's files.
KERAS_CACHE_FOLDERS = {"fashion_mnist": "fashion-mnist", "mnist": ""}

_IDX_READER = '''

def read_idx(path):
    """Read an IDX file of unsigned bytes (raw or .gz) into a uint8 array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        content = stream.read()
    if content[0] or content[1] or content[2] != 0x08:
        raise ValueError(f"{path} is not an IDX file of unsigned bytes")
    ndim = content[3]
    shape = struct.unpack(f">{ndim}I", content[4 : 4 + 4 * ndim])
    return np.frombuffer(content, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)
'''

_CHECKS = '''

def fail(message):
    """Print message as one error line and exit with status 2, as argparse does."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def check_output(option, path):
    """Exit unless path can be written, so that no result is lost after training."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        fail(f"{option} {path} is a folder. Give a file name.")
    if os.path.isfile(folder):
        fail(f"{option} {path}: {folder} is a file, not a folder. Choose a folder.")
    if not os.path.isdir(folder):
        fail(f"{option} {path}: folder {folder} was not found. Create it first.")
    if not os.access(folder, os.W_OK | os.X_OK):
        fail(f"{option} {path}: folder {folder} is not writable. Choose another.")


def check_data(paths, fix):
    """Exit when a data file is missing, printing ``fix``: where to put the files."""
    for path in paths:
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            fail(f"data folder {folder} was not found. {fix}")
        if not os.path.isfile(path):
            fail(f"data file {path} was not found. {fix}")

'''

_KERAS_CACHE = '''

def keras_cache_folder():
    """Return the folder where keras.datasets keeps its files ($KERAS_HOME/datasets)."""
    home = os.environ.get("KERAS_HOME") or os.path.expanduser("~/.keras")
    return os.path.join(home, "datasets")
'''

_DIGITS_LOADER = """

def load_data():
    \"\"\"Return ((x_train, y_train), (x_test, y_test)) of scikit-learn's digits.

    The 8x8 images hold values 0..16; they are mapped onto 0..255 as uint8, and
    20 % are held out as the test set (stratified, random_state=0).
    \"\"\"
    digits = load_digits()
    images = np.rint(digits.images * (255.0 / 16.0)).astype(np.uint8)
    labels = digits.target.astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.2, random_state=0, stratify=labels
    )
    return (x_train, y_train), (x_test, y_test)
"""


def render_script(config: RunConfig) -> str:
    """Return the source of a script that trains ``config`` as the app does.

    Raises DatasetError when ``config`` names a data folder without the four
    IDX files, because the script embeds their paths.
    """
    data, model, fit = config.data, config.model, config.fit
    imports = ["argparse", "json", "os", "sys"]
    if getattr(fit, "tensorboard_dir", None):
        imports += ["time"]
    helpers = ""
    if data.dataset == "digits":
        source = "scikit-learn's digits (offline)"
        helpers = _DIGITS_LOADER
        data_check = "# scikit-learn ships the digits, so there are no files to check."
        loading = "(x_train_all, y_train_all), (x_test, y_test) = load_data()"
    elif data.data_dir:
        imports += ["gzip", "struct"]
        found = find_idx_files(data.data_dir, data.dataset)
        paths = [os.fspath(path) for path in found]
        source = f"the IDX files in {data.data_dir}"
        helpers = _IDX_READER
        names = ("x_train_all", "y_train_all", "x_test", "y_test")
        data_check = _idx_check_code(paths)
        loading = "\n".join(
            f"{name} = read_idx({_literal(path)})"
            for name, path in zip(names, paths, strict=True)
        )
    else:
        source = "the Keras cache ($KERAS_HOME/datasets, or ~/.keras/datasets)"
        helpers = _KERAS_CACHE
        data_check = _keras_cache_check_code(data.dataset)
        loading = (
            "(x_train_all, y_train_all), (x_test, y_test) = "
            f"keras.datasets.{data.dataset}.load_data()"
        )
    checkpoint_check = ""
    if getattr(fit, "checkpoint", False):
        checkpoint_path = _literal(fit.checkpoint_path or "best.keras")
        checkpoint_check = f'\ncheck_output("checkpoint", {checkpoint_path})'
    helpers += _CHECKS
    if data.dataset in KNOWN_SHAPES:
        classes = "num_classes = 10"
    else:
        classes = (
            "# Labels run from 0 to the largest label in the files.\n"
            "num_classes = int(max(y_train_all.max(), y_test.max())) + 1"
        )

    sklearn_imports = ["from sklearn.model_selection import train_test_split"]
    if data.dataset == "digits":
        sklearn_imports.insert(0, "from sklearn.datasets import load_digits")
    header = "\n".join(f"import {name}" for name in sorted(imports))
    dropout = (
        f"\n            keras.layers.Dropout({model.dropout!r}),"
        if model.dropout > 0
        else ""
    )
    callbacks = _callbacks_code(config)
    units, activation = model.hidden_units, _literal(model.activation)
    validation = data.validation_split > 0
    split = (
        dedent(f"""\
        # Hold out {data.validation_split:g} of the training images to validate
        # each epoch. random_state is the seed, so the split is the app's split.
        x_train, x_val, y_train, y_val = train_test_split(
            x_train_all,
            y_train_all,
            test_size={data.validation_split!r},
            random_state=SEED,
        )""")
        if validation
        else "x_train, y_train = x_train_all, y_train_all  # no validation data"
    )
    validation_scale = ""
    if validation:
        validation_scale = '\nx_val = x_val.astype("float32") / 255.0'
    validation_fit = "\n        validation_data=(x_val, y_val)," if validation else ""

    return f'''#!/usr/bin/env python3
"""Train the Keras Trainer model of one run, without the app.

Exported by Keras Trainer {__version__} with these settings:
- data: {dataset_title(data.dataset)}, from {source}
- model: {model.hidden_units} {model.activation} hidden units, dropout {model.dropout:g}
- training: {OPTIMIZER_CHOICES[fit.optimizer]}, learning rate {fit.learning_rate:g}, \
{fit.epochs} epochs, batch size {fit.batch_size}, seed {config.seed}

With the same seed this script gives the same per-epoch loss and accuracy as the
app. Needs keras (with TensorFlow), numpy, scikit-learn and matplotlib.

Usage: python SCRIPT.py [--epochs N] [--history-out FILE.json]
       [--plot-out FILE.png] [--show]
"""

{header}

import keras
import numpy as np
{chr(10).join(sklearn_imports)}

SEED = {config.seed!r}
EPOCHS = {fit.epochs!r}
BATCH_SIZE = {fit.batch_size!r}
{helpers}
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train")
    parser.add_argument("--history-out", help="write the per-epoch metrics as JSON")
    parser.add_argument(
        "--plot-out", default="training-curves.png", help="PNG file of the curves"
    )
    parser.add_argument("--show", action="store_true", help="open the plot window")
    args = parser.parse_args()

    # 0. Check the arguments and files first, so that a mistake stops the
    # script before training instead of losing the results after it.
    if args.epochs < 1:
        fail(f"--epochs {{args.epochs}} is invalid. Use a whole number of at least 1.")
    if args.history_out:
        check_output("--history-out", args.history_out)
    check_output("--plot-out", args.plot_out){indent(checkpoint_check, "    ")}
{indent(data_check, "    ")}

    # 1. Data: uint8 images and integer labels.
{indent(loading, "    ")}
{indent(classes, "    ")}

    # 2. Split, then scale the pixels to [0, 1].
{indent(split, "    ")}
    x_train = x_train.astype("float32") / 255.0{indent(validation_scale, "    ")}
    x_test = x_test.astype("float32") / 255.0

    # 3. Model: seeding Keras first fixes the initial weights, the shuffling
    # and the dropout masks.
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential(
        [
            keras.Input(shape=x_train.shape[1:]),
            keras.layers.Flatten(),
            keras.layers.Dense({units}, activation={activation}),{dropout}
            keras.layers.Dense(num_classes, activation="softmax"),
        ],
        name="classifier",
    )
    model.compile(
        optimizer=keras.optimizers.{OPTIMIZER_CHOICES[fit.optimizer]}(learning_rate={fit.learning_rate!r}),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.summary()

    # 4. Callbacks that the run's settings use.
{indent(callbacks, "    ")}

    # 5. Train.
    history = model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=BATCH_SIZE,{validation_fit}
        callbacks=callbacks,
        verbose=2,
    )
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"test loss {{test_loss:.4f}}, test accuracy {{test_accuracy:.4f}}")
    if args.history_out:
        with open(args.history_out, "w", encoding="utf-8") as stream:
            json.dump(history.history, stream, indent=2)

    # 6. Plot loss and accuracy per epoch.
    plot_history(history.history, args.plot_out, args.show)


def plot_history(metrics, path, show):
    """Save the loss and accuracy curves to path; open a window when show is True."""
    import matplotlib

    if not show:
        matplotlib.use("Agg")  # no window, so no display is needed
    import matplotlib.pyplot as plt

    figure, (loss_axes, accuracy_axes) = plt.subplots(1, 2, figsize=(10, 4))
    for axes, metric in ((loss_axes, "loss"), (accuracy_axes, "accuracy")):
        epochs = range(1, len(metrics[metric]) + 1)
        axes.plot(epochs, metrics[metric], "o-", label="train")
        if "val_" + metric in metrics:
            axes.plot(epochs, metrics["val_" + metric], "o--", label="val")
        axes.set_title(metric.capitalize())
        axes.set_xlabel("Epoch")
        axes.legend()
        axes.grid(True, alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    print(f"saved the curves to {{path}}")
    if show:
        plt.show()


if __name__ == "__main__":
    main()
'''


def _callbacks_code(config: RunConfig) -> str:
    """Return the lines that build the ``callbacks`` list for ``config``."""
    fit = config.fit
    lines = ["callbacks = []"]
    tensorboard_dir = getattr(fit, "tensorboard_dir", None)
    if tensorboard_dir:
        lines += [
            "# TensorBoard shows each subfolder of the log folder as a run. Open",
            f"# them with: {tensorboard_command(tensorboard_dir)}",
            f"log_dir = os.path.join({_literal(tensorboard_dir)}, "
            'time.strftime("script-%Y%m%d-%H%M%S"))',
            "callbacks.append(keras.callbacks.TensorBoard(log_dir=log_dir))",
        ]
    # NOTE: early stopping and checkpoint fields are read by name because
    # FitConfig gains them on another branch; their arguments mirror Keras'.
    if getattr(fit, "early_stopping", False):
        lines.append(
            "callbacks.append(keras.callbacks.EarlyStopping("
            f"monitor={_literal(fit.early_stopping_monitor)}, "
            f"patience={fit.patience!r}, "
            f"min_delta={fit.min_delta!r}, "
            f"restore_best_weights={fit.restore_best_weights!r}))"
        )
    if getattr(fit, "checkpoint", False):
        path = fit.checkpoint_path or "best.keras"
        lines.append(
            "callbacks.append(keras.callbacks.ModelCheckpoint("
            f"{_literal(path)}, monitor={_literal(fit.checkpoint_monitor)}, "
            "save_best_only=True))"
        )
    return "\n".join(lines)


def _idx_check_code(paths: list[str]) -> str:
    """Return the lines that check the IDX files embedded in the script."""
    folder = os.path.dirname(paths[0])
    listed = "".join(f"\n    {_literal(path)}," for path in paths)
    fix = (
        f"Put the four IDX files back in {folder}, or export the script again "
        "from Keras Trainer with another data folder."
    )
    return f"check_data(\n    [{listed}\n    ],\n    {_literal(fix)},\n)"


def _keras_cache_check_code(dataset: str) -> str:
    """Return the lines that check the Keras cache, which the script never fills."""
    subfolder = KERAS_CACHE_FOLDERS[dataset]
    if subfolder:
        names = "".join(f"\n        {_literal(name + '.gz')}," for name in IDX_NAMES)
        files = f"[\n    os.path.join(folder, name)\n    for name in ({names}\n    )\n]"
        what = f"the four {dataset_title(dataset)} .gz files"
        folder = f"os.path.join(keras_cache_folder(), {_literal(subfolder)})"
        where = f"datasets/{subfolder} folder has them"
    else:
        files = '[os.path.join(folder, "mnist.npz")]'
        what = "mnist.npz"
        folder = "keras_cache_folder()"
        where = "datasets folder has it"
    # NOTE: Keras 3.15 checks a hash of mnist.npz and downloads it again when
    # it differs, so a damaged mnist.npz still makes load_data() go online.
    return (
        "# keras.datasets reads its cache and downloads only missing files, so\n"
        "# checking the files keeps this script offline.\n"
        f"folder = {folder}\n"
        "check_data(\n"
        f"{indent(files, '    ')},\n"
        f'    f"Copy {what} into {{folder}}, or set KERAS_HOME to a folder "\n'
        f'    "whose {where}. This script never downloads.",\n'
        ")"
    )


def _literal(text: str) -> str:
    """Return ``text`` as a double-quoted Python string literal, as ruff formats it."""
    return json.dumps(text)


def export_script(config: RunConfig, path: str | os.PathLike[str]) -> Path:
    """Write the script of ``config`` to ``path`` atomically, executable by its owner.

    Raises DatasetError for a data folder without IDX files and ModelFileError
    when the file cannot be written or the checkpoint folder is unusable, with
    the message that Train gives for the same checkpoint path.
    """
    if getattr(config.fit, "checkpoint", False):
        check_checkpoint_file(config.fit.checkpoint_path or "best.keras")
    text = render_script(config)

    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    target = atomic_write(path, write)
    target.chmod(target.stat().st_mode | 0o100)
    logger.info("Exported the run as a Python script to %s", target)
    return target
