"""``wgt check``: are a document's language versions saying the same thing?

The comparison modules (:mod:`.numbers`, :mod:`.dates`, :mod:`.symbols`, :mod:`.states`,
:mod:`.marks`, :mod:`.glossary`, :mod:`.compare`, :mod:`.drafts`) read only texts and
drafts: they sit beside the document model, so ``rev issue`` (in the amendments layer)
can run them on the revision it is about to write. :mod:`.document` reads a workspace's
issued revisions and open proposals: it sits above the amendments layer and is what
the ``wgt check`` command calls.

Nothing is imported here, so importing one comparison module never loads the rest.
"""
