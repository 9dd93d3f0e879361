"""The Akoma Ntoso 3.0 document model.

This layer reads, writes and validates AKN XML and knows the units of a draft;
it knows nothing of amendments, workspaces or the command line.
"""

from tracker.akn.namespace import AKN_NS, NS, akn
from tracker.akn.parsing import parse_bytes, parse_file, serialize

__all__ = ["AKN_NS", "NS", "akn", "parse_bytes", "parse_file", "serialize"]
