"""``wgt publish``: the whole workspace as a static bilingual site.

The site is a folder of plain files: an index of the group's documents, each
document's latest text with its languages side by side, every issued revision
(kept at its own address), its redline, every proposal and statement with its
signatures, the compilation, the annex and the chair's report, and downloads of
every revision in PDF, DOCX and Akoma Ntoso XML. Pages link to each other by
relative paths naming the file, so the folder works from a static host, an
intranet, or ``file://`` off a USB stick; nothing is fetched from elsewhere.

Addresses are stable: a paragraph is ``{ui}/{slug}/index.html#{wId}`` in every
revision and language (the ``wId`` never changes), an old revision keeps
``{ui}/{slug}/rev-{N}/index.html``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path

from tracker.documents import list_documents
from tracker.i18n import language_name, locales_dir, translations
from tracker.publish.document import DocumentSite, SiteContext
from tracker.publish.downloads import write_downloads
from tracker.publish.search import SearchEntry, search_script
from tracker.publish.templates import draw, script_json
from tracker.publish.wording import format_day, language_label
from tracker.publish.writer import BuildReport, SiteWriter, digest
from tracker.workspace import Workspace


def build_site(ws: Workspace, out: Path, *, today: str | None = None, now: dt.datetime | None = None) -> BuildReport:
    """Write the site of ``ws`` into ``out``, drawing again only what changed since the last build there.

    ``today`` dates the papers written for the site (the compilation and the report; today by
    default); ``now`` is the time the pages say the signatures were verified.
    """
    writer = SiteWriter.open(out)
    now = now or dt.datetime.now(dt.timezone.utc)
    site = SiteContext(
        ws=ws,
        writer=writer,
        ui_languages=list(ws.config.languages),
        salt=code_salt(),
        today=today or now.date().isoformat(),
        built_at=now,
    )
    try:
        documents = []
        search: list[SearchEntry] = []
        for summary in list_documents(ws):
            document = DocumentSite(site, summary.symbol)
            document.build()
            search += document.search
            documents.append(document)
        write_downloads(writer, site.downloads)
        _assets(site)
        script = search_script(search)
        writer.page("assets/search-data.js", digest(script), lambda: script)
        for ui in site.ui_languages:
            _index_page(site, ui, documents)
            _search_page(site, ui)
        _home_page(site)
    except BaseException:
        writer.save()  # what was written is on record: the next build keeps it, and redraws the rest
        raise
    return writer.finish()


def code_salt() -> str:
    """A digest of the code, templates, assets and catalogs that draw the site: a new wgt draws every page again."""
    package = resources.files("tracker")
    h = hashlib.sha256()
    for path in sorted(_files(Path(str(package)))):
        h.update(path.relative_to(Path(str(package))).as_posix().encode())
        h.update(path.read_bytes())
    for catalog in sorted(Path(locales_dir()).glob("*/LC_MESSAGES/*.mo")):
        h.update(catalog.read_bytes())
    return h.hexdigest()


def _files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".html", ".css", ".js", ".txt", ".md")
    ]


def _assets(site: SiteContext) -> None:
    """The stylesheet, the scripts and the vendored search library, as the package ships them."""
    folder = Path(str(resources.files("tracker.publish") / "assets"))
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".css", ".js", ".txt")):
        name = "assets/" + path.relative_to(folder).as_posix()
        data = path.read_bytes()
        site.writer.page(name, digest(name, data), lambda data=data: data)


def _index_page(site: SiteContext, ui: str, documents: list[DocumentSite]) -> None:
    path = f"{ui}/index.html"
    tr = translations(ui)
    rows = []
    for doc in documents:
        latest = doc.revisions[-1]
        lang = doc.ui_doc_lang(ui)
        rows.append(
            {
                "symbol": doc.symbol.base,
                "href": f"{doc.slug}/index.html",
                "title": doc.layouts(doc.latest, live=True)[lang].title,
                "title_lang": lang,
                "latest_symbol": latest.symbol,
                "rev_href": f"{doc.slug}/rev-{latest.rev}/index.html",
                "date": latest.date,
                "date_shown": format_day(latest.date, ui),
                "languages": ", ".join(language_name(lang, ui) for lang in doc.languages),
                "agreed": doc.agreed_share(ui, doc.latest, live=True),
            }
        )
    key = digest(site.salt, path, [[d.manifests[d.latest], d.marks_key] for d in documents])
    title = tr.gettext("Documents")
    site.writer.page(
        path,
        key,
        lambda: draw(ui, "index.html", **site.common(ui, path, "index", title, [(title, "")]), documents=rows),
    )


def _search_page(site: SiteContext, ui: str) -> None:
    path = f"{ui}/search.html"
    tr = translations(ui)
    strings = {
        "none": tr.gettext("No results for “{q}”."),
        "one": tr.gettext("One result for “{q}”."),
        "many": tr.gettext("{n} results for “{q}”."),
        "more": tr.gettext("Showing the first {shown}; add words to narrow the search."),
        "loading": tr.gettext("Searching…"),
        "empty": tr.gettext("Type words to find in the texts, proposals and statements."),
        "paragraph": tr.gettext("Paragraph"),
        "proposal": tr.gettext("Proposal"),
        "statement": tr.gettext("Statement"),
    }
    title = tr.gettext("Search")
    site.writer.page(
        path,
        digest(site.salt, path),
        lambda: draw(
            ui,
            "search.html",
            **site.common(ui, path, "search", title, [(tr.gettext("Documents"), "index.html"), (title, "")]),
            strings_json=script_json(strings),
        ),
    )


def _home_page(site: SiteContext) -> None:
    path = "index.html"
    ui = site.ui_languages[0]
    choices = [
        (
            lang,
            language_label(lang, lang),
            f"{lang}/index.html",
            translations(lang).gettext("the group's documents, proposals and statements"),
        )
        for lang in site.ui_languages
    ]
    context = site.common(ui, path, "home", site.ws.config.body, [])
    context["switches"] = []
    site.writer.page(path, digest(site.salt, path), lambda: draw(ui, "home.html", **context, choices=choices))
