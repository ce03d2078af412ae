"""Grouping the same event across outlets and scripts, and comparing the reports."""
