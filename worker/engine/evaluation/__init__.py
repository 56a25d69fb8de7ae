"""Evaluation: multiple-choice scoring by log-likelihood, eval loss on conversations or text, forgetting checks."""
