"""Training recipes: one readable training loop per stage (sft, ...)."""
