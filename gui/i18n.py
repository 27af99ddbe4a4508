"""The UI language: Qt translators for English (the source) and Korean.

Translations live in ``resources/i18n/keras_trainer_<code>.qm``, compiled from
the ``.ts`` sources by ``scripts/update-translations``. The language follows
the system locale unless the user chose one in the Language menu.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gui import resources

logger = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "ko": "한국어"}
"""Language codes with a translation, and each language's name in itself."""

CONFIG_CONTEXT = "EngineConfig"
"""Translation context of the form texts that come from engine/config.py."""

_installed: list[QTranslator] = []


def system_language() -> str:
    """Return the code in LANGUAGES that matches the system locale, else "en"."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def translation_file(code: str) -> str:
    """Return the path of the app's compiled translation for language ``code``."""
    return str(resources.resource_path(f"i18n/keras_trainer_{code}.qm"))


def install_language(code: str) -> str:
    """Install the translators of ``code`` ("" follows the system locale).

    Removes the translators installed before. Returns the language code in
    use; a missing translation file is logged and leaves the UI in English.
    Widgets created afterwards show the new language.
    """
    app = QCoreApplication.instance()
    if code not in LANGUAGES:
        if code:
            logger.warning("Unknown UI language %r; following the system", code)
        code = system_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code == "en":
        return code

    app_translator = QTranslator(app)
    if not app_translator.load(translation_file(code)):
        logger.warning("Translation %s not found; the UI stays English", code)
        return "en"
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's own texts (standard buttons, file dialogs); optional.
    if qt_translator.load(f"qtbase_{code}", qt_folder):
        _installed.append(qt_translator)
    else:
        logger.info("Qt's own %s translation not found in %s", code, qt_folder)
    _installed.append(app_translator)
    for translator in _installed:
        app.installTranslator(translator)
    logger.info("UI language: %s", LANGUAGES[code])
    return code


def translate_config(text: str) -> str:
    """Return a title, description or choice label from engine/config.py translated.

    The source strings are listed in gui/config_strings.py so lupdate finds
    them; scripts/update-translations regenerates that file.
    """
    return QCoreApplication.translate(CONFIG_CONTEXT, text)


def restart_command() -> tuple[str, list[str]]:
    """Return the program and arguments that start this app again.

    A frozen build is its own program; from source, Python runs main.py again.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, [str(Path(sys.argv[0]).resolve()), *sys.argv[1:]]
