"""Orchestration across stages: the only place that may call every stage."""
