"""Stored text on its way to a terminal: the one place the CLI makes it harmless.

Titles, names, bodies and URLs come from outlets and archives nobody here controls. Printed as
they are, ``[link=file:///...]`` is Rich markup (a clickable link the title never had), and
``ESC [ ... m`` / ``ESC ] ... BEL`` are terminal escape sequences (colours, cleared screens,
retitled windows, hyperlinks). Every CLI line that shows stored text goes through
:func:`shown` (for Rich output) or :func:`plain` (for ``print``).
"""

from __future__ import annotations

import logging
import re
import sys

from rich.markup import escape

# Whole escape sequences first (CSI, OSC, other ESC x), so no half of one is left as text.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
# Then any control character left (C0 but tab and newline, DEL, C1) and the bidirectional
# overrides that make a terminal show text in another order than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> str:
    """Text without escape sequences or control characters (tabs and newlines stay)."""
    text = str(value).replace("\r\n", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def shown(value: object) -> str:
    """:func:`plain` text with Rich markup escaped, for ``console.print`` and table cells."""
    return escape(plain(value))


class PlainFormatter(logging.Formatter):
    """Log lines as :func:`plain` text. A worker logs what a feed, a page or a store said (an exception's text: a
    server's reason phrase, an address, a received store's names), and a log handler writes it to the terminal as it
    is: ``ESC ] 0 ; … BEL`` retitled the operator's window, a bidi override reordered the line (review58). Rich markup
    needs no escaping here: a log handler does not read markup unless told to."""

    def format(self, record: logging.LogRecord) -> str:
        return plain(super().format(record))


class PlainLastResort(logging.Handler):
    """Python's last-resort handler, plain: what a command that configures no logging (every one but `worker` and
    `serve`) logs at WARNING reaches stderr through ``logging.lastResort``, which writes the message as it is. Such a
    warning may carry a received store's or an outlet's text (a store's name in an upgrade notice, an address), so
    it gets :class:`PlainFormatter`'s treatment too. Like the standard one it writes to the ``sys.stderr`` of the
    moment (a test's capture, a closed stream made /dev/null) and says only the message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(PlainFormatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - as logging's handlers do: a failed log line never fails the command
            self.handleError(record)
