"""Test-set evaluation of a classifier: metrics, confusion matrix and predictions.

:func:`evaluate_test_set` runs Keras (call it on the worker thread).
:func:`make_report` and the :class:`EvaluationReport` methods use NumPy only, so
the window can select samples and confusion-matrix cells on the GUI thread.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.data import SplitData, scaled_tensor

if TYPE_CHECKING:
    import keras

logger = logging.getLogger(__name__)

# Keys under which model.evaluate returns accuracy, for metrics=["accuracy"]
# and for metrics=["sparse_categorical_accuracy"].
_ACCURACY_NAMES = ("accuracy", "sparse_categorical_accuracy")

PREDICT_BATCH_SIZE = 32
"""Batch size of ``model.predict``; the same as ``model.evaluate``'s default."""


@dataclass(frozen=True)
class PredictionSample:
    """One test image with the model's top class and its probability."""

    index: int
    """Position of the image in the test set."""
    image: np.ndarray
    """The image as stored in the dataset (``uint8``, read-only)."""
    true_label: int
    predicted_label: int
    confidence: float
    """Softmax probability of ``predicted_label``, in [0, 1]."""

    @property
    def correct(self) -> bool:
        return self.true_label == self.predicted_label


@dataclass(frozen=True, eq=False)
class EvaluationReport:
    """Metrics and predictions of one model on one test set.

    Every array is read-only, so the report can be passed from the worker
    thread to the window and read there without copies or locks.
    """

    dataset: str
    class_names: tuple[str, ...]
    metrics: dict[str, float]
    """Every metric that ``model.evaluate`` returns (``loss``, ``accuracy``, ...)."""
    confusion_matrix: list[list[int]]
    """Counts with rows for true classes and columns for predicted classes."""
    per_class_accuracy: list[float | None]
    """Share of each true class predicted correctly, or None for a class that
    the test set lacks."""
    class_counts: list[int]
    """Number of test images of each true class."""
    labels: np.ndarray
    """True class of each test image."""
    predicted: np.ndarray
    """Predicted class (argmax of the softmax output) of each test image."""
    confidence: np.ndarray
    """Probability of the predicted class for each test image (``float32``)."""
    images: np.ndarray
    """The test images (``uint8``, read-only)."""

    @property
    def loss(self) -> float:
        """Test loss as ``model.evaluate`` returns it."""
        return self.metrics.get("loss", math.nan)

    @property
    def accuracy(self) -> float:
        """Test accuracy as ``model.evaluate`` returns it.

        A model compiled without an accuracy metric gets
        :attr:`prediction_accuracy` instead.
        """
        for name in _ACCURACY_NAMES:
            if name in self.metrics:
                return self.metrics[name]
        return self.prediction_accuracy

    @property
    def prediction_accuracy(self) -> float:
        """Share of test images whose predicted class is the true class."""
        if not self.count:
            return math.nan
        correct = sum(self.confusion_matrix[c][c] for c in range(self.num_classes))
        return correct / self.count

    @property
    def count(self) -> int:
        """Number of test images."""
        return len(self.labels)

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    def pair_indices(self, true_label: int, predicted_label: int) -> np.ndarray:
        """Return the test-set indices of images of ``true_label`` predicted as
        ``predicted_label``, in ascending order."""
        self._check_label(true_label)
        self._check_label(predicted_label)
        matches = (self.labels == true_label) & (self.predicted == predicted_label)
        return np.flatnonzero(matches)

    def samples(self, indices: Any, limit: int | None = None) -> list[PredictionSample]:
        """Return the predictions for ``indices``, at most ``limit`` of them."""
        chosen = [int(i) for i in np.asarray(indices).ravel()[:limit]]
        return [
            PredictionSample(
                index=i,
                image=self.images[i],
                true_label=int(self.labels[i]),
                predicted_label=int(self.predicted[i]),
                confidence=float(self.confidence[i]),
            )
            for i in chosen
        ]

    def sample_indices(
        self, count: int, seed: int = 0, mistakes_only: bool = False
    ) -> np.ndarray:
        """Return up to ``count`` test-set indices drawn at random, sorted.

        The same ``seed`` gives the same indices. With ``mistakes_only`` the
        draw is limited to misclassified images.
        """
        if count < 0:
            raise ValueError(f"count={count} is invalid: expected 0 or more.")
        pool = np.arange(self.count)
        if mistakes_only:
            pool = np.flatnonzero(self.labels != self.predicted)
        if len(pool) <= count:
            return pool
        rng = np.random.default_rng(seed)
        return np.sort(rng.choice(pool, size=count, replace=False))

    def to_dict(self) -> dict[str, Any]:
        """Return the summary numbers as JSON-ready values (no images or arrays)."""
        return {
            "dataset": self.dataset,
            "count": self.count,
            "loss": self.loss,
            "accuracy": self.accuracy,
            "class_names": list(self.class_names),
            "class_counts": list(self.class_counts),
            "per_class_accuracy": list(self.per_class_accuracy),
            "confusion_matrix": [list(row) for row in self.confusion_matrix],
        }

    def _check_label(self, label: int) -> None:
        if not 0 <= label < self.num_classes:
            raise ValueError(
                f"class {label} is invalid: {self.dataset} has classes 0 to "
                f"{self.num_classes - 1}."
            )


def make_report(
    dataset: str,
    class_names: tuple[str, ...],
    images: np.ndarray,
    labels: np.ndarray,
    probabilities: np.ndarray,
    metrics: Mapping[str, float],
) -> EvaluationReport:
    """Build a report from the softmax outputs of every test image.

    ``probabilities`` has one row per image and one column per class. Raises
    ValueError when the shapes disagree or a label has no class.
    """
    from sklearn.metrics import confusion_matrix

    num_classes = len(class_names)
    labels = np.asarray(labels).astype(np.int64)
    probabilities = np.asarray(probabilities)
    if probabilities.shape != (len(labels), num_classes):
        raise ValueError(
            f"expected probabilities of shape ({len(labels)}, {num_classes}) for "
            f"{len(labels)} images and {num_classes} classes, got "
            f"{probabilities.shape}."
        )
    if len(images) != len(labels):
        raise ValueError(
            f"expected one label per image, got {len(images)} images and "
            f"{len(labels)} labels."
        )
    if len(labels) and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must be in [0, {num_classes - 1}] for {num_classes} classes, "
            f"found {labels.min()} to {labels.max()}."
        )

    # argmax takes the first of equal maxima, as Keras' accuracy metric does.
    predicted = np.argmax(probabilities, axis=1).astype(np.int64)
    confidence = probabilities[np.arange(len(labels)), predicted].astype(np.float32)
    matrix = confusion_matrix(labels, predicted, labels=np.arange(num_classes))
    class_counts = matrix.sum(axis=1)
    per_class = [
        float(matrix[c, c] / class_counts[c]) if class_counts[c] else None
        for c in range(num_classes)
    ]

    read_only_images = images.view()
    for array in (labels, predicted, confidence, read_only_images):
        array.flags.writeable = False
    return EvaluationReport(
        dataset=dataset,
        class_names=tuple(class_names),
        metrics={name: float(value) for name, value in metrics.items()},
        confusion_matrix=matrix.astype(int).tolist(),
        per_class_accuracy=per_class,
        class_counts=class_counts.astype(int).tolist(),
        labels=labels,
        predicted=predicted,
        confidence=confidence,
        images=read_only_images,
    )


def evaluate_test_set(model: keras.Model, data: SplitData) -> EvaluationReport:
    """Evaluate ``model`` on the test set of ``data`` and predict every image.

    Loss and accuracy come from ``model.evaluate`` with its default batch size,
    so they equal what a plain Keras script prints. Call this on the thread that
    runs Keras.
    """
    x_test = scaled_tensor(data, "x_test")
    metrics = model.evaluate(x_test, data.y_test, verbose=0, return_dict=True)
    probabilities = np.asarray(
        model.predict(x_test, batch_size=PREDICT_BATCH_SIZE, verbose=0)
    )
    report = make_report(
        dataset=data.name,
        class_names=data.class_names,
        images=data.x_test,
        labels=data.y_test,
        probabilities=probabilities,
        metrics=metrics,
    )

    if not math.isclose(report.prediction_accuracy, report.accuracy, abs_tol=1e-6):
        # Near-ties between two classes can round differently in predict and
        # evaluate, which may move a few images.
        logger.warning(
            "Accuracy from the predictions (%.6f) differs from model.evaluate "
            "(%.6f) on %s",
            report.prediction_accuracy,
            report.accuracy,
            data.name,
        )
    logger.info(
        "Test set of %s: %d images, loss %.4f, accuracy %.4f",
        data.name,
        report.count,
        report.loss,
        report.accuracy,
    )
    return report
