"""Labelled whole days of the feed archive (see GUIDE.md) and the tool that made them."""
