"""Save and load whole models and weights, atomically and with clear errors.

A saved model file also carries the run's settings and per-epoch history,
so loading it can restore the curves: in a ``.keras`` archive as the extra
member ``keras_trainer.json``, in an ``.h5`` file as a root attribute. Keras
ignores both when it loads the file.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.paths import display_path, parent_folder_problem, write_failure_hint

if TYPE_CHECKING:
    import keras

logger = logging.getLogger(__name__)

MODEL_SUFFIXES = (".keras", ".h5")
WEIGHTS_SUFFIX = ".weights.h5"
METADATA_MEMBER = "keras_trainer.json"
METADATA_ATTRIBUTE = "keras_trainer"


class ModelFileError(Exception):
    """A model or weights file could not be saved or loaded; the message gives why."""


@dataclass(frozen=True, eq=False)
class LoadedModel:
    """A model read from a file, with the metadata this app stored in it."""

    model: keras.Model
    path: Path
    metadata: Mapping[str, Any]
    keras_version: str | None = None
    """Keras version recorded in an .h5 file; None for .keras files."""
    compiled: bool = True
    """False when the file's training configuration was not loaded."""


def normalize_model_path(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` with a model suffix, adding ``.keras`` when it has none.

    Raises ModelFileError for a weights name or another suffix.
    """
    path = Path(path)
    name = path.name.lower()
    if name.endswith(WEIGHTS_SUFFIX):
        raise ModelFileError(
            f"{path.name!r} is a weights file name. Save the whole model as .keras "
            "(or legacy .h5), or use Save weights for a .weights.h5 file."
        )
    for suffix in MODEL_SUFFIXES:
        if name.endswith(suffix):
            # Keras matches suffixes case-sensitively, so write them in lower case.
            return path.with_name(path.name[: -len(suffix)] + suffix)
    if path.suffix and path.suffix.lower() not in (".", ""):
        raise ModelFileError(
            f"{path.name!r} has the suffix {path.suffix!r}, which Keras cannot save a "
            "model as. Use .keras (recommended) or .h5."
        )
    return path.with_name(path.name.rstrip(".") + ".keras")


def normalize_weights_path(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` ending in ``.weights.h5``, which Keras 3 requires for weights."""
    path = Path(path)
    name = path.name
    if name.lower().endswith(WEIGHTS_SUFFIX):
        return path.with_name(name[: -len(WEIGHTS_SUFFIX)] + WEIGHTS_SUFFIX)
    if name.lower().endswith(".keras"):
        raise ModelFileError(
            f"{name!r} is a model file name. Save weights as .weights.h5, or use "
            "Save model for a .keras file."
        )
    stem = name[: -len(".h5")] if name.lower().endswith(".h5") else name.rstrip(".")
    return path.with_name(stem + WEIGHTS_SUFFIX)


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then replace ``path``.

    A failure or a killed process leaves any earlier file at ``path`` intact.
    The temporary name keeps the full suffix because Keras chooses the format
    by it.
    """
    folder = path.parent
    if path.is_dir():
        raise ModelFileError(
            f"{display_path(path)!r} is a folder. Choose a file name to save to."
        )
    if problem := parent_folder_problem(path):
        raise ModelFileError(f"{problem} Choose an existing folder to save in.")
    suffix = (
        WEIGHTS_SUFFIX if path.name.lower().endswith(WEIGHTS_SUFFIX) else path.suffix
    )
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=f".partial{suffix}", dir=folder
        )
    except OSError as error:
        raise ModelFileError(
            f"Cannot write in {display_path(folder)!r}: {error.strerror}. Choose a "
            "folder you can write to."
        ) from error
    os.close(handle)
    temporary_path = Path(temporary)
    _remove_stale_partials(path, suffix, keep=temporary_path)
    try:
        write(temporary_path)
        # mkstemp creates the file readable by its owner only; give the saved
        # file the usual permissions instead.
        os.chmod(temporary_path, 0o666 & ~_UMASK)
        os.replace(temporary_path, path)
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        logger.warning("Saving %s failed: %r", path, error)
        raise ModelFileError(
            f"Saving {display_path(path)!r} failed: "
            f"{_first_line(error.strerror or error)} {write_failure_hint(path)} Any "
            "earlier file of that name is unchanged."
        ) from error
    except Exception as error:
        temporary_path.unlink(missing_ok=True)
        logger.warning("Saving %s failed: %r", path, error)
        raise ModelFileError(
            f"Keras could not save {path.name!r}: {_first_line(error)} Any earlier "
            "file of that name is unchanged."
        ) from error
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise


def check_checkpoint_file(path: str | os.PathLike[str]) -> None:
    """Raise ModelFileError when a checkpoint cannot be saved at ``path``.

    Train and the script export both call this before they start, so a wrong
    folder fails at once instead of after the first epoch.
    """
    path = Path(path)
    if path.is_dir():
        raise ModelFileError(
            f"Checkpoint file {display_path(path)!r} is a folder. Choose a file "
            "name ending in .keras."
        )
    if problem := parent_folder_problem(path):
        raise ModelFileError(
            f"{problem} The checkpoint file {path.name!r} needs an existing "
            "folder: create it, or choose another folder."
        )


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Write a file through ``write(temporary_path)``, then move it to ``path``.

    Raises ModelFileError naming the cause; an earlier file at ``path`` stays.
    """
    target = Path(path)
    _atomic_write(target, write)
    return target


STALE_PARTIAL_SECONDS = 600
"""Age after which a leftover temporary save file is taken as abandoned."""


def _remove_stale_partials(path: Path, suffix: str, keep: Path) -> None:
    """Delete temporary files that killed saves of ``path`` left behind.

    Only files older than STALE_PARTIAL_SECONDS are removed, so a save that
    another process is running now keeps its temporary file.
    """
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.partial{suffix}"):
        try:
            if leftover != keep and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                logger.info("Removed %s, left by an interrupted save", leftover)
        except OSError as error:
            logger.warning("Cannot remove %s: %s", leftover, error)


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import, before any worker thread runs: os.umask() sets the
# process-wide mask for a moment, which would race with files other threads
# create.
_UMASK = _read_umask()


def save_model(
    model: keras.Model,
    path: str | os.PathLike[str],
    metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Save the whole model (architecture, weights, optimizer) and return its path."""
    path = normalize_model_path(path)
    legacy = path.suffix.lower() == ".h5"

    def write(target: Path) -> None:
        # NOTE: Keras 3.15's legacy .h5 writer pops "optimizer" from the model's
        # own compile config, so a later .keras save would lack it. Restore it.
        compile_config = getattr(
            getattr(model, "_compile_config", None), "config", None
        )
        saved_config = (
            dict(compile_config) if isinstance(compile_config, dict) else None
        )
        try:
            model.save(target)
        finally:
            if saved_config is not None:
                compile_config.update(saved_config)
        if metadata is not None:
            _embed_metadata(target, metadata, legacy)

    _atomic_write(path, write)
    logger.info("Saved model to %s", path)
    return path


def save_weights(model: keras.Model, path: str | os.PathLike[str]) -> Path:
    """Save only the weights, as ``.weights.h5``, and return the path."""
    path = normalize_weights_path(path)
    _atomic_write(path, model.save_weights)
    logger.info("Saved weights to %s", path)
    return path


def _embed_metadata(path: Path, metadata: Mapping[str, Any], legacy: bool) -> None:
    text = json.dumps(metadata)
    if legacy:
        import h5py

        with h5py.File(path, "a") as handle:
            handle.attrs[METADATA_ATTRIBUTE] = text
    else:
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(METADATA_MEMBER, text)


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the metadata this app stored in a model file, or {} if there is none."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                if METADATA_MEMBER not in archive.namelist():
                    return {}
                metadata = json.loads(archive.read(METADATA_MEMBER))
        else:
            import h5py

            with h5py.File(path, "r") as handle:
                text = handle.attrs.get(METADATA_ATTRIBUTE)
            metadata = json.loads(text) if text else {}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        logger.warning("No readable metadata in %s: %s", path, error)
        return {}
    if not isinstance(metadata, dict):
        logger.warning("Ignoring metadata in %s that is not an object", path)
        return {}
    return metadata


def _check_file(path: Path, kind: str, suffixes: tuple[str, ...]) -> None:
    if (path / "saved_model.pb").is_file():
        raise ModelFileError(
            f"{display_path(path)!r} is a TensorFlow SavedModel folder, which Keras 3 "
            "cannot load as a model. Open it with the TensorFlow version that wrote "
            "it and save it as .keras, then load that file."
        )
    if path.is_dir():
        raise ModelFileError(
            f"{display_path(path)!r} is a folder, not a {kind} file. Choose a "
            f"{' or '.join(suffixes)} file."
        )
    if not path.is_file():
        raise ModelFileError(
            f"{display_path(path)!r} was not found. Choose an existing {kind} file."
        )
    if not path.name.lower().endswith(suffixes):
        raise ModelFileError(
            f"{path.name!r} is not a {kind} file: the suffix must be "
            f"{' or '.join(suffixes)}."
        )
    if path.stat().st_size == 0:
        raise ModelFileError(f"{path.name!r} is empty. Choose a file that Keras saved.")
    lower = path.name.lower()
    expected = next(suffix for suffix in suffixes if lower.endswith(suffix))
    if not path.name.endswith(expected):
        raise ModelFileError(
            f"{path.name!r} has an upper-case suffix, which Keras does not read. "
            f"Rename the file to end in {expected}."
        )


def _check_container(path: Path) -> None:
    """Raise ModelFileError when the bytes do not match the suffix's file format."""
    import h5py

    if path.name.lower().endswith(".keras"):
        if not zipfile.is_zipfile(path):
            raise ModelFileError(
                f"{path.name!r} is not a Keras archive: a .keras file is a zip archive "
                "and this one is not. It may be damaged, truncated or renamed; choose "
                "a .keras file saved by Keras."
            )
    elif not h5py.is_hdf5(path):
        raise ModelFileError(
            f"{path.name!r} is not an HDF5 file, although its suffix is "
            f"{path.suffix!r}. It may be damaged, truncated or renamed; choose a file "
            "saved by Keras."
        )


def _custom_layer_names(path: Path) -> list[str]:
    """Return the layer classes of a .keras file that do not come from Keras."""
    try:
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []
    names: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            # Keras writes its own classes with a "keras..." module and custom
            # registered classes with module None.
            module = node.get("module")
            if "class_name" in node and "module" in node:
                if not (isinstance(module, str) and module.startswith("keras")):
                    names.add(str(node.get("registered_name") or node["class_name"]))
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(config)
    return sorted(names)


def h5_keras_version(path: Path) -> str | None:
    """Return the Keras version recorded in an .h5 model file, or None."""
    import h5py

    try:
        with h5py.File(path, "r") as handle:
            version = handle.attrs.get("keras_version")
    except (OSError, ValueError):
        return None
    if isinstance(version, bytes):
        version = version.decode("utf-8", "replace")
    return str(version) if version is not None else None


def load_model(path: str | os.PathLike[str]) -> LoadedModel:
    """Load a whole model in Keras' safe mode. Raises ModelFileError on failure.

    Models written by Keras 2 (legacy .h5) are loaded without their training
    configuration, because Keras 3 cannot always rebuild Keras 2 optimizers.
    ``LoadedModel.compiled`` is then False and the caller compiles the model.
    """
    import keras

    path = Path(path)
    _check_file(path, "model", (".keras", ".h5", ".hdf5"))
    _check_container(path)
    version = None if path.suffix.lower() == ".keras" else h5_keras_version(path)
    keras2 = version is not None and version.startswith("2.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = keras.saving.load_model(path, safe_mode=True, compile=not keras2)
    except Exception as error:  # noqa: BLE001 - Keras raises many types for bad files
        logger.warning("Loading model %s failed: %r", path, error)
        custom = _custom_layer_names(path)
        if custom:
            raise ModelFileError(
                f"{path.name!r} uses layers that are not part of Keras: "
                f"{', '.join(custom)}. This app loads only built-in Keras layers, "
                "because loading custom code from a file is unsafe. Choose a model "
                "built from standard layers."
            ) from error
        raise ModelFileError(
            f"{path.name!r} could not be loaded as a Keras model: "
            f"{_first_line(error)} Choose a .keras or .h5 file saved by Keras."
        ) from error
    logger.info("Loaded model from %s (Keras version in file: %s)", path, version)
    return LoadedModel(
        model=model,
        path=path,
        metadata=read_metadata(path),
        keras_version=version,
        compiled=not keras2 and getattr(model, "compiled", False),
    )


def load_weights_into(model: keras.Model, path: str | os.PathLike[str]) -> None:
    """Load weights from ``path`` into ``model``. Raises ModelFileError on failure.

    The model may be left partly changed on failure, so pass a copy when the
    original must survive.
    """
    path = Path(path)
    _check_file(path, "weights", (WEIGHTS_SUFFIX, ".h5", ".hdf5"))
    _check_container(path)
    file_shapes = _weight_shapes_in_file(path)
    model_shapes = [tuple(weight.shape) for weight in model.weights]
    if file_shapes is not None and sorted(file_shapes) != sorted(model_shapes):
        raise ModelFileError(
            f"{path.name!r} does not fit the model: the file contains weights "
            f"of shapes {_shapes_text(file_shapes)}, and the model needs "
            f"{_shapes_text(model_shapes)}. Load weights saved from a model with the "
            "same layers and sizes, or change the model settings to match the file."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.load_weights(path)
    except Exception as error:  # noqa: BLE001 - Keras raises many types for bad files
        logger.warning("Loading weights %s failed: %r", path, error)
        raise ModelFileError(
            f"{path.name!r} could not be loaded into the model: "
            f"{_first_line(error)} Load weights saved from a model with the same "
            "layers and sizes, or change the model settings to match the file."
        ) from error
    logger.info("Loaded weights from %s", path)


def _weight_shapes_in_file(path: Path) -> list[tuple[int, ...]] | None:
    """Return the shapes of the layer weights in an HDF5 weights file.

    Returns None when the file contains no weight arrays, so that Keras' own
    loading reports the problem. Raises ModelFileError when the file cannot be
    opened. Optimizer variables are not counted.
    """
    import h5py

    shapes: list[tuple[int, ...]] = []

    def visit(name: str, item) -> None:
        if isinstance(item, h5py.Dataset) and not name.startswith("optimizer"):
            shapes.append(tuple(item.shape))

    try:
        with h5py.File(path, "r") as handle:
            root = handle["layers"] if "layers" in handle else handle
            root.visititems(visit)
    except (OSError, KeyError, ValueError) as error:
        raise ModelFileError(
            f"{path.name!r} is not a readable HDF5 file: {_first_line(error)} It "
            "may be damaged or truncated; save the weights again."
        ) from error
    return shapes or None


def _shapes_text(shapes: list[tuple[int, ...]]) -> str:
    text = ", ".join(str(shape) for shape in shapes[:8])
    return text + (f" and {len(shapes) - 8} more" if len(shapes) > 8 else "")


def _first_line(error: object) -> str:
    """Return an error's message on one line, shortened to 400 characters.

    The result ends with a full stop, so callers can append sentences.
    """
    text = " ".join(str(error).split()) or type(error).__name__
    if len(text) > 400:
        text = text[:397] + "..."
    return text if text.endswith((".", "...")) else text + "."
