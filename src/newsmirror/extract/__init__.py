"""Extract: RawDocument -> Article (clean body, metadata, images)."""

from newsmirror.extract.pipeline import extract_article

__all__ = ["extract_article"]
