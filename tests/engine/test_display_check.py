"""Tests of the start-up check that explains why Qt cannot open a window."""

from __future__ import annotations

import sys

import pytest

from engine import display_check
from engine.display_check import display_problem

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the check runs on Linux only"
)


def test_no_display_named():
    message = display_problem({})
    assert "no display was found" in message
    assert "xvfb-run" in message


def test_offscreen_needs_no_display():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_missing_libraries_named(monkeypatch):
    monkeypatch.setattr(
        display_check, "missing_libraries", lambda files: ["libxcb-cursor.so.0"]
    )
    message = display_problem({"DISPLAY": ":0"})
    assert "libxcb-cursor.so.0" in message
    assert "sudo apt-get install libxcb-cursor0" in message


def test_plugin_files_found():
    names = [path.name for path in display_check.xcb_plugin_files()]
    assert "libqxcb.so" in names


def test_other_systems_skip(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert display_problem({}) is None
