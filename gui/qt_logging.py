"""Route Qt's own messages into Python logging, under the ``qt`` logger."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

logger = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    logger.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler():
    """Send every qDebug, qWarning and qCritical message to the ``qt`` logger.

    Returns the previous handler, for callers that restore it.
    """
    return qInstallMessageHandler(_handle_message)
