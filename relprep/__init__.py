"""relprep: prepare for customer calls, debrief them, and keep the small promises."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("relprep")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
