"""Form messages, monitor switches, export failures and closing with a dialog open."""

from __future__ import annotations

import pytest



@pytest.mark.parametrize(
    ("values", "expected", "garbled"),
    [
        (
            {"checkpoint_path": "/tmp/x/ck.KERAS"},
            "Checkpoint file '/tmp/x/ck.KERAS' is invalid: a checkpoint is a whole "
            "model and must end in .keras",
            "Save best checkpoint is",
        ),
        (
            {"checkpoint_path": None},
            "Checkpoint file is missing: saving the best checkpoint needs a file name",
            "best Save best checkpoint",
        ),
    ],
)
def test_checkpoint_message_keeps_prose(make_window, values, expected, garbled):
    window = make_window(fake=True)
    window.form.set_values(checkpoint=True, **values)
    text = window.form.message_label.text()
    assert expected in text
    assert garbled not in text
    assert "checkpoint_path" not in text
