"""Rebuild the PDF fixtures of ``tests/test_read_pdf.py`` from their HTML sources.

The tests read the committed PDFs and never need WeasyPrint; run this only after
changing an HTML source or ``oas.css`` (``pip install weasyprint pypdf``, the Pango
libraries WeasyPrint needs and the DejaVu fonts), then check the expected texts of
the tests (a change of font or of WeasyPrint moves line breaks and hyphens)::

    python tests/data/real/build_pdf.py

Besides the three documents it writes the inputs the reader must refuse or
bear: a PDF that opens only with a password (refused), one encrypted with an
owner password only, which opens without one (read), and one whose page is a
picture of text (a scan with no text layer: refused).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

# fontTools stamps the font subsets WeasyPrint embeds with the time unless told otherwise:
# a fixed time (with the dates each HTML source states) makes a rebuild write the same bytes.
os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")

HERE = Path(__file__).resolve().parent
DOCUMENTS = ("ag-res-1717.es", "cp-cajp-2271-05.en", "cajp-gt-tm-11-04.en")


def build_documents() -> None:
    """One PDF per HTML source, with the running headers and footers of ``oas.css``."""
    from weasyprint import HTML

    for stem in DOCUMENTS:
        HTML(filename=str(HERE / f"{stem}.html")).write_pdf(HERE / f"{stem}.pdf")


def build_encrypted() -> None:
    """The note verbale, encrypted with a user password (it cannot be opened without one)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(HERE / "cajp-gt-tm-11-04.en.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with open(HERE / "encrypted.pdf", "wb") as out:
        writer.write(out)


def build_restricted() -> None:
    """The note verbale, encrypted with an owner password only: it opens without one (copying "forbidden")."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(HERE / "cajp-gt-tm-11-04.en.pdf"))
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=4, algorithm="AES-128")  # print only
    with open(HERE / "restricted.pdf", "wb") as out:
        writer.write(out)


def build_scan() -> None:
    """A page that is a picture of text: what a scanner writes before OCR."""
    from PIL import Image, ImageDraw
    from weasyprint import HTML

    picture = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(picture)
    for row in range(12):  # grey bars where the lines of a typed page would be
        draw.rectangle((100, 120 + row * 60, 750 - (row % 3) * 90, 140 + row * 60), fill=40)
    png = io.BytesIO()
    picture.save(png, format="PNG")
    (HERE / "scan.png").write_bytes(png.getvalue())
    html = '<html><body style="margin:0"><img src="scan.png" style="width:100%"></body></html>'
    HTML(string=html, base_url=str(HERE)).write_pdf(HERE / "scan.pdf")
    (HERE / "scan.png").unlink()


if __name__ == "__main__":
    build_documents()
    build_encrypted()
    build_restricted()
    build_scan()
