"""The Qt window of Keras Trainer.

Nothing here imports TensorFlow or Keras at module level: the window opens
first, and Keras loads on a worker thread.
"""

from gui.main_window import MainWindow

__all__ = ["MainWindow"]
