"""Loss masks: exactly the assistant answers and their end-of-turn markers are trained, for any real template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import IGNORE_INDEX, TokenizedChat, mask_preview, tokenize_chat
from worker.engine.data.sft_dataset import build_sft_dataset
from worker.engine.data.templates import BASE_MODEL_CHAT_TEMPLATE, resolve_chat_template
from worker.engine.errors import DataError

CONVERSATION: list[dict[str, Any]] = [
    {"role": "system", "content": "You answer questions about geography."},
    {"role": "user", "content": "What is the capital of France?"},
    {"role": "assistant", "content": "The capital of France is Paris."},
    {"role": "user", "content": "And of Peru?"},
    {"role": "assistant", "content": "The capital of Peru is Lima."},
]
ANSWERS = [CONVERSATION[2]["content"], CONVERSATION[4]["content"]]

# What each real template writes after an assistant message ("{eos}" = the tokenizer's eos token), once the
# whitespace around the trained text is stripped. "" = the template writes no end-of-turn marker at all.
END_OF_TURN = {
    "alpaca": "{eos}",
    "amberchat": "",
    "chatml": "<|im_end|>",
    "chatqa": "",
    "falcon-instruct": "",
    "gemma-it": "<end_of_turn>",
    "granite-3.0-instruct": "<|end_of_text|>",
    "llama-2-chat": " {eos}",
    "llama-3-instruct": "<|eot_id|>",
    "mistral-instruct": "{eos}",
    "openchat-3.5": "<|end_of_turn|>",
    "phi-3": "<|end|>",
    "phi-3-small": "<|end|>",
    "qwen2.5-instruct": "<|im_end|>",
    "saiga": "{eos}",
    "solar-instruct": "",
    "vicuna": "{eos}",
    "zephyr": "{eos}",
}
TEMPLATE_TOKENS = [
    "<|start_header_id|>",
    "<|end_header_id|>",
    "<|eot_id|>",
    "<start_of_turn>",
    "<end_of_turn>",
    "<|user|>",
    "<|assistant|>",
    "<|system|>",
    "<|end|>",
    "<|end_of_turn|>",
    "<|start_of_role|>",
    "<|end_of_role|>",
    "<|end_of_text|>",
]


def trained_segments(example: TokenizedChat, tokenizer: PreTrainedTokenizerBase) -> list[str]:
    """The decoded runs of consecutive trained tokens (skipping position 0, which no prediction targets)."""
    runs: list[list[int]] = []
    previous = False
    for position, label in enumerate(example.labels):
        trained = label != IGNORE_INDEX and position > 0
        if trained and not previous:
            runs.append([])
        if trained:
            runs[-1].append(label)
        previous = trained
    return [tokenizer.decode(run, skip_special_tokens=False, clean_up_tokenization_spaces=False) for run in runs]


def load_fixture_template(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if "{%-" in text:
        return text  # written with Jinja whitespace control; newlines inside strings are meaningful
    # The collection's documented loading convention: its templates are indented for reading only.
    return text.replace("    ", "").replace("\n", "")


def test_tiny_template_trains_answers_with_their_end_marker(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    example = tokenize_chat({"messages": CONVERSATION}, chat_tokenizer, chat_template=chat_tokenizer.chat_template)
    assert trained_segments(example, chat_tokenizer) == [f"{answer}<|im_end|>\n" for answer in ANSWERS]
    # Trained labels are the input tokens themselves; the model shifts them when computing the loss.
    assert all(label in (IGNORE_INDEX, token) for label, token in zip(example.labels, example.input_ids, strict=True))


def test_tokens_match_inference_rendering(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    example = tokenize_chat({"messages": CONVERSATION}, chat_tokenizer, chat_template=chat_tokenizer.chat_template)
    at_inference = chat_tokenizer.apply_chat_template(CONVERSATION, tokenize=True, return_dict=False)
    assert example.input_ids == list(at_inference)


def test_default_system_prompt_is_inserted_only_when_missing(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    template = chat_tokenizer.chat_template
    without_system = {"messages": CONVERSATION[1:]}
    example = tokenize_chat(without_system, chat_tokenizer, chat_template=template, default_system_prompt="Be brief.")
    assert "<|im_start|>system\nBe brief.<|im_end|>" in chat_tokenizer.decode(example.input_ids)

    own_system = tokenize_chat(
        {"messages": CONVERSATION}, chat_tokenizer, chat_template=template, default_system_prompt="Be brief."
    )
    text = chat_tokenizer.decode(own_system.input_ids)
    assert "Be brief." not in text and CONVERSATION[0]["content"] in text

    # None lets the template do its own thing: tiny-chat's template has its own default.
    own_default = tokenize_chat(without_system, chat_tokenizer, chat_template=template, default_system_prompt=None)
    assert "You are Tiny, a helpful assistant." in chat_tokenizer.decode(own_default.input_ids)


def test_weight_zero_answers_are_context_only(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    messages = [dict(message) for message in CONVERSATION]
    messages[2]["weight"] = 0
    template = chat_tokenizer.chat_template
    example = tokenize_chat({"messages": messages}, chat_tokenizer, chat_template=template)
    assert trained_segments(example, chat_tokenizer) == [f"{ANSWERS[1]}<|im_end|>\n"]
    assert ANSWERS[0] in chat_tokenizer.decode(example.input_ids), "an untrained answer stays in the context"

    everything = tokenize_chat({"messages": messages}, chat_tokenizer, chat_template=template, loss_on="all")
    segments = trained_segments(everything, chat_tokenizer)
    assert len(segments) == 2, "loss_on='all' trains all but the weight-0 answer"
    assert ANSWERS[0] not in "".join(segments) and segments[-1].endswith(f"{ANSWERS[1]}<|im_end|>\n")
    assert everything.trained_tokens > example.trained_tokens


def test_truncation_keeps_the_start_and_can_leave_nothing_to_train(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    template = chat_tokenizer.chat_template
    example = tokenize_chat({"messages": CONVERSATION}, chat_tokenizer, chat_template=template, max_seq_length=12)
    assert len(example.input_ids) == len(example.labels) == 12 and example.truncated
    assert example.trained_tokens == 0


@pytest.mark.parametrize(
    ("messages", "reason"),
    [
        ([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "alternate"),
        ([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "weight": 0.5}], "weight"),
        ([{"role": "user", "content": 3}], "content"),
        ([], "messages"),
    ],
)
def test_bad_records_raise_data_error_naming_the_record(
    chat_tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, Any]], reason: str
) -> None:
    with pytest.raises(DataError, match=reason) as caught:
        tokenize_chat({"messages": messages}, chat_tokenizer, chat_template=chat_tokenizer.chat_template, index=7)
    assert caught.value.record == 7 and "record #8 (index 7)" in str(caught.value)


def test_template_that_renders_history_differently_is_rejected(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    # Like reasoning models that open a thinking block in the generation prompt but drop it from history.
    thinking = (
        "{%- for m in messages -%}{{- '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' -}}"
        "{%- endfor -%}{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n<think>\\n' -}}{%- endif -%}"
    )
    with pytest.raises(DataError, match="prefixes consistently"):
        tokenize_chat({"messages": CONVERSATION}, chat_tokenizer, chat_template=thinking, index=0)


@pytest.mark.parametrize("name", sorted(END_OF_TURN))
def test_real_templates_train_exactly_answers_and_end_of_turn(
    shared_fixtures: Path, base_tokenizer: PreTrainedTokenizerBase, name: str
) -> None:
    tokenizer = base_tokenizer
    tokenizer.add_special_tokens({"additional_special_tokens": TEMPLATE_TOKENS})
    template = load_fixture_template(shared_fixtures / "chat_templates" / f"{name}.jinja")
    end = END_OF_TURN[name].format(eos=tokenizer.eos_token)
    # Multi- and single-turn, each with and without a system prompt.
    for messages, answers in [
        (CONVERSATION, ANSWERS),
        (CONVERSATION[1:], ANSWERS),
        (CONVERSATION[:3], ANSWERS[:1]),
        (CONVERSATION[1:3], ANSWERS[:1]),
    ]:
        example = tokenize_chat({"messages": messages}, tokenizer, chat_template=template, index=0)
        segments = [segment.strip() for segment in trained_segments(example, tokenizer)]
        assert segments == [f"{answer}{end}" for answer in answers], (name, len(messages))
        rendered = tokenizer.decode(example.input_ids, skip_special_tokens=False)
        assert all(message["content"] in rendered for message in messages), name


def test_every_fixture_template_is_checked(shared_fixtures: Path) -> None:
    assert {path.stem for path in (shared_fixtures / "chat_templates").glob("*.jinja")} == set(END_OF_TURN)


@pytest.mark.parametrize("name", sorted(END_OF_TURN))
def test_real_templates_place_system_prompts_as_at_inference(
    shared_fixtures: Path, base_tokenizer: PreTrainedTokenizerBase, name: str
) -> None:
    tokenizer = base_tokenizer
    tokenizer.add_special_tokens({"additional_special_tokens": TEMPLATE_TOKENS})
    template = load_fixture_template(shared_fixtures / "chat_templates" / f"{name}.jinja")
    default = {"role": "system", "content": "Be brief and exact."}
    for dialogue in (CONVERSATION[1:3], CONVERSATION[1:]):
        # (the record's messages, the default system prompt, the conversation a client sends at inference)
        for messages, default_prompt, sent in [
            ([CONVERSATION[0], *dialogue], "Be brief and exact.", [CONVERSATION[0], *dialogue]),
            (dialogue, default["content"], [default, *dialogue]),
        ]:
            example = tokenize_chat(
                {"messages": messages}, tokenizer, chat_template=template, default_system_prompt=default_prompt
            )
            at_inference = tokenizer.apply_chat_template(sent, chat_template=template, tokenize=False)
            assert isinstance(at_inference, str)
            assert example.input_ids == tokenizer(at_inference, add_special_tokens=False)["input_ids"], name
            system = sent[0]["content"]
            assert at_inference.count(system) == 1, (name, "the system prompt appears once, where the template puts it")
            assert at_inference.index(system) < at_inference.index(dialogue[0]["content"]), name
            assert not any(system in segment for segment in trained_segments(example, tokenizer)), name


@pytest.mark.parametrize("name", ["llama-3-instruct", "gemma-it", "mistral-instruct"])
def test_real_templates_reject_non_alternating_roles(
    shared_fixtures: Path, base_tokenizer: PreTrainedTokenizerBase, name: str
) -> None:
    template = load_fixture_template(shared_fixtures / "chat_templates" / f"{name}.jinja")
    messages = [
        {"role": "user", "content": "a"},
        {"role": "assistant", "content": "b"},
        {"role": "assistant", "content": "c"},
    ]
    with pytest.raises(DataError, match="alternate") as caught:
        tokenize_chat({"messages": messages}, base_tokenizer, chat_template=template, index=3)
    assert caught.value.record == 3


def test_base_model_gets_a_template_ending_answers_with_eos(base_tokenizer: PreTrainedTokenizerBase) -> None:
    template, reason = resolve_chat_template(base_tokenizer)
    assert template == BASE_MODEL_CHAT_TEMPLATE and "no chat template" in reason
    example = tokenize_chat({"messages": CONVERSATION}, base_tokenizer, chat_template=template)
    assert [s.strip() for s in trained_segments(example, base_tokenizer)] == [f"{a}</s>" for a in ANSWERS]


def test_mask_preview_marks_answer_tokens(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    preview = mask_preview({"messages": CONVERSATION[1:3]}, chat_tokenizer, chat_template=chat_tokenizer.chat_template)
    assert "".join(text for text, _ in preview).startswith("<s><|im_start|>system")
    assert "".join(text for text, trained in preview if trained) == f"{ANSWERS[0]}<|im_end|>\n"


def test_dataset_errors_name_file_and_record(
    chat_tokenizer: PreTrainedTokenizerBase, write_jsonl: Callable[..., Path]
) -> None:
    good = {"messages": CONVERSATION[1:3]}
    path = write_jsonl([good, good, {"messages": [{"role": "assistant", "content": "hi"}]}])
    with pytest.raises(DataError) as caught:
        build_sft_dataset(
            path,
            chat_tokenizer,
            chat_template=chat_tokenizer.chat_template,
            default_system_prompt=None,
            loss_on="assistant",
            max_seq_length=64,
        )
    assert str(path) in str(caught.value) and "record #3 (index 2)" in str(caught.value)

    short = build_sft_dataset(
        write_jsonl([good, {"messages": CONVERSATION[1:2]}], "short.jsonl"),
        chat_tokenizer,
        chat_template=chat_tokenizer.chat_template,
        default_system_prompt=None,
        loss_on="assistant",
        max_seq_length=64,
    )
    assert (len(short.examples), short.records, short.dropped_without_loss) == (1, 2, 1)
