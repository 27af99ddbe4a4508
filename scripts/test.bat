@echo off
rem Run the whole test suite headless on Windows, creating .venv first when needed.
rem Any arguments go to pytest, e.g. "scripts\test.bat -m "not slow"".
setlocal
cd /d "%~dp0.."
call "%~dp0setup-venv.bat" test || exit /b 1
set QT_QPA_PLATFORM=offscreen
if not defined TF_CPP_MIN_LOG_LEVEL set TF_CPP_MIN_LOG_LEVEL=2
".venv\Scripts\python.exe" -m pytest %*
exit /b %ERRORLEVEL%
