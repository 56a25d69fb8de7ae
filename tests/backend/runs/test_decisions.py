"""The chat-or-base and method decisions, table-driven, and the pre-flight estimate on real model shapes."""

from __future__ import annotations

import pytest

from backend.catalog.architecture import Architecture
from backend.runs.decisions import Candidate, Policy, choose_method, choose_variant, choose_variant_for_preference
from backend.runs.estimate import Workload, estimate

POLICY = Policy(small_data=10_000, large_data=100_000, full_max_params=7e9)
CHAT_8B = Candidate("llama-chat", "chat", 8_000_000_000)
BASE_8B = Candidate("llama-base", "base", 8_000_000_000)
CHAT_1B = Candidate("qwen-chat", "chat", 1_500_000_000)
BASE_1B = Candidate("qwen-base", "base", 1_500_000_000)


def fits_only(*allowed: str):  # type: ignore[no-untyped-def]
    return lambda candidate, method: method in allowed


@pytest.mark.parametrize(("family", "expected"), [([BASE_1B, CHAT_1B], "qwen-chat"), ([BASE_8B], "llama-base")])
def test_preference_stages_tune_the_chat_model_whatever_the_data_size(family: list[Candidate], expected: str) -> None:
    chosen, reason = choose_variant_for_preference(family, "dpo")
    assert chosen.name == expected and expected in reason
    assert ("dpo refines" in reason) == (len(family) > 1)


@pytest.mark.parametrize(
    ("family", "records", "allowed", "expected", "words"),
    [
        ([CHAT_1B, BASE_1B], 500, ("full", "lora", "qlora"), "qwen-chat", "little data"),
        ([CHAT_1B, BASE_1B], 9_999, ("full", "lora", "qlora"), "qwen-chat", "little data"),
        ([CHAT_1B, BASE_1B], 10_000, ("full", "lora", "qlora"), "qwen-base", "middling"),
        ([CHAT_1B, BASE_1B], 50_000, ("lora", "qlora"), "qwen-chat", "does not fit"),
        ([CHAT_1B, BASE_1B], 200_000, ("full", "lora"), "qwen-base", "much data"),
        ([CHAT_8B, BASE_8B], 200_000, ("lora", "qlora"), "llama-chat", "does not fit"),
        ([BASE_8B], 10, ("lora",), "llama-base", "only variant"),
    ],
)
def test_chat_or_base(
    family: list[Candidate], records: int, allowed: tuple[str, ...], expected: str, words: str
) -> None:
    chosen, reason = choose_variant(family, records, POLICY, fits_only(*allowed))
    assert chosen.name == expected
    assert words in reason and expected in reason


@pytest.mark.parametrize(
    ("model", "records", "allowed", "expected"),
    [
        (CHAT_1B, 500, ("full", "lora", "qlora"), "lora"),  # chat + little data: adapt, keep alignment
        (CHAT_1B, 500, ("qlora",), "qlora"),
        (CHAT_1B, 500, ("full",), None),  # a chat model with little data is never fully retrained by 'auto'
        (BASE_1B, 200_000, ("full", "lora", "qlora"), "full"),
        (BASE_1B, 200_000, ("lora", "qlora"), "lora"),
        (BASE_1B, 200_000, ("qlora",), "qlora"),
        (BASE_8B, 200_000, ("full", "lora", "qlora"), "lora"),  # > 7B: adapters even if full would fit
        (BASE_8B, 200_000, (), None),
    ],
)
def test_method(model: Candidate, records: int, allowed: tuple[str, ...], expected: str | None) -> None:
    method, reason = choose_method(model, records, POLICY, fits_only(*allowed))
    assert method == expected
    assert (expected or "fits") in reason


LLAMA3_8B = Architecture(
    hidden_size=4096,
    intermediate_size=14336,
    num_layers=32,
    num_heads=32,
    num_kv_heads=8,
    vocab_size=128256,
    tied_embeddings=False,
)
QWEN25_1_5B = Architecture(
    hidden_size=1536,
    intermediate_size=8960,
    num_layers=28,
    num_heads=12,
    num_kv_heads=2,
    vocab_size=151936,
    tied_embeddings=True,
)


def _work(method: str, **changes: object) -> Workload:
    base = dict(
        method=method,
        lora_r=16,
        freeze_layers=2,
        micro_batch=4,
        seq_len=2048,
        precision="bf16",
        gradient_checkpointing=True,
        gpus=1,
        budget_gb=80.0,
        gpu_type="H100",
        total_tokens=10_000_000,
    )
    base.update(changes)
    return Workload(**base)  # type: ignore[arg-type]


def test_parameter_counts_match_the_published_models() -> None:
    assert LLAMA3_8B.parameters() == pytest.approx(8.03e9, rel=0.01)
    assert QWEN25_1_5B.parameters() == pytest.approx(1.54e9, rel=0.02)


def test_llama3_8b_full_does_not_fit_one_h100_but_lora_and_qlora_do() -> None:
    full, lora, qlora = (estimate(LLAMA3_8B, _work(m)) for m in ("full", "lora", "qlora"))
    assert not full.fits and full.total_gb > 128  # 16 bytes per trained parameter
    assert lora.fits and 16 < lora.total_gb < 40
    assert qlora.fits and qlora.total_gb < lora.total_gb - 8
    assert lora.trainable_parameters == pytest.approx(42e6, rel=0.05)  # r=16 on all linear layers
    assert full.seconds and lora.seconds and full.seconds > lora.seconds  # 6N vs 4N FLOPs per token


def test_sharding_and_checkpointing_change_the_answer() -> None:
    assert estimate(LLAMA3_8B, _work("full", gpus=4)).fits  # ZeRO-3 across 4 × 80 GB
    without = estimate(QWEN25_1_5B, _work("lora", gradient_checkpointing=False, micro_batch=16))
    with_ckpt = estimate(QWEN25_1_5B, _work("lora", micro_batch=16))
    assert not without.fits and with_ckpt.fits
    # Checkpointing keeps one layer's activations; the fp32 logits of a 152k vocabulary stay (≈ 40 GB here).
    assert without.activations_gb - with_ckpt.activations_gb > 40


def test_freeze_trains_only_the_last_layers() -> None:
    frozen = estimate(QWEN25_1_5B, _work("freeze", freeze_layers=2))
    assert frozen.trainable_parameters == 2 * QWEN25_1_5B.layer_parameters()


def test_cpu_has_no_time_estimate_and_unknown_budget_fits() -> None:
    result = estimate(QWEN25_1_5B, _work("lora", gpus=0, budget_gb=None, gpu_type=None))
    assert result.seconds is None and result.fits
