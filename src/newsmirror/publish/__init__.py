"""Publish: page-mirror Markdown, Jekyll posts, a static HTML site with feeds, QR codes, git push.

Everything written here must be private and light: no trackers, no hot-linked images, no
request to an outlet's host when a reader opens a page.
"""
