"""Training recipes: one training loop (train.py) for every stage; each stage builds its data in engine.data."""
