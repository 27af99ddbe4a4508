"""The app's working state: the current model, its history and the loaded data.

A :class:`TrainerSession` is used from one worker thread at a time. The window
runs each call on a worker thread so the GUI thread never runs Keras code.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import persistence
from engine.config import (
    ConfigError,
    DataConfig,
    FitConfig,
    ModelConfig,
    RunConfig,
    dataset_title,
)
from engine.data import (
    DatasetError,
    ImageSet,
    SplitData,
    dataset_shape,
    load_images,
    scaled_tensor,
    size_text,
    source_signature,
    split_images,
)
from engine.reporting import History, TrainingListener
from engine.run_store import RunRecording, RunStore, RunStoreError

if TYPE_CHECKING:
    import keras

    from engine.evaluation import EvaluationReport
    from engine.run_control import RunControl
    from engine.training import TrainResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Evaluation:
    """Loss and accuracy of the current model on the validation and test sets."""

    dataset: str
    validation: dict[str, float]
    """Empty when the split has no validation data."""
    test: dict[str, float]
    validation_count: int
    test_count: int
    report: EvaluationReport | None = None
    """Confusion matrix, per-class accuracy and predictions on the test set."""


@dataclass(frozen=True)
class ModelInfo:
    """Description of a model loaded from a file, for the window to show."""

    path: Path
    summary: str
    architecture: ModelConfig | None
    """Form settings of the model, or None when the form cannot express it."""
    optimizer: tuple[str, float] | None
    history: History
    config: RunConfig | None
    """Settings of the run that trained the model, when the file stores them."""
    data: DataConfig | None = None
    """The dataset the model fits: the requested one, or the one it was trained on."""
    notes: tuple[str, ...] = ()
    """Sentences for the user about how the model was loaded."""


def import_keras() -> str:
    """Import Keras (and TensorFlow) and return the Keras version."""
    import keras

    return keras.__version__


class TrainerSession:
    """Holds the current model and its data between training, saving and loading."""

    def __init__(self, run_store: RunStore | None = None) -> None:
        self.run_store = run_store
        """Where each run is recorded; None records nothing."""
        self.run_id: int | None = None
        """Id in ``run_store`` of the run that trained the current model."""
        self.run_store_error: RunStoreError | None = None
        """The latest failure to record in ``run_store``, until the next run."""
        self.unfinished_recording: RunRecording | None = None
        """The latest run whose row misses writes that the store rejected."""
        self.model: keras.Model | None = None
        self.config: RunConfig | None = None
        self.history = History()
        self._spare_model: keras.Model | None = None
        """A model from a run that completed no epoch, kept only for reuse."""
        self._images: tuple[tuple[Any, ...], ImageSet] | None = None
        self._split: tuple[tuple[Any, ...], SplitData] | None = None
        self._lock = threading.Lock()

    # Data ---------------------------------------------------------------

    def data(self, config: DataConfig, seed: int) -> SplitData:
        """Return the split dataset, loaded again only when settings or files change."""
        source = source_signature(config)
        key = (source, config.validation_split, seed)
        with self._lock:
            if self._split is not None and self._split[0] == key:
                return self._split[1]
            if self._images is None or self._images[0] != source:
                # Drop the old arrays before loading new ones to bound memory.
                self._images = None
                self._split = None
                self._images = (source, load_images(config))
            split = split_images(self._images[1], config.validation_split, seed)
            self._split = (key, split)
            return split

    # Training -----------------------------------------------------------

    def train(
        self,
        config: RunConfig,
        listener: TrainingListener | None = None,
        stop_event: threading.Event | None = None,
        control: RunControl | None = None,
    ) -> TrainResult:
        """Train a new model, which becomes current when it completed an epoch.

        A run that a stop request ends with the "discard" outcome leaves the
        previous model, settings and history current, or no model.
        """
        from engine.training import can_reuse, check_run_prerequisites, train

        self.retry_recording()
        data = self.data(config.data, config.seed)
        # Settings that cannot run are not recorded as a run.
        check_run_prerequisites(config, data)
        saved_state = None
        if can_reuse(self.model, config, data):
            reuse = self.model
            # The run resets this model object; keep its state in case the run
            # ends before an epoch completes and the previous model must stay.
            saved_state = (
                self.model.get_weights(),
                [variable.numpy() for variable in self.model.optimizer.variables],
            )
        else:
            reuse = self._spare_model
        recording = self._start_recording(config, data, listener)
        try:
            result = train(
                config, data, recording, stop_event, reuse=reuse, control=control
            )
        except Exception as error:
            recording.fail(error)
            self._keep_recording_result(recording)
            raise
        recording.finish(result)
        self._keep_recording_result(recording)
        outcome = result.outcome
        discarded = outcome is not None and outcome.kept_weights == "discarded"
        if result.epochs_completed == 0 or discarded:
            logger.info("Keeping the previous model: no epoch completed, or discarded")
            if saved_state is not None:
                weights, optimizer_values = saved_state
                self.model.set_weights(weights)
                for variable, value in zip(
                    self.model.optimizer.variables, optimizer_values, strict=True
                ):
                    variable.assign(value)
            else:
                # Not current, but kept for the next run to reuse.
                self._spare_model = result.model
            return result
        if result.model is self._spare_model:
            self._spare_model = None
        self.model = result.model
        self.config = config
        self.history = result.history
        self.run_id = recording.run_id
        return result

    def _keep_recording_result(self, recording: RunRecording) -> None:
        self.run_store_error = recording.error
        if recording.incomplete:
            # NOTE: an earlier run that is still incomplete is dropped here, and
            # the next app start marks its row as interrupted.
            self.unfinished_recording = recording

    def retry_recording(self) -> bool:
        """Write what the latest incomplete run's row misses; True when done.

        Blocks for up to the store's lock timeout while the file stays locked.
        """
        recording = self.unfinished_recording
        if recording is None:
            return True
        if not recording.retry():
            logger.warning("Run %s is still not recorded completely", recording.run_id)
            return False
        self.unfinished_recording = None
        return True

    def _start_recording(
        self, config: RunConfig, data: SplitData, listener: TrainingListener | None
    ) -> RunRecording:
        counts = {
            "train": len(data.y_train),
            "validation": len(data.y_val),
            "test": len(data.y_test),
        }
        return RunRecording(self.run_store, config, data.name, counts, listener)

    def _record(self, action: str, *args: Any) -> None:
        """Call ``run_store.<action>(run_id, *args)``; a failure is only kept."""
        if self.run_store is None or self.run_id is None:
            return
        try:
            getattr(self.run_store, action)(self.run_id, *args)
        except RunStoreError as error:
            logger.warning("Cannot record in the run history: %s", error)
            self.run_store_error = error

    # Evaluation ---------------------------------------------------------

    def evaluate(self, data_config: DataConfig, seed: int) -> Evaluation:
        """Evaluate the current model on the validation and test sets."""
        from engine.evaluation import evaluate_test_set

        model = self._require_model("evaluate")
        self._check_model_fits(model, data_config, "The current model")
        data = self.data(data_config, seed)
        self._ensure_compiled(model)
        validation = {}
        if len(data.y_val) > 0:
            validation = model.evaluate(
                scaled_tensor(data, "x_val"), data.y_val, verbose=0, return_dict=True
            )
        report = evaluate_test_set(model, data)
        result = Evaluation(
            dataset=data.name,
            validation={k: float(v) for k, v in validation.items()},
            test=dict(report.metrics),
            validation_count=len(data.y_val),
            test_count=len(data.y_test),
            report=report,
        )
        logger.info(
            "Evaluated on %s: validation %s, test %s",
            data.name,
            result.validation,
            result.test,
        )
        self._record("set_evaluation", result)
        return result

    def _ensure_compiled(self, model: keras.Model) -> None:
        from engine.model_factory import compile_model

        if (
            getattr(model, "compiled", False)
            and getattr(model, "loss", None) is not None
        ):
            return
        fit = (self.config or RunConfig()).fit
        logger.info("Model has no compiled loss; compiling with %s", fit)
        compile_model(model, fit)

    # Saving -------------------------------------------------------------

    def _require_model(self, action: str) -> keras.Model:
        if self.model is None:
            raise persistence.ModelFileError(
                f"There is no model to {action}. Train a model or load one first."
            )
        return self.model

    def save_model(self, path: str | Path) -> Path:
        """Save the current model with its settings and history."""
        model = self._require_model("save")
        metadata = {
            "history": self.history.to_dict(),
            "config": self.config.to_dict() if self.config else None,
        }
        saved = persistence.save_model(model, path, metadata)
        self._record("add_file", saved, "model")
        return saved

    def save_weights(self, path: str | Path) -> Path:
        """Save the current model's weights."""
        saved = persistence.save_weights(self._require_model("save"), path)
        self._record("add_file", saved, "weights")
        return saved

    # Loading ------------------------------------------------------------

    def load_model(
        self,
        path: str | Path,
        data_config: DataConfig,
        seed: int,
        fit_config: FitConfig | None = None,
    ) -> ModelInfo:
        """Load a model that fits the dataset of ``data_config``, or its own.

        A model that does not fit ``data_config`` but fits the dataset stored in
        the file is accepted, and ``ModelInfo.data`` names the dataset it fits.
        A model that fits neither raises ModelFileError and the current one
        stays. A Keras 2 model is compiled with ``fit_config`` (the defaults
        when None), and ``ModelInfo.notes`` explains it.
        """
        from engine.model_factory import (
            architecture_of,
            compile_model,
            format_summary,
            optimizer_settings,
            summarize_model,
        )

        loaded = persistence.load_model(path)
        history, config = _stored_run(loaded.metadata, loaded.path)
        data_config = self._dataset_for(loaded, data_config, config)

        notes: list[str] = []
        if not loaded.compiled:
            fit = fit_config or FitConfig()
            compile_model(loaded.model, fit)
            notes.append(
                f"{loaded.path.name} was saved by Keras {loaded.keras_version}, so it "
                f"was loaded without its optimizer and compiled with the form's "
                f"settings ({fit.optimizer}, learning rate {fit.learning_rate:g})."
            )

        self.model = loaded.model
        self.history = history
        self.config = config
        self.run_id = None
        summary = format_summary(
            summarize_model(loaded.model), f"Model: {loaded.path.name}"
        )
        return ModelInfo(
            path=loaded.path,
            summary=summary,
            architecture=architecture_of(loaded.model),
            optimizer=optimizer_settings(loaded.model),
            history=history,
            config=config,
            data=data_config,
            notes=tuple(notes),
        )

    def load_weights(
        self, path: str | Path, config: RunConfig, into_current: bool = True
    ) -> str:
        """Load weights into a copy of the current model, or into a new model.

        The new model is built from ``config`` when there is no current model or
        ``into_current`` is False. The model that received the weights becomes
        current only when loading succeeds. Returns a sentence that names it.
        """
        import keras

        from engine.model_factory import build_model, compile_model

        if self.model is not None and into_current:
            candidate = keras.models.clone_model(self.model)
            target = "the current model"
            candidate_config = self.config
            config = replace(config, data=self.config.data) if self.config else config
        else:
            image_shape, num_classes = dataset_shape(config.data)
            candidate = build_model(config.model, image_shape, num_classes)
            target = "a new model built from the form settings"
            candidate_config = config
        self._check_model_fits(candidate, config.data, "The model")
        persistence.load_weights_into(candidate, path)
        compile_model(candidate, config.fit)
        self.model = candidate
        self.history = History()
        self.config = candidate_config
        self.run_id = None
        return f"Loaded the weights of {Path(path).name} into {target}."

    def _dataset_for(
        self,
        loaded: persistence.LoadedModel,
        requested: DataConfig,
        stored: RunConfig | None,
    ) -> DataConfig:
        """Return the dataset to use with a loaded model: ``requested`` or its own.

        Raises the error for ``requested`` when the model fits neither.
        """
        label = repr(loaded.path.name)
        try:
            self._check_model_fits(loaded.model, requested, label)
            return requested
        except persistence.ModelFileError as error:
            if stored is None or stored.data.dataset == requested.dataset:
                raise
            try:
                self._check_model_fits(loaded.model, stored.data, label)
            except (persistence.ModelFileError, DatasetError):
                raise error from None
            logger.info("%s fits its own dataset %s", label, stored.data.dataset)
            return stored.data

    @staticmethod
    def _check_model_fits(
        model: keras.Model, data_config: DataConfig, label: str
    ) -> None:
        """Raise ModelFileError unless the model fits the dataset of data_config."""
        image_shape, num_classes = dataset_shape(data_config)
        title = dataset_title(data_config.dataset)
        outputs = getattr(model, "outputs", None) or []
        if len(outputs) != 1:
            raise persistence.ModelFileError(
                f"{label} has {len(outputs)} outputs, but this app trains and "
                "evaluates classifiers with one softmax output. Choose another model."
            )
        input_shape = tuple(model.input_shape[1:])
        output_shape = tuple(model.output_shape)
        fits_input = input_shape == tuple(image_shape)
        fits_output = len(output_shape) == 2 and output_shape[1] == num_classes
        if fits_input and fits_output:
            return
        classes = output_shape[-1] if output_shape else "?"
        raise persistence.ModelFileError(
            f"{label} expects inputs of shape {input_shape} and gives {classes} "
            f"classes, but {title} has {size_text(image_shape)} images in "
            f"{num_classes} classes. Choose the dataset the model was trained on, "
            "or another model."
        )


def _stored_run(
    metadata: Mapping[str, Any], path: Path
) -> tuple[History, RunConfig | None]:
    """Return the history and settings stored in a model file; ignore invalid ones."""
    try:
        history = History.from_dict(metadata.get("history") or {})
    except (AttributeError, TypeError, ValueError) as error:
        logger.warning("Ignoring the invalid history stored in %s: %s", path, error)
        history = History()
    config = None
    if metadata.get("config"):
        try:
            config = RunConfig.from_dict(metadata["config"])
        except (AttributeError, ConfigError, TypeError) as error:
            logger.warning(
                "Ignoring the invalid settings stored in %s: %s", path, error
            )
    return history, config
