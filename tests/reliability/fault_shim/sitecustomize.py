"""Loaded by Python at start-up when this folder is on PYTHONPATH: installs $RELPREP_FAULT."""

import os

from tests.reliability.faults import ENV, Fault

if os.environ.get(ENV):
    _fault = Fault.parse(os.environ[ENV])
    setattr(os, _fault.function, _fault.wrap(getattr(os, _fault.function)))
