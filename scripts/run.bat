@echo off
rem Open the Keras Trainer window on Windows, creating .venv first when needed.
rem Any arguments go to main.py, e.g. "scripts\run.bat train --epochs 5".
setlocal
cd /d "%~dp0.."
call "%~dp0setup-venv.bat" || exit /b 1
".venv\Scripts\python.exe" main.py %*
exit /b %ERRORLEVEL%
