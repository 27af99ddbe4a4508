"""Tests of the test-set evaluation: metrics, confusion matrix and predictions."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from engine.config import DataConfig, FitConfig, ModelConfig, RunConfig
from engine.data import (
    DIGIT_CLASSES,
    FASHION_MNIST_CLASSES,
    load_images,
    split_images,
)
from engine.evaluation import evaluate_test_set, make_report
from engine.model_factory import build_model, compile_model
from engine.session import TrainerSession
from engine.training import train


def untrained_model(data):
    """A compiled model with the form's default layers, for checks of shapes only."""
    model = build_model(ModelConfig(), data.image_shape, data.num_classes)
    compile_model(model, FitConfig())
    return model


def small_report(labels, predicted, num_classes=3, confidence=0.9):
    """A report whose predictions are ``predicted``, with made-up probabilities."""
    labels = np.asarray(labels)
    probabilities = np.full(
        (len(labels), num_classes), (1 - confidence) / (num_classes - 1)
    )
    probabilities[np.arange(len(labels)), predicted] = confidence
    images = np.arange(len(labels) * 4, dtype=np.uint8).reshape(len(labels), 2, 2)
    return make_report(
        "Tiny",
        tuple(f"class {c}" for c in range(num_classes)),
        images,
        labels,
        probabilities,
        {"loss": 0.5, "accuracy": float(np.mean(labels == predicted))},
    )


@pytest.fixture(scope="module")
def fashion_evaluation(fashion_slice):
    """A model trained 2 epochs on the Fashion-MNIST slice, its data and report."""
    config = RunConfig().replace(epochs=2)
    data = split_images(fashion_slice, config.data.validation_split, config.seed)
    model = train(config, data).model
    return model, data, evaluate_test_set(model, data)


@pytest.mark.real_data
def test_matrix_sums_to_test_set_size(fashion_evaluation):
    _, data, report = fashion_evaluation

    matrix = np.array(report.confusion_matrix)

    assert matrix.shape == (10, 10)
    assert matrix.sum() == len(data.y_test) == 200
    assert report.count == 200
    class_sizes = np.bincount(data.y_test, minlength=10)
    assert matrix.sum(axis=1).tolist() == class_sizes.tolist()


@pytest.mark.real_data
def test_matrix_diagonal_equals_keras_accuracy(fashion_evaluation):
    model, data, report = fashion_evaluation
    # As a plain Keras script evaluates: float64 division, then Keras' defaults.
    loss, accuracy = model.evaluate(data.x_test / 255.0, data.y_test, verbose=0)
    matrix = np.array(report.confusion_matrix)

    assert np.trace(matrix) / matrix.sum() == pytest.approx(accuracy, abs=1e-6)
    assert report.accuracy == pytest.approx(accuracy, abs=1e-6)
    assert report.loss == pytest.approx(loss, abs=1e-6)
    assert 0.3 < report.accuracy < 1.0, "two epochs should learn something"


@pytest.mark.real_data
def test_predictions_match_keras_predict(fashion_evaluation):
    model, data, report = fashion_evaluation
    probabilities = model.predict(data.x_test / 255.0, verbose=0)

    assert report.predicted.tolist() == np.argmax(probabilities, axis=1).tolist()
    top = probabilities.max(axis=1)
    np.testing.assert_allclose(report.confidence, top, atol=1e-6)
    assert report.labels.tolist() == data.y_test.tolist()


@pytest.mark.real_data
def test_per_class_accuracy_matches_matrix(fashion_evaluation):
    _, data, report = fashion_evaluation
    matrix = np.array(report.confusion_matrix)

    for c in range(10):
        in_class = data.y_test == c
        assert report.class_counts[c] == in_class.sum()
        if not in_class.any():
            assert report.per_class_accuracy[c] is None
            continue
        assert report.per_class_accuracy[c] == pytest.approx(
            matrix[c, c] / matrix[c].sum()
        )
        direct = np.mean(report.predicted[in_class] == c)
        assert report.per_class_accuracy[c] == pytest.approx(direct)


@pytest.mark.real_data
def test_pair_indices_match_predictions(fashion_evaluation):
    _, data, report = fashion_evaluation
    matrix = np.array(report.confusion_matrix)

    for true_label in range(10):
        for predicted_label in range(10):
            indices = report.pair_indices(true_label, predicted_label)
            assert len(indices) == matrix[true_label, predicted_label]
            assert (data.y_test[indices] == true_label).all()
            assert (report.predicted[indices] == predicted_label).all()


@pytest.mark.real_data
def test_fashion_class_names(fashion_evaluation):
    _, _, report = fashion_evaluation

    assert report.class_names == FASHION_MNIST_CLASSES
    assert report.class_names[0] == "T-shirt/top"
    assert report.class_names[6] == "Shirt"
    assert report.class_names[9] == "Ankle boot"
    assert report.dataset == "Fashion-MNIST"


def test_digits_class_names(digits_images):
    data = split_images(digits_images, 0.2, 42)

    report = evaluate_test_set(untrained_model(data), data)

    assert report.class_names == DIGIT_CLASSES == tuple("0123456789")
    assert np.array(report.confusion_matrix).sum() == len(data.y_test) == 360


def test_mnist_folder_class_names(make_idx_folder):
    folder = make_idx_folder(shape=(28, 28), classes=10, train_count=40, test_count=20)
    data = split_images(
        load_images(DataConfig(dataset="mnist", data_dir=str(folder))), 0.2, 42
    )

    report = evaluate_test_set(untrained_model(data), data)

    assert report.class_names == tuple("0123456789")
    assert report.dataset == "MNIST"


def test_idx_folder_class_names(make_idx_folder):
    folder = make_idx_folder(classes=3)
    data = split_images(
        load_images(DataConfig(dataset="idx_folder", data_dir=str(folder))), 0.2, 42
    )

    report = evaluate_test_set(untrained_model(data), data)

    assert report.class_names == ("0", "1", "2")
    assert np.array(report.confusion_matrix).shape == (3, 3)
    assert np.array(report.confusion_matrix).sum() == 15


def test_session_attaches_report():
    session = TrainerSession()
    session.train(RunConfig().replace(dataset="digits", epochs=1, hidden_units=16))

    evaluation = session.evaluate(DataConfig(dataset="digits"), 42)

    report = evaluation.report
    assert report is not None
    assert evaluation.test == report.metrics
    assert set(report.metrics) == {"loss", "accuracy"}
    assert report.count == evaluation.test_count == 360
    assert np.trace(np.array(report.confusion_matrix)) / 360 == pytest.approx(
        evaluation.test["accuracy"], abs=1e-6
    )


def test_small_report_matrix_and_pairs():
    labels = [0, 0, 1, 1, 1, 2]
    predicted = [0, 1, 1, 1, 0, 1]

    report = small_report(labels, predicted)

    assert report.confusion_matrix == [[1, 1, 0], [1, 2, 0], [0, 1, 0]]
    assert report.class_counts == [2, 3, 1]
    assert report.per_class_accuracy == [0.5, pytest.approx(2 / 3), 0.0]
    assert report.pair_indices(1, 1).tolist() == [2, 3]
    assert report.pair_indices(1, 0).tolist() == [4]
    assert report.pair_indices(2, 2).tolist() == []


def test_absent_class_has_no_accuracy():
    report = small_report([0, 0, 1], [0, 1, 1])

    assert report.class_counts == [2, 1, 0]
    assert report.per_class_accuracy[2] is None


def test_pair_indices_reject_unknown_class():
    report = small_report([0, 1], [0, 1])

    with pytest.raises(ValueError, match="class 3 is invalid"):
        report.pair_indices(3, 0)
    with pytest.raises(ValueError, match="class -1 is invalid"):
        report.pair_indices(0, -1)


def test_samples_carry_prediction():
    report = small_report([0, 1, 2], [0, 2, 2], confidence=0.8)

    samples = report.samples([1, 2])

    assert [s.index for s in samples] == [1, 2]
    assert samples[0].true_label == 1
    assert samples[0].predicted_label == 2
    assert samples[0].confidence == pytest.approx(0.8)
    assert not samples[0].correct
    assert samples[1].correct
    assert samples[0].image.tolist() == [[4, 5], [6, 7]]


def test_samples_respect_limit():
    report = small_report([0] * 10, [0] * 10)

    assert len(report.samples(np.arange(10), limit=4)) == 4
    assert len(report.samples(np.arange(10))) == 10


def test_sample_indices_repeat_for_seed():
    labels = np.arange(100) % 3
    report = small_report(labels, np.zeros(100, dtype=int))

    first = report.sample_indices(12, seed=5)

    assert len(first) == 12
    assert first.tolist() == sorted(first.tolist())
    assert report.sample_indices(12, seed=5).tolist() == first.tolist()
    assert report.sample_indices(12, seed=6).tolist() != first.tolist()


def test_sample_indices_mistakes_only():
    labels = np.arange(30) % 3
    predicted = np.where(np.arange(30) < 10, (labels + 1) % 3, labels)
    report = small_report(labels, predicted)

    chosen = report.sample_indices(8, mistakes_only=True)

    assert len(chosen) == 8
    assert (report.labels[chosen] != report.predicted[chosen]).all()
    assert report.sample_indices(50, mistakes_only=True).tolist() == list(range(10))


def test_report_arrays_read_only():
    report = small_report([0, 1], [0, 1])

    for array in (report.labels, report.predicted, report.confidence, report.images):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1


def test_report_to_dict_is_json():
    report = small_report([0, 0, 1], [0, 1, 1])

    stored = json.loads(json.dumps(report.to_dict()))

    assert stored["confusion_matrix"] == [[1, 1, 0], [0, 1, 0], [0, 0, 0]]
    assert stored["per_class_accuracy"] == [0.5, 1.0, None]
    assert stored["count"] == 3
    assert stored["class_names"] == ["class 0", "class 1", "class 2"]
    assert stored["loss"] == 0.5


def test_make_report_rejects_wrong_shapes():
    images = np.zeros((4, 2, 2), dtype=np.uint8)
    labels = np.array([0, 1, 0, 1])

    with pytest.raises(ValueError, match=r"shape \(4, 2\)"):
        make_report("T", ("a", "b"), images, labels, np.zeros((4, 3)), {})
    with pytest.raises(ValueError, match="one label per image"):
        make_report("T", ("a", "b"), images[:3], labels, np.zeros((4, 2)), {})
    with pytest.raises(ValueError, match=r"labels must be in \[0, 1\]"):
        make_report("T", ("a", "b"), images, labels + 1, np.zeros((4, 2)), {})


def test_keras_argmax_ties_match_accuracy():
    """Equal top probabilities count as the first class, as in Keras' accuracy."""
    probabilities = np.array([[0.5, 0.5], [0.5, 0.5]], dtype=np.float32)
    labels = np.array([0, 1])
    metric = keras.metrics.SparseCategoricalAccuracy()
    metric.update_state(labels, probabilities)

    report = make_report(
        "T", ("a", "b"), np.zeros((2, 1, 1), np.uint8), labels, probabilities, {}
    )

    assert report.predicted.tolist() == [0, 0]
    assert float(metric.result()) == pytest.approx(0.5)
    assert np.trace(np.array(report.confusion_matrix)) / 2 == 0.5


def test_accuracy_from_keras_metric_names():
    images = np.zeros((4, 1, 1), np.uint8)
    labels = np.array([0, 1, 0, 1])
    probabilities = np.eye(2)[[0, 1, 1, 1]]

    def accuracy(metrics):
        report = make_report("T", ("a", "b"), images, labels, probabilities, metrics)
        return report.accuracy

    assert accuracy({"accuracy": 0.5}) == 0.5
    assert accuracy({"sparse_categorical_accuracy": 0.25}) == 0.25
    assert accuracy({"loss": 1.0}) == 0.75, "without a metric, from predictions"


def test_sparse_accuracy_model_evaluated(digits_images):
    data = split_images(digits_images, 0.2, 42)
    model = build_model(ModelConfig(), data.image_shape, data.num_classes)
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["sparse_categorical_accuracy"],
    )

    report = evaluate_test_set(model, data)

    assert set(report.metrics) == {"loss", "sparse_categorical_accuracy"}
    assert report.accuracy == pytest.approx(report.prediction_accuracy, abs=1e-6)
