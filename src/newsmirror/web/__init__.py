"""The reader: FastAPI + Jinja2 pages, a JSON API and Atom feeds over the store."""

from newsmirror.web.app import create_app

__all__ = ["create_app"]
