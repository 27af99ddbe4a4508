"""Training engine: data, model, training and files, with no Qt and no plotting.

Importing this package does not import TensorFlow. Only ``engine.callbacks``
imports Keras at module level, because it subclasses a Keras class; the other
modules import Keras inside the functions that need it.
"""

__version__ = "0.1.0"
