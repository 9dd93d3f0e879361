"""The pages of one document: its text side by side, its revisions, its records and the group's papers on it.

Each page is asked of the :class:`~tracker.publish.writer.SiteWriter` with the key
of what it is made of, and drawn only when that changed: an issued revision's
pages and downloads once, the latest text when a mark or a record on it changes,
a record's page when the record does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

from tracker.amendments.record import Amendment
from tracker.i18n import language_name, translations
from tracker.publish.downloads import DOWNLOADS, Download
from tracker.publish.papers import draw_changes, draw_paper
from tracker.publish.parallel import Row, parallel_rows
from tracker.publish.records import draw_record, draw_records
from tracker.publish.search import SearchEntry
from tracker.publish.templates import draw
from tracker.publish.wording import format_day, language_label, ui_term
from tracker.publish.writer import SiteWriter, digest
from tracker.render.layout import build_layout
from tracker.render.model import Layout
from tracker.render.record import Negotiation
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN, effective_status
from tracker.revisions import manifest_path
from tracker.trust.rules import state_hash
from tracker.trust.state import read_log


@dataclass
class SiteContext:
    """What every page of a build shares: the workspace, the languages, the code's salt, the build's times."""

    ws: object
    writer: SiteWriter
    ui_languages: list[str]
    salt: str
    today: str
    built_at: dt.datetime
    #: The downloads of every document, drawn after the pages (:mod:`tracker.publish.downloads`).
    downloads: list[Download] = field(default_factory=list)

    def common(self, ui: str, path: str, kind: str, title: str, crumbs: list[tuple[str, str]]) -> dict:
        """The context every template's frame needs for the page at site path ``path``."""
        from tracker.publish.templates import root_of

        root = root_of(path)
        own = path.split("/", 1)[1] if "/" in path else path
        switches = [
            (other, language_label(other, other), f"{root}/{other}/{own}") for other in self.ui_languages if other != ui
        ]
        config = self.ws.config
        return {
            "root": root,
            "page_kind": kind,
            "title": title,
            "crumbs": crumbs,
            "switches": switches,
            "body_symbol": config.body,
            "body_name": config.name or config.body,
        }


class DocumentSite:
    """The pages of the document ``symbol`` (slug ``slug``) in every interface language."""

    def __init__(self, site: SiteContext, symbol: str) -> None:
        self.site = site
        ws = site.ws
        first = Negotiation.of(ws, symbol)
        self.languages = [lang for lang in ws.config.languages if lang in self._languages_of(first)]
        self.negotiations = {lang: replace(first, lang=lang) for lang in self.languages}
        self.neg = first
        self.slug = first.symbol.slug
        self.symbol = first.symbol
        self.revisions = first.revisions()
        self.latest = first.latest
        self.records = first.in_document_order(first.records, first.draft())
        self.record_keys = {r.id: digest(r.to_json()) for r in self.records}
        self.statuses_now = first.statuses()
        log = read_log(ws)
        self.manifests = {
            r.rev: state_hash(log.latest(ws.relative(manifest_path(ws.document_dir(self.slug), r.rev))).state)
            for r in self.revisions
        }
        self.roster = _roster(ws)
        self.search: list[SearchEntry] = []
        self._layouts: dict[tuple[int, bool], dict[str, Layout]] = {}
        self._rows: dict[tuple[int, bool], list[Row]] = {}
        self.drawn_records: dict[str, tuple] = {}

    @staticmethod
    def _languages_of(neg: Negotiation) -> set[str]:
        from tracker.documents import draft_files

        return set(draft_files(neg.ws, neg.symbol.slug)[neg.latest])

    # -- what the pages are made of ---------------------------------------------------------------

    @cached_property
    def labels(self) -> dict[str, str]:
        return self.neg.draft().labels()

    @cached_property
    def marks_key(self) -> str:
        return digest(sorted(f"{k}={v}" for k, v in self.statuses_now.items()))

    @cached_property
    def records_key(self) -> str:
        return digest(sorted(self.record_keys.values()))

    def layouts(self, rev: int, live: bool) -> dict[str, Layout]:
        """Each language's layout of ``rev`` (the chair's marks since its issue too when ``live``), made once."""
        key = (rev, live)
        if key not in self._layouts:
            self._layouts[key] = {
                lang: build_layout(self.neg.drafts.get(rev, lang), statuses=self.statuses_now if live else None)
                for lang in self.languages
            }
        return self._layouts[key]

    def rows(self, rev: int, live: bool) -> list[Row]:
        """The revision's units side by side, made once (each interface language's page orders their cells)."""
        key = (rev, live)
        if key not in self._rows:
            self._rows[key] = parallel_rows(
                self.layouts(rev, live), self.neg.drafts.get(rev, self.languages[0]).labels()
            )
        return self._rows[key]

    # -- building ---------------------------------------------------------------------------------

    def build(self) -> None:
        """Every page and download of the document, and its entries for the search."""
        live_rows = self.rows(self.latest, live=True)
        self._search_entries(live_rows)
        for ui in self.site.ui_languages:
            self.document_page(ui, live_rows)
            for revision in self.revisions:
                self.revision_page(ui, revision.rev)
                if revision.rev > 0:
                    self.changes_page(ui, revision.rev)
            self.history_page(ui)
            self.records_page(ui)
            for record in self.records:
                self.record_page(ui, record)
            for kind in ("compilation", "annex", "report"):
                self.paper_page(ui, kind)
        root = str(self.site.ws.root)
        for revision in self.revisions:
            for lang in self.languages:
                for fmt, _label in DOWNLOADS:
                    path = self.download_path(revision.rev, lang, fmt)
                    key = digest(self.site.salt, path, self.manifests[revision.rev])
                    self.site.downloads.append(Download(path, key, root, self.symbol.base, revision.rev, lang, fmt))

    def path(self, ui: str, *parts: str) -> str:
        return "/".join([ui, self.slug, *parts])

    def crumbs(self, ui: str, path: str, *more: tuple[str, str]) -> list[tuple[str, str]]:
        from tracker.publish.templates import root_of

        root = root_of(path)
        tr = translations(ui)
        return [
            (tr.gettext("Documents"), f"{root}/{ui}/index.html"),
            (self.symbol.base, f"{root}/{ui}/{self.slug}/index.html"),
            *more,
        ]

    def ui_doc_lang(self, ui: str) -> str:
        """The language a paper is shown in on the ``ui`` site: the same, or the document's first."""
        return ui if ui in self.languages else self.languages[0]

    def document_page(self, ui: str, rows: list[Row]) -> None:
        path = self.path(ui, "index.html")
        key = digest(self.site.salt, path, self.manifests[self.latest], self.marks_key, self.records_key)
        self.site.writer.page(path, key, lambda: self._draw_text(ui, path, rows, self.latest, live=True))

    def revision_page(self, ui: str, rev: int) -> None:
        path = self.path(ui, f"rev-{rev}", "index.html")
        key = digest(self.site.salt, path, self.manifests[rev], self.latest)
        self.site.writer.page(path, key, lambda: self._draw_text(ui, path, self.rows(rev, live=False), rev, live=False))

    def _draw_text(self, ui: str, path: str, rows: list[Row], rev: int, live: bool) -> str:
        tr = translations(ui)
        prefix = "" if live else "../"
        records_by_unit: dict[str, list] = {}
        if live:
            for record in self.records:
                if record.unit and (record.is_open or (record.kind == "statement" and record.status != "withdrawn")):
                    records_by_unit.setdefault(record.unit, []).append(
                        {"id": record.id, "href": f"amendments/{record.id}.html", "status": ui_term(record.status, ui)}
                    )
        # TRANSLATORS: the badge of one paragraph's negotiation status on the site.
        words = {
            AGREED: tr.pgettext("paragraph status", "Agreed"),
            AD_REFERENDUM: tr.pgettext("paragraph status", "Agreed ad referendum"),
            OPEN: tr.pgettext("paragraph status", "In brackets"),
        }
        for row in rows:
            row.records = records_by_unit.get(row.unit or "", [])
            row.status_text = words.get(row.status or "", "")
            if row.status == OPEN and not row.bracketed:
                row.status_text = tr.pgettext("paragraph status", "Under negotiation")
        revision = next(r for r in self.revisions if r.rev == rev)
        heading = self.symbol.with_rev(rev)
        title_lang = self.ui_doc_lang(ui)
        doc_title = self.layouts(rev, live)[title_lang].title
        facts = [
            (tr.gettext("Revision"), heading),
            (tr.gettext("Date"), format_day(revision.date, ui)),
            (tr.gettext("Languages"), ", ".join(language_name(lang, ui) for lang in self.languages)),
            (tr.gettext("Paragraphs agreed"), self.agreed_share(ui, rev, live)),
        ]
        links = [
            (tr.gettext("Revision history"), f"{prefix}history.html"),
            (tr.gettext("Proposals and statements"), f"{prefix}amendments/index.html"),
            (tr.gettext("Compilation of proposals"), f"{prefix}compilation.html"),
            (tr.gettext("Statements and reservations"), f"{prefix}annex.html"),
            (tr.gettext("Chair's report"), f"{prefix}report.html"),
        ]
        if rev > 0:
            links.insert(1, (tr.gettext("Changes from the previous revision"), f"{prefix}rev-{rev}/changes.html"))
        if live:
            links.append((tr.gettext("Permanent page of this revision"), f"rev-{rev}/index.html"))
        notice = None
        if not live and rev != self.latest:
            notice = tr.gettext("This is an earlier revision. The latest is {symbol}.").format(
                symbol=self.symbol.with_rev(self.latest)
            )
        legend = next((layout.legend for layout in [self.layouts(rev, live)[self.languages[0]]] if layout.legend), None)
        crumbs = self.crumbs(ui, path) if live else self.crumbs(ui, path, (heading, ""))
        return draw(
            ui,
            "document.html",
            **self.site.common(ui, path, "document" if live else "revision", heading, crumbs),
            heading=heading,
            doc_title=doc_title,
            title_lang=title_lang,
            notice=notice,
            facts=facts,
            doc_links=links,
            download_formats=[label for _fmt, label in DOWNLOADS],
            downloads=self.download_rows(ui, path, rev),
            legend=legend and tr.gettext("Text in square brackets is still under negotiation."),
            columns=[(lang, language_label(lang, ui)) for lang in self.ordered(ui)],
            rows=[self.ordered_row(row, ui) for row in rows],
        )

    def ordered(self, ui: str) -> list[str]:
        """The languages with the interface language's first (it is the column a phone shows)."""
        return sorted(self.languages, key=lambda lang: lang != ui)

    def ordered_row(self, row: Row, ui: str) -> Row:
        order = self.ordered(ui)
        return replace(row, cells=sorted(row.cells, key=lambda cell: order.index(cell.lang)))

    def agreed_share(self, ui: str, rev: int, live: bool) -> str:
        """How many of the revision's paragraphs are agreed, as a count and a share."""
        from babel.numbers import format_percent

        from tracker.render.record import counted_paragraphs

        tr = translations(ui)
        units = self.neg.drafts.get(rev, self.languages[0]).units()
        parents = {u.wid: u.parent for u in units}
        if live:
            recorded = self.statuses_now
        else:
            from tracker.render.status import read_statuses

            draft = self.neg.drafts.get(rev, self.languages[0])
            recorded = read_statuses(draft.root, draft.name)
        paragraphs = counted_paragraphs(units)
        agreed = sum(
            1
            for _paragraph, parts in paragraphs
            if all(effective_status(u.wid, parents, recorded) == AGREED for u in parts)
        )
        total = len(paragraphs)
        share = format_percent(agreed / total if total else 0, locale=ui)
        return tr.ngettext(
            "{agreed} of {total} paragraph ({share})", "{agreed} of {total} paragraphs ({share})", total
        ).format(agreed=agreed, total=total, share=share)

    def download_rows(self, ui: str, path: str, rev: int) -> list:
        from tracker.publish.templates import root_of

        root = root_of(path)
        return [
            (
                lang,
                language_label(lang, ui),
                [(label, f"{root}/{self.download_path(rev, lang, fmt)}") for fmt, label in DOWNLOADS],
            )
            for lang in self.ordered(ui)
        ]

    def download_path(self, rev: int, lang: str, fmt: str) -> str:
        return f"downloads/{self.slug}/rev{rev}.{lang}.{fmt}"

    def changes_page(self, ui: str, rev: int) -> None:
        path = self.path(ui, f"rev-{rev}", "changes.html")
        revision = next(r for r in self.revisions if r.rev == rev)
        incorporated = [self.record_keys.get(i, i) for i in revision.incorporated]
        key = digest(self.site.salt, path, self.manifests[rev - 1], self.manifests[rev], incorporated)
        self.site.writer.page(path, key, lambda: draw_changes(self, ui, path, revision))

    def history_page(self, ui: str) -> None:
        path = self.path(ui, "history.html")
        key = digest(self.site.salt, path, sorted(self.manifests.items()))
        self.site.writer.page(path, key, lambda: self._draw_history(ui, path))

    def _draw_history(self, ui: str, path: str) -> str:
        tr = translations(ui)
        title = tr.gettext("{symbol}: revision history").format(symbol=self.symbol.base)
        revisions = [
            {
                "rev": r.rev,
                "symbol": r.symbol,
                "date": r.date,
                "date_shown": format_day(r.date, ui),
                "href": f"rev-{r.rev}/index.html",
                "changes_href": f"rev-{r.rev}/changes.html" if r.rev > 0 else None,
                "incorporated": [(i, f"amendments/{i}.html") for i in r.incorporated],
            }
            for r in reversed(self.revisions)
        ]
        return draw(
            ui,
            "history.html",
            **self.site.common(ui, path, "history", title, self.crumbs(ui, path, (title, ""))),
            revisions=revisions,
        )

    def records_page(self, ui: str) -> None:
        path = self.path(ui, "amendments", "index.html")
        key = digest(self.site.salt, path, self.records_key, self.manifests[self.latest])
        self.site.writer.page(path, key, lambda: draw_records(self, ui, path))

    def record_page(self, ui: str, record: Amendment) -> None:
        path = self.path(ui, "amendments", f"{record.id}.html")
        signers = {record.by, *(v.signed_by for v in record.texts.values()), *(h.by for h in record.history)}
        signers.update(c.by for c in record.cosponsorships)
        keys = sorted(k for code in signers for k in self.roster.keys_of(code))  # a key revoked or added: drawn again
        unit = (record.unit or "", self.labels.get(record.unit or "", ""))
        key = digest(self.site.salt, path, self.record_keys[record.id], keys, unit)
        self.site.writer.page(path, key, lambda: draw_record(self, ui, path, record))

    def paper_page(self, ui: str, kind: str) -> None:
        path = self.path(ui, f"{kind}.html")
        key = digest(
            self.site.salt, path, self.records_key, self.marks_key, sorted(self.manifests.items()), self.site.today
        )
        self.site.writer.page(path, key, lambda: draw_paper(self, ui, path, kind))

    def _search_entries(self, rows: list[Row]) -> None:
        """The latest text's paragraphs and every record's texts, for the search."""
        title = self.symbol.base
        for row in rows:
            if not row.unit:
                continue
            for cell in row.cells:
                if cell.text.strip():
                    self.search.append(
                        SearchEntry(
                            "paragraph",
                            cell.lang,
                            f"{row.label} · {title}",
                            cell.text,
                            f"{self.slug}/index.html#{row.unit}",
                        )
                    )
        for record in self.records:
            kind = "statement" if record.kind == "statement" else "proposal"
            unit = self.labels.get(record.unit or "", "")
            label = " · ".join(part for part in (record.id, unit, title) if part)
            for lang, version in sorted(record.texts.items()):
                self.search.append(
                    SearchEntry(kind, lang, label, version.text, f"{self.slug}/amendments/{record.id}.html")
                )


def _roster(ws):
    from tracker.amendments.store import AmendmentStore

    return AmendmentStore(ws).state
