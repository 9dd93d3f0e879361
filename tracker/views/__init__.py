"""Read-only views of a draft: plain text and JSON (renderers for print come later)."""
