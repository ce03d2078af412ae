"""Chinese text utilities shared by extract, store, stories and web."""
