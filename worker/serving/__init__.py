"""Serving models over the OpenAI protocol: a CPU/transformers server, and the `vllm serve` command for CUDA hosts."""
