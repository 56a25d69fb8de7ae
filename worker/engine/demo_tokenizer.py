"""The byte-level BPE tokenizer of the demo model family "tiny", trained locally on text bundled under `demo/`.

Nothing is downloaded: the vocabulary is learned in well under a second from the committed corpus and the
sample chat dataset, so the same files always give the same tokenizer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

from worker.engine.demo_models import DEMO_DIR

BOS, EOS, PAD = "<s>", "</s>", "<pad>"
IM_START, IM_END = "<|im_start|>", "<|im_end|>"
SPECIAL_TOKENS = [BOS, EOS, PAD, IM_START, IM_END]
# An upper bound: BPE stops earlier once no pair occurs twice, which on the bundled text is near 1.8k.
VOCAB_SIZE = 2048


def corpus_texts(demo_dir: Path = DEMO_DIR) -> Iterator[str]:
    """Prose under demo/corpus plus the sample conversations, rendered roughly as the chat model sees them."""
    corpus = sorted((demo_dir / "corpus").glob("*.txt"))
    dataset = demo_dir / "sample_chat.jsonl"
    if not corpus or not dataset.is_file():
        raise FileNotFoundError(f"demo corpus not found under {demo_dir} (expected corpus/*.txt and sample_chat.jsonl)")
    for path in corpus:
        yield path.read_text(encoding="utf-8")
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            # Role names are part of the chat format, so they should become whole tokens too.
            yield "".join(f"{m['role']}\n{m['content']}\n" for m in json.loads(line)["messages"])


def train_tiny_tokenizer(texts: Iterator[str] | list[str]) -> PreTrainedTokenizerFast:
    """Train the byte-level BPE and wrap it as a transformers fast tokenizer with bos/eos/pad and ChatML markers."""
    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB_SIZE,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        # Every byte stays encodable, so unseen text never maps to an unknown token.
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(texts, trainer=trainer)
    # Plain-text encoding starts with <s> like Llama; chat templates add it themselves and are encoded without it.
    backend.post_processor = processors.TemplateProcessing(
        single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, backend.token_to_id(BOS))]
    )
    return PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=backend,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        additional_special_tokens=[IM_START, IM_END],
        model_max_length=512,
    )
