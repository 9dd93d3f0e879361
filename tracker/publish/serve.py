"""Serving a built site on this machine's loopback address, for a look before it goes to a host.

Only files of the site are served (no folder listings, nothing outside it), on
127.0.0.1 alone: the site is meant for a static host or an intranet, and this is
the secretariat's preview of it, not a server for the group.
"""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _

#: The only address served: this machine's loopback.
HOST = "127.0.0.1"


class _SiteHandler(SimpleHTTPRequestHandler):
    """The files of one folder; a folder's address gives its ``index.html`` or nothing."""

    def list_directory(self, path):
        self.send_error(404)
        return None

    def end_headers(self) -> None:
        # What the site's pages may load: their own files. A page that tried more would show it in the console.
        self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return  # a preview needs no access log on the terminal


def serve(folder: Path, port: int, ready: Callable[[str], None]) -> None:
    """Serve ``folder`` on ``http://127.0.0.1:PORT/`` until Ctrl-C or SIGTERM; ``ready`` gets the address.

    ``port`` 0 takes a free port (the address says which).
    """
    handler = functools.partial(_SiteHandler, directory=str(folder))
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise WgtError(
            _("cannot serve on {host}:{port}: {reason}; choose another port with --port").format(
                host=HOST, port=port, reason=exc.strerror or exc
            )
        ) from None
    server.daemon_threads = True

    def stop(signum, frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        ready(f"http://{HOST}:{server.server_address[1]}/")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
