"""Training data: reading records, rendering them with the model's chat template, loss masks and batching."""
