"""briefer: a terminal briefing browser."""

__version__ = "0.1.0"
