"""Officium: a self-hosted office automation and mobile-office platform."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("officium")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"
