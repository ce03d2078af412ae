"""Jobs: orchestration across stages."""
