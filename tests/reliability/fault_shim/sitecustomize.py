"""Loaded by Python at start-up when this folder is on PYTHONPATH: installs $RELPREP_FAULT and,
at exit, notes in the file named by $RELPREP_FAULT_LOG whether the fault was reached."""

import atexit
import os
from pathlib import Path

from tests.reliability.faults import ENV, LOG_ENV, Fault

if os.environ.get(ENV):
    _fault = Fault.parse(os.environ[ENV])
    setattr(os, _fault.function, _fault.wrap(getattr(os, _fault.function)))
    _log = Path(os.environ[LOG_ENV])
    atexit.register(lambda: _log.write_text("fired" if _fault.fired else "not reached"))
