"""The site's pages drawn from Jinja2 templates, in one interface language each.

Every piece of interface text in a template goes through ``_()``, the gettext
catalogs of the package (extracted with the rest of wgt's messages), so a page
of the Spanish site is Spanish throughout. Autoescaping is on: the texts come
from delegations, and only the document writer's own HTML (escaped by
:mod:`lxml` as it is built) is inserted as markup.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from tracker.i18n import translations


@cache
def environment(ui: str) -> Environment:
    """The template environment of interface language ``ui``."""
    env = Environment(
        loader=PackageLoader("tracker.publish", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(ui), newstyle=False)
    return env


def draw(ui: str, template: str, **context: Any) -> str:
    """The page ``template`` drawn in interface language ``ui`` with ``context``."""
    return environment(ui).get_template(template).render(ui=ui, **context)


def script_json(value: object) -> Markup:
    """``value`` as JSON that may stand inside a ``<script>`` element (no ``</script>`` can end it early)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def root_of(path: str) -> str:
    """The relative way from the page at site path ``path`` back to the site's root folder."""
    depth = path.count("/")
    return "/".join([".."] * depth) if depth else "."
