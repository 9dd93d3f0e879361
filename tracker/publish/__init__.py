"""The negotiation on the web: ``wgt publish`` writes the workspace as a static bilingual site.

:func:`build_site` writes the site (:mod:`tracker.publish.site`), drawing again only
the pages whose inputs changed (:mod:`tracker.publish.writer`); :func:`serve` serves
a built site on the loopback address (:mod:`tracker.publish.serve`).
"""

from __future__ import annotations

from tracker.publish.site import build_site
from tracker.publish.writer import BuildReport

__all__ = ["BuildReport", "build_site"]
