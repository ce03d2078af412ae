"""newsmirror: mirror and archive Chinese-language news."""

__version__ = "0.1.0"
