"""Tunewright's training engine: pure ML, driven by a ResolvedTrainingSpec, an output folder and a Reporter.

It imports only ML libraries, the stdlib, numpy, pydantic and `specs`, so it runs the same under a Celery
worker, from the CLI (`python -m worker.engine train SPEC.json OUT`) or in a notebook.
"""
