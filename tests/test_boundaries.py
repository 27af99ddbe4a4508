"""Import boundaries between the engine, Keras and the Qt window.

The engine must run without Qt or plotting, and the window must open before
TensorFlow loads, so each check imports modules in a fresh interpreter and
inspects ``sys.modules`` afterwards.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE_MODULES = [
    "engine",
    *sorted(
        f"engine.{path.stem}"
        for path in (ROOT / "engine").glob("*.py")
        if path.stem != "__init__"
    ),
]
# engine.callbacks subclasses keras.callbacks.Callback, so it imports Keras at
# module level; engine.training imports it only inside train().
KERAS_ENGINE_MODULES = {"engine.callbacks", "engine.monitoring"}
KERAS_PACKAGES = ("tensorflow", "keras")
GUI_PACKAGES = ("PySide6", "matplotlib")

PROBE = """
import importlib, json, sys
result = {"import_error": None, "modules_after": {}}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError as error:
        result["import_error"] = f"{name}: {type(error).__name__}: {error}"
        break
    result["modules_after"][name] = sorted(sys.modules)
result["modules"] = sorted(sys.modules)
print(json.dumps(result))
"""


def import_in_fresh_interpreter(*names: str) -> dict:
    """Import ``names`` in order in a new Python process and return its sys.modules.

    The result maps "modules" to the final sys.modules and "modules_after" to
    sys.modules after each name, so one process can record a baseline too.
    """
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def loaded_packages(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """Return the modules in ``modules`` that belong to one of ``packages``."""
    return [
        name
        for name in modules
        if any(
            name == package or name.startswith(f"{package}.") for package in packages
        )
    ]


def module_level_imports(source: str) -> list[str]:
    """Return the modules that ``source`` imports when it is itself imported.

    Function bodies and ``if TYPE_CHECKING:`` blocks are skipped. Class bodies,
    ``try`` and other ``if`` blocks run at import, so they are searched.
    """
    found: list[str] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module:
                    found.append(node.module)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse)
            else:
                for value in ast.iter_fields(node):
                    _visit_field(value[1], visit)

    visit(ast.parse(source).body)
    return found


def _visit_field(value, visit) -> None:
    if not isinstance(value, list):
        return
    statements = [item for item in value if isinstance(item, ast.stmt)]
    visit(statements)
    for item in value:
        if isinstance(item, ast.ExceptHandler):
            visit(item.body)
        elif isinstance(item, ast.match_case):
            visit(item.body)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def forbidden_gui_imports(source: str) -> list[str]:
    """Return the module-level imports that would load Keras into the window."""
    return [
        name
        for name in module_level_imports(source)
        if name.split(".")[0] in KERAS_PACKAGES or name in KERAS_ENGINE_MODULES
    ]


# Engine ---------------------------------------------------------------------


def test_engine_module_list_complete():
    assert "engine.session" in ENGINE_MODULES
    assert KERAS_ENGINE_MODULES <= set(ENGINE_MODULES)


@pytest.mark.parametrize(
    "name",
    [name for name in ENGINE_MODULES if name not in KERAS_ENGINE_MODULES] + ["main"],
)
def test_engine_module_imports_no_keras(name):
    result = import_in_fresh_interpreter(name)

    assert result["import_error"] is None, result["import_error"]
    assert loaded_packages(result["modules"], KERAS_PACKAGES) == []
    assert loaded_packages(result["modules"], GUI_PACKAGES) == []


def test_engine_modules_load_no_qt_or_plots():
    # Keras 3.15 itself imports matplotlib.pyplot when it is installed
    # (keras/src/visualization/plot_image_gallery.py), so only plotting modules
    # beyond what "import keras" loads count against the engine.
    result = import_in_fresh_interpreter("keras", *ENGINE_MODULES)

    assert result["import_error"] is None, result["import_error"]
    assert loaded_packages(result["modules"], ("PySide6",)) == []
    baseline = set(loaded_packages(result["modules_after"]["keras"], GUI_PACKAGES))
    added = set(loaded_packages(result["modules"], GUI_PACKAGES)) - baseline
    assert sorted(added) == []


# Window ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gui", "gui.main_window"])
def test_gui_import_loads_no_keras(name):
    result = import_in_fresh_interpreter(name)

    if result["import_error"] is not None:
        pytest.skip(f"the window cannot be imported yet: {result['import_error']}")
    assert loaded_packages(result["modules"], KERAS_PACKAGES) == []


def test_gui_files_import_no_keras():
    files = sorted((ROOT / "gui").rglob("*.py"))
    if not files:
        pytest.skip("gui/ holds no Python files yet")

    for path in files:
        found = forbidden_gui_imports(path.read_text(encoding="utf-8"))
        assert found == [], f"{path.relative_to(ROOT)} imports {found} at module level"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import keras\n", ["keras"]),
        ("import tensorflow as tf\n", ["tensorflow"]),
        ("from keras.layers import Dense\n", ["keras.layers"]),
        ("from engine.callbacks import EpochReporter\n", ["engine.callbacks"]),
        ("try:\n    import keras\nexcept ImportError:\n    keras = None\n", ["keras"]),
        ("class Plot:\n    import tensorflow\n", ["tensorflow"]),
        ("if True:\n    from tensorflow import keras\n", ["tensorflow"]),
        ("def load():\n    import keras\n", []),
        ("class Worker:\n    def run(self):\n        import keras\n", []),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import keras\n", []),
        ("import typing\nif typing.TYPE_CHECKING:\n    import keras\n", []),
        ("import numpy as np\nfrom engine.session import TrainerSession\n", []),
    ],
    ids=[
        "import",
        "import-as",
        "from-import",
        "engine-callbacks",
        "try-block",
        "class-body",
        "if-block",
        "function-body",
        "method-body",
        "type-checking",
        "typing-type-checking",
        "no-keras",
    ],
)
def test_import_scan_finds_keras(source, expected):
    assert forbidden_gui_imports(source) == expected
