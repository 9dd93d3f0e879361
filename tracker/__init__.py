"""wgt — the working-group tracker.

Drafts are Akoma Ntoso 3.0 files (:mod:`tracker.akn`), imported from plain text
(:mod:`tracker.importer`) into a workspace (:mod:`tracker.workspace`); the
``wgt`` command (:mod:`tracker.cli`) is a thin shell over these modules.
"""

__version__ = "0.1.0"
