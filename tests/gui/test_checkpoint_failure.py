"""Tests of the window's report of a checkpoint that a run could not write."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QMessageBox


def test_failed_checkpoint_reported(make_window, wait_idle):
    window = make_window(fake=True)
    fake_train = window.session.train

    def train_with_failed_checkpoint(*args, **kwargs):
        result = fake_train(*args, **kwargs)
        result.outcome = dataclasses.replace(
            result.outcome, checkpoint_error="the disk is full"
        )
        return result

    window.session.train = train_with_failed_checkpoint
    window.form.set_values(epochs=1)

    window.train()
    wait_idle(window)

    status = window.statusBar().currentMessage()
    assert "Checkpoint not written: the disk is full" in status
    boxes = [
        box
        for box in window.findChildren(QMessageBox, "warning_message")
        if box.isVisible()
    ]
    assert [box.text() for box in boxes] == ["Checkpoint not written: the disk is full"]
    for box in boxes:
        box.close()
