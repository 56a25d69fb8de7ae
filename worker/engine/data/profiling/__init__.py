"""The data report: pure functions that profile a dataset's normalised records (no DB, no queue)."""
