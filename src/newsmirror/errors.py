"""Exceptions a user can act on. The CLI prints their message without a traceback."""

# How a command interrupted by Ctrl-C ends (here, where the light `newsmirror.__main__` and the CLI both read it):
# 128 + SIGINT, what a shell reports for Ctrl-C; before the command started (importing, parsing its command line),
# this line.
INTERRUPTED_EXIT = 130
INTERRUPTED_BEFORE_START = "interrupted before the command started; nothing was changed."


class NewsmirrorError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class ConfigError(NewsmirrorError):
    pass


class StoreError(NewsmirrorError):
    pass


class ImportFailure(NewsmirrorError):
    """One archive file could not be imported; the run goes on and reports it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FetchError(NewsmirrorError):
    pass


class ExtractionError(NewsmirrorError):
    pass
