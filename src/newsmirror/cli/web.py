"""`newsmirror serve`: the reader."""

from __future__ import annotations

import errno
import signal
import socket
from pathlib import Path
from types import FrameType
from typing import Annotated, NoReturn

import typer

from newsmirror.cli import (
    DbOption,
    app,
    console,
    err_console,
    friendly_errors,
    store_from,
)
from newsmirror.errors import NewsmirrorError


def ensure_port_free(host: str, port: int) -> None:
    """Fail with a sentence instead of uvicorn's raw 'address already in use' after our banner.

    Binding once and closing leaves a tiny race with another program, which uvicorn then
    reports itself; the common case (a reader already running) gets a clear message.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise NewsmirrorError(f"cannot listen on {host!r}: {exc.strerror}; check --host") from None
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:  # an address of another machine (--host 10.9.9.9), a privileged port
                raise NewsmirrorError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; check --host (an "
                                      "address of this machine, or 0.0.0.0 for all of them) and --port") from None
            raise NewsmirrorError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; another program (perhaps another "
                f"`newsmirror serve`) uses that port: stop it or choose another with --port"
            ) from None


# --- web (reader) ---
@app.command()
@friendly_errors
def serve(
    db: DbOption = "",
    host: Annotated[str, typer.Option(help="Address to listen on. The default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    admin_token: Annotated[
        str,
        typer.Option("--admin-token", envvar="NEWSMIRROR_ADMIN_TOKEN",
                     help="Enables admin actions (POST /api/admin/...) for requests with "
                          "'Authorization: Bearer TOKEN'. Without it the reader is read-only."),
    ] = "",
    public_url: Annotated[
        str,
        typer.Option("--public-url", help="The address readers use (behind a proxy); feeds link to it, and "
                     "its path (https://example.org/news) prefixes every link, whether the proxy strips it "
                     "or not. Default: the address it listens on (never the Host header a client sends)."),
    ] = "",
    images: Annotated[
        str,
        typer.Option("--images", help="A build's image cache (OUT/.cache/images): articles show these "
                     "mirrored copies. Images are never loaded from the outlets."),
    ] = "",
) -> None:
    """Run the reader: latest articles, outlets, channels, stories side by side, search in either
    script, a JSON API (/docs) and Atom feeds of any search (/search.atom?q=...)."""
    # Ctrl-C: uvicorn shuts down gracefully, then re-raises SIGINT to the handler it found, and uvicorn.run swallows
    # the KeyboardInterrupt that gives: the reader ended with 0 and no word (or, stopped while it started, with the
    # import's "everything stored so far is kept"). This handler notes the signal, so the reader says it stopped.
    stops: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> NoReturn:
        stops.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, stop)
    try:
        _run_reader(db, host, port, admin_token, public_url, images)
    except KeyboardInterrupt:
        stops.append(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, previous)
    if stops:  # a reader stores nothing: not the import's line (friendly_errors', for every other command)
        err_console.print("reader stopped.", soft_wrap=True)
        raise typer.Exit(130)


def _run_reader(db: str, host: str, port: int, admin_token: str, public_url: str, images: str) -> None:
    import uvicorn

    from newsmirror.publish.safe import served_url
    from newsmirror.web import create_app
    from newsmirror.web.root import root_path_of

    served_url(public_url, "--public-url")
    # The address first: `--host 999.1.1.1` warned that anyone could reach the store, then failed to resolve it.
    ensure_port_free(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read the store.")
    if images and not Path(images).is_dir():
        # Taken silently, a typo showed every article with its captions only and nothing saying why.
        from rich.markup import escape

        err_console.print(f"[yellow]warning:[/] --images {escape(images)} is no folder (yet): articles show their captions "
                          "only until a `newsmirror build` with images writes it (OUT/.cache/images)",
                          soft_wrap=True, highlight=False)
    root = root_path_of(public_url)
    # uvicorn shuts down gracefully on SIGTERM, then dies of it: the reader keeps SIGTERM's default under it
    # (cli.stopping's handler, raised inside uvicorn's event loop, was swallowed there: the reader ended with 0).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with store_from(db) as store:
        console.print(f"newsmirror reader on http://{host}:{port}{root}/ (API docs at {root}/docs)"
                      + (f", for readers at {public_url}" if public_url else "") + "; Ctrl-C stops it.")
        uvicorn.run(create_app(store, admin_token=admin_token or None, public_url=public_url or None,
                               images=Path(images) if images else None),
                    host=host, port=port,
                    log_level="warning")
