"""Readers of source files: each turns a file's bytes into the
:class:`~tracker.importer.lines.SourceLine` objects the structure rules read, and nothing else.

* :mod:`~tracker.importer.readers.text` — plain text (UTF-8, markdown-style marks as hints);
* :mod:`~tracker.importer.readers.docx` — Word documents (``.docx``), with the styles and
  automatic numbering Word resolves in :mod:`~tracker.importer.readers.docx_numbering`, the
  package opened within bounds by :mod:`~tracker.importer.readers.docx_package`;
* :mod:`~tracker.importer.readers.pdf` — PDF files, text in reading order without running
  headers, footers and page numbers.
"""
