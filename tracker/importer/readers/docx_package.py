"""The zip package of a Word document, opened within bounds and parsed safely.

Files come from other people: each member's size is checked in the zip's
directory before anything is decompressed (no part over 64 MB, no package over
256 MB: a zip bomb is refused unread), no read returns more than the directory
declared, and every part is parsed as :mod:`tracker.akn.parsing` parses drafts
(no DTD, no entity, no network, libxml2's limits). What is not a Word document
(a .doc, an encrypted file, a PDF, an .odt, Strict Open XML) is named as what it is.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree

from tracker.errors import ImportTextError
from tracker.i18n import N_, _
from tracker.wordml import w

#: The largest part and the largest whole package (uncompressed) a Word document may be.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PACKAGE_BYTES = 256 * 1024 * 1024

_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_ENTITY_DECLARATION = re.compile(rb"<!entity", re.IGNORECASE)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)
#: What zipfile raises on a damaged archive (a bad header, a bad CRC, a corrupt deflate stream, an unknown method).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What a file that is no Word document is, by its first bytes.
_OTHER_FORMATS = ((b"%PDF", N_("a PDF file")), (b"{\\rtf", N_("an RTF file")))

#: What opening a package may refuse (msgids; each names the file first).
_MESSAGES = {
    "twice": N_("{name}: holds the part {part} twice; the file is damaged or hostile"),
    "password": N_("{name}: is protected by a password; remove the password in Word and import again"),
    "doc": N_("{name}: is a Word 97–2003 document (.doc); save it as Word Document (.docx) and import again"),
    "other": N_("{name}: is {kind}, not a Word document (.docx); save it as Word Document (.docx) and import again"),
    "strict": N_("{name}: is saved as Strict Open XML, which wgt does not read; save it as Word Document (.docx)"),
    "damaged": N_("{name}: the Word file is damaged ({reason}); save it again in Word and import again"),
    "large": N_(
        "{name}: refused: {what} would be {size:,} MB uncompressed, more than the {limit} MB a Word document may be; "
        "the file is damaged or hostile"
    ),
    "doctype": N_(
        "{name}: {part}: refuses a DOCTYPE or ENTITY declaration (external entities and entity expansion are never "
        "processed); the file is damaged or hostile"
    ),
    "xml": N_("{name}: {part}: malformed XML or beyond the safe parser's limits: {reason}; the file is damaged"),
}


def refuse(messages: dict[str, str], key: str, **values: object) -> ImportTextError:
    """The error of ``messages[key]`` in the interface language."""
    return ImportTextError(_(messages[key]).format(**values))


def _refuse(key: str, **values: object) -> ImportTextError:
    return refuse(_MESSAGES, key, **values)


class Package:
    """The parts of a zip package, read within bounds and parsed safely."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            raise _not_a_zip(data, name)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS as exc:
            raise _refuse("damaged", name=name, reason=exc) from None
        self.infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            key = info.filename.lstrip("/").lower()  # part names are case-insensitive
            if key in self.infos:
                raise _refuse("twice", name=name, part=key)
            self.infos[key] = info
            if info.flag_bits & 0x1:
                raise _refuse("password", name=name)
            if info.file_size > MAX_PART_BYTES:
                raise _too_large(name, info.filename, info.file_size, MAX_PART_BYTES)
            total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise _too_large(name, None, total, MAX_PACKAGE_BYTES)
        self._parsed: dict[str, etree._Element | None] = {}

    def read(self, part: str) -> bytes | None:
        info = self.infos.get(part.lower())
        if info is None:
            return None
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_PART_BYTES + 1)  # never more than the directory declared, and bounded
        except _ZIP_ERRORS as exc:
            raise _refuse("damaged", name=self.name, reason=exc) from None
        if len(data) > MAX_PART_BYTES:
            raise _too_large(self.name, info.filename, len(data), MAX_PART_BYTES)
        return data

    def xml(self, part: str | None) -> etree._Element | None:
        """The root of the XML part ``part``, or None when the package lacks it."""
        if part is None:
            return None
        if part not in self._parsed:
            data = self.read(part)
            self._parsed[part] = None if data is None else _parse(data, self.name, part)
        return self._parsed[part]

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """``{rId: (type, part)}`` of the internal relationships of ``part`` ("" for the package's own)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(_PACKAGE_RELS) if root is not None else ():
            target = unquote(rel.get("Target", ""))
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            path = posixpath.normpath(path)
            if not path.startswith(".."):
                out[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return out

    def related(self, part: str, kind: str) -> list[str]:
        return [path for rel_type, path in self.relations(part).values() if rel_type == kind]

    def related_xml(self, part: str, kind: str) -> etree._Element | None:
        """The root of the first part of relationship type ``kind`` of ``part`` (styles, numbering…), if any."""
        return self.xml(next(iter(self.related(part, kind)), None))

    def main(self) -> tuple[str, etree._Element]:
        """The main document part and its root, or the reason the file is no Word document."""
        found = [path for kind, path in self.relations("").values() if kind.endswith("/officeDocument")]
        part = next((path for path in found if path.lower() in self.infos), "word/document.xml")
        root = self.xml(part)
        if root is None:
            mimetype = self.read("mimetype") or b""
            if mimetype.startswith(b"application/vnd.oasis.opendocument") or "content.xml" in self.infos:
                raise _other_format(self.name, N_("an OpenDocument file (.odt)"))
            raise _other_format(self.name, N_("a zip file without word/document.xml"))
        if root.tag == f"{{{_STRICT_W}}}document":
            raise _refuse("strict", name=self.name)
        if root.tag != w("document") or root.find(w("body")) is None:
            raise _other_format(self.name, N_("an XML package that is no Word document"))
        return part, root


def _not_a_zip(data: bytes, name: str) -> ImportTextError:
    if data.startswith(_OLE):
        # A password-protected .docx is an OLE file holding the encrypted package: say which it is.
        if "EncryptedPackage".encode("utf-16-le") in data:
            return _refuse("password", name=name)
        return _refuse("doc", name=name)
    kind = next((kind for magic, kind in _OTHER_FORMATS if data.startswith(magic)), N_("not a zip package"))
    return _other_format(name, kind)


def _other_format(name: str, kind: str) -> ImportTextError:
    return _refuse("other", name=name, kind=_(kind))


def _too_large(name: str, part: str | None, size: int, limit: int) -> ImportTextError:
    what = _("the part {part}").format(part=part) if part else _("the whole package")
    return _refuse("large", name=name, what=what, size=-(-size // 2**20), limit=limit // 2**20)


def _parse(data: bytes, name: str, part: str) -> etree._Element:
    """Parse one part as :func:`tracker.akn.parsing.parse_bytes` parses a draft: no DTD, no entity, bounded."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in head or _ENTITY_DECLARATION.search(data):
        raise _refuse("doctype", name=name, part=part)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _refuse("xml", name=name, part=part, reason=exc.msg) from None
    info = root.getroottree().docinfo  # the byte check cannot see a DOCTYPE in UTF-16
    if info.doctype or info.internalDTD is not None or next(root.iter(etree.Entity), None) is not None:
        raise _refuse("doctype", name=name, part=part)
    return root


__all__ = ["MAX_PACKAGE_BYTES", "MAX_PART_BYTES", "Package", "refuse"]
