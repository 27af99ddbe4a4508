"""Tests of the launchers: the Linux desktop entry, Windows and macOS scripts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def install_entry(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    return subprocess.run(
        [str(SCRIPTS / "install-desktop-entry"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def desktop_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.mark.skipif(os.name == "nt", reason="the desktop entry is for Linux")
def test_desktop_entry_installs(tmp_path):
    done = install_entry(tmp_path)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / "keras-trainer.desktop"
    values = desktop_values(entry)

    assert values["Exec"] == str(SCRIPTS / "run")
    assert os.access(values["Exec"], os.X_OK)
    assert Path(values["Icon"]) == ROOT / "resources" / "icon.svg"
    assert Path(values["Icon"]).is_file()
    assert values["Name"] == "Keras Trainer"
    assert "@ROOT@" not in entry.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.skipif(os.name == "nt", reason="the desktop entry is for Linux")
def test_desktop_entry_uninstalls(tmp_path):
    assert install_entry(tmp_path).returncode == 0
    done = install_entry(tmp_path, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "applications" / "keras-trainer.desktop").exists()


@pytest.mark.skipif(os.name == "nt", reason="the desktop entry is for Linux")
def test_desktop_entry_rejects_argument(tmp_path):
    done = install_entry(tmp_path, "--bogus")
    assert done.returncode == 2
    assert "unknown argument '--bogus'" in done.stderr


@pytest.mark.parametrize("name", ["run.bat", "test.bat", "setup-venv.bat"])
def test_batch_files_use_crlf(name):
    content = (SCRIPTS / name).read_bytes()
    assert content.count(b"\n") == content.count(b"\r\n")
    assert b"setup-venv.bat" in content or name == "setup-venv.bat"


def test_macos_launcher_runs_scripts_run():
    launcher = SCRIPTS / "run.command"
    assert os.access(launcher, os.X_OK)
    assert "./scripts/run" in launcher.read_text()


def test_build_script_uses_spec():
    build = (SCRIPTS / "build").read_text()
    assert os.access(SCRIPTS / "build", os.X_OK)
    assert "keras-trainer.spec" in build
    assert (ROOT / "keras-trainer.spec").is_file()
