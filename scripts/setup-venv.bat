@echo off
rem Create .venv when it is missing and install Keras Trainer into it (Windows).
rem Usage: scripts\setup-venv.bat [EXTRA]   e.g. "test" adds pytest and pytest-qt.
rem Unlike scripts/setup-venv it installs only when .venv or the extra is new;
rem delete .venv\.installed-* after changing pyproject.toml to reinstall.
setlocal
cd /d "%~dp0.."
set "extra=%~1"
set "target=."
if not "%extra%"=="" set "target=.[%extra%]"
set "stamp=.venv\.installed-%extra%"
if "%extra%"=="" set "stamp=.venv\.installed-base"
if not exist ".venv\Scripts\python.exe" (
    echo Creating .venv
    py -3 -m venv .venv 2>nul || python -m venv .venv
    if errorlevel 1 (
        echo error: creating .venv failed. Install Python 3.10 or newer from python.org and try again. 1>&2
        exit /b 1
    )
)
if exist "%stamp%" exit /b 0
echo Installing keras-trainer%target:~1% into .venv (the first time takes a few minutes)
".venv\Scripts\python.exe" -m pip install --disable-pip-version-check -e "%target%"
if errorlevel 1 (
    echo error: installing into .venv failed; see the output above. 1>&2
    exit /b 1
)
type nul > "%stamp%"
exit /b 0
