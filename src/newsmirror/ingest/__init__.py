"""Ingest: find raw documents (archives, feeds, pages) and hand them on as RawDocument."""
