"""OpenAI-compatible inference requests, shared by the API (validation, forwarding) and the inference server.

The field names, defaults and meanings are OpenAI's (and vLLM's): an `openai` SDK client works unchanged. What
the workbench cannot honour is refused rather than ignored: unknown fields are errors, and `n` must be 1.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_STOP_SEQUENCES = 4


class TextPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["text"]
    text: str


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "developer", "user", "assistant"]
    content: str | list[TextPart] = Field(description="The text, or a list of text parts that are joined.")
    name: str | None = None

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else "".join(p.text for p in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include_usage: bool = Field(default=False, description="Send a last chunk with the token counts.")


class SamplingRequest(BaseModel):
    """The settings both endpoints share."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(
        min_length=1,
        description="A catalog model name, a checkpoint id (`ckpt_…`), a run id (`run_…`: its final checkpoint) or a "
        "fine-tuned model name (`ft:<base>:<project>:<suffix>:<run id>`).",
    )
    temperature: float = Field(default=1.0, ge=0, le=2, description="0 is greedy decoding.")
    top_p: float = Field(default=1.0, gt=0, le=1, description="Nucleus sampling: keep the most likely tokens up to p.")
    max_tokens: int | None = Field(default=None, ge=1, le=32_768, description="Longest answer, in tokens.")
    stop: str | Annotated[list[str], Field(max_length=MAX_STOP_SEQUENCES)] | None = Field(
        default=None, description="Up to 4 strings that end the answer (not included in it)."
    )
    seed: int | None = Field(default=None, description="Makes sampling repeatable.")
    repetition_penalty: float = Field(
        default=1.0,
        gt=0,
        le=2,
        description="vLLM's extension: above 1 makes tokens already in the prompt or the answer less likely "
        "(1 = off). Sent explicitly, it overrides a default a model's generation_config.json gives vLLM.",
    )
    stop_token_ids: Annotated[list[Annotated[int, Field(ge=0)]], Field(max_length=64)] | None = Field(
        default=None,
        description="vLLM's extension: token ids that also end the answer, besides the model's own end tokens.",
    )
    n: int = Field(default=1, ge=1, le=128, description="Answers per request; the workbench generates exactly 1.")
    stream: bool = Field(default=False, description="Send tokens as Server-Sent Events as they are produced.")
    stream_options: StreamOptions | None = None
    user: str | None = None

    @property
    def stop_sequences(self) -> list[str]:
        if self.stop is None:
            return []
        return [s for s in ([self.stop] if isinstance(self.stop, str) else self.stop) if s]

    @property
    def include_usage(self) -> bool:
        return self.stream_options is not None and self.stream_options.include_usage


class ChatCompletionRequest(SamplingRequest):
    messages: list[ChatMessage] = Field(min_length=1, description="The conversation so far.")
    max_completion_tokens: int | None = Field(default=None, ge=1, le=32_768, description="Alias of max_tokens.")

    @model_validator(mode="after")
    def _one_length_limit(self) -> ChatCompletionRequest:
        if self.max_tokens is None:
            self.max_tokens = self.max_completion_tokens
        return self


class CompletionRequest(SamplingRequest):
    prompt: (
        str
        | Annotated[list[str], Field(min_length=1, max_length=1)]
        | Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1, max_length=131_072)]
    ) = Field(
        description="The text to continue (one prompt per request), or its token ids as OpenAI and vLLM accept "
        "them: used exactly as given, no special token added."
    )
    max_tokens: int | None = Field(default=16, ge=1, le=32_768, description="Longest continuation, in tokens.")

    @property
    def prompt_token_ids(self) -> list[int] | None:
        """The prompt as token ids when it was sent that way; None for a text prompt."""
        if isinstance(self.prompt, str):
            return None
        ids = [t for t in self.prompt if isinstance(t, int)]
        return ids if len(ids) == len(self.prompt) else None

    @property
    def prompt_text(self) -> str:
        """The text prompt; empty when it was sent as token ids."""
        if isinstance(self.prompt, str):
            return self.prompt
        return next((p for p in self.prompt if isinstance(p, str)), "")


FinishReason = Literal["stop", "length"]
# What a response may carry: the CPU server says stop or length, vLLM may also say e.g. "abort" or "tool_calls".
ReportedFinish = Annotated[
    str, Field(description="Why generation ended: `stop` (end of turn or a stop string) or `length`.")
]


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ServedModel(BaseModel):
    id: str
    object: Literal["model"] = "model"
    owned_by: str = "tunewright"
    root: str | None = Field(default=None, description="The path its weights load from.")
    parent: str | None = Field(default=None, description="For an adapter: the base it loads onto.")


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ServedModel]


class LoadLoraAdapter(BaseModel):
    """vLLM's runtime adapter API (`VLLM_ALLOW_RUNTIME_LORA_UPDATING=1`)."""

    model_config = ConfigDict(extra="forbid")

    lora_name: str = Field(min_length=1)
    lora_path: str = Field(min_length=1)


class UnloadLoraAdapter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lora_name: str = Field(min_length=1)
    lora_int_id: int | None = None


class LoadBaseModel(BaseModel):
    """The CPU server's addition: serve a whole model folder (or hub id) under a name. vLLM serves one per process."""

    model_config = ConfigDict(extra="forbid")

    model_name: str = Field(min_length=1)
    model_path: str = Field(min_length=1)


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: ReportedFinish
    logprobs: None = None


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage


class ChatDelta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChatChunkChoice(BaseModel):
    index: int = 0
    delta: ChatDelta
    finish_reason: ReportedFinish | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    """One Server-Sent Event of a streamed chat completion (`data: {...}`; the stream ends with `data: [DONE]`)."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChatChunkChoice]
    usage: Usage | None = None


class CompletionChoice(BaseModel):
    index: int = 0
    text: str
    finish_reason: ReportedFinish | None = None
    logprobs: None = None


class Completion(BaseModel):
    """A completion, or (streamed) one chunk of it."""

    id: str
    object: Literal["text_completion"] = "text_completion"
    created: int
    model: str
    choices: list[CompletionChoice]
    usage: Usage | None = None
