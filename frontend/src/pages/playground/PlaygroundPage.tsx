import { useEffect, useRef, useState, type FormEvent } from "react";
import { useServableModels } from "../../api/serving";
import { streamChat } from "../../client/chatStream";
import type { ServableModel } from "../../client";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { chatRequest, DEFAULT_SAMPLING, parseNumber, type Sampling, type Turn } from "../../lib/playground";

interface Pane {
  model: string;
  turns: Turn[];
  streaming: boolean;
  error: unknown;
  finishReason: string | null;
}

const emptyPane = (model: string): Pane => ({ model, turns: [], streaming: false, error: null, finishReason: null });

function preferredModel(models: ServableModel[]): string {
  const chat = models.filter((m) => m.chat);
  return (chat.find((m) => m.id === "tiny-chat") ?? chat.find((m) => m.kind === "checkpoint") ?? chat[0])?.id ?? "";
}

function ModelOption({ model }: { model: ServableModel }) {
  // Without a chat template a model can only continue text (/v1/completions), so it cannot chat here.
  return (
    <option value={model.id} disabled={!model.chat}>
      {model.chat ? model.label : `${model.label} (no chat template)`}
    </option>
  );
}

function ModelSelect({ models, value, index, disabled, onChange }: { models: ServableModel[]; value: string; index: number; disabled: boolean; onChange: (id: string) => void }) {
  return (
    <select data-testid={`playground-model-${index}`} aria-label={`Model ${index + 1}`} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <optgroup label="Catalog models">
        {models.filter((m) => m.kind === "catalog").map((m) => (
          <ModelOption key={m.id} model={m} />
        ))}
      </optgroup>
      <optgroup label="Checkpoints of succeeded runs">
        {models.filter((m) => m.kind === "checkpoint").map((m) => (
          <ModelOption key={m.id} model={m} />
        ))}
      </optgroup>
    </select>
  );
}

function PaneView({ pane, index, label }: { pane: Pane; index: number; label: string }) {
  return (
    <section className="card playground__pane" data-testid="playground-pane" data-pane={index} data-model={pane.model}>
      <h2 className="playground__pane-title" title={pane.model}>
        {label} {label !== pane.model && <code className="muted">{pane.model}</code>}
      </h2>
      {pane.turns.length === 0 && <p className="muted">Send a message to see this model&apos;s answer.</p>}
      <ol className="chat">
        {pane.turns.map((turn, i) => {
          const live = pane.streaming && i === pane.turns.length - 1;
          return (
            <li key={i} className={`chat__message chat__message--${turn.role}`} data-testid="chat-message" data-role={turn.role} data-streaming={live ? "true" : "false"}>
              <span className="chat__role">{turn.role}</span>
              <div className="chat__text">
                {turn.content}
                {live && <span className="chat__cursor" aria-hidden>▍</span>}
              </div>
            </li>
          );
        })}
      </ol>
      {pane.finishReason && (
        <p className="muted playground__finish" data-testid="chat-finish">
          {pane.finishReason === "length" ? "Stopped at the token limit (raise max tokens for longer answers)." : pane.finishReason === "stopped" ? "Stopped by you." : "Finished."}
        </p>
      )}
      <ErrorBox error={pane.error} title="The model could not answer." testId="chat-error" />
    </section>
  );
}

export function PlaygroundPage() {
  const models = useServableModels();
  const [panes, setPanes] = useState<Pane[]>([]);
  const [compare, setCompare] = useState(false);
  const [system, setSystem] = useState("");
  const [sampling, setSampling] = useState<Sampling>(DEFAULT_SAMPLING);
  const [prompt, setPrompt] = useState("");
  const controllers = useRef<AbortController[]>([]);

  const available = models.data ?? [];
  // Until the user picks, the first pane shows the preferred model (tiny-chat, else the newest checkpoint).
  const fallback = preferredModel(available);
  const shown: Pane[] = (compare ? [0, 1] : [0]).map((i) => panes[i] ?? emptyPane(i === 0 ? fallback : (available.find((m) => m.chat && m.id !== fallback)?.id ?? fallback)));
  const streaming = shown.some((p) => p.streaming);

  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);

  const update = (index: number, change: (pane: Pane) => Pane) =>
    setPanes((current) => {
      const next = [...current];
      next[index] = change(next[index] ?? shown[index]);
      return next;
    });

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = prompt.trim();
    if (!text || streaming) return;
    setPrompt("");
    controllers.current = shown.map((pane, index) => {
      const controller = new AbortController();
      const turns: Turn[] = [...pane.turns, { role: "user", content: text }];
      update(index, () => ({ ...pane, turns: [...turns, { role: "assistant", content: "" }], streaming: true, error: null, finishReason: null }));
      const appendText = (piece: string) =>
        update(index, (p) => ({ ...p, turns: p.turns.map((t, i) => (i === p.turns.length - 1 ? { ...t, content: t.content + piece } : t)) }));
      streamChat(chatRequest(pane.model, system, turns, sampling), appendText, controller.signal)
        .then((result) => update(index, (p) => ({ ...p, streaming: false, finishReason: result.finishReason })))
        .catch((error: unknown) =>
          update(index, (p) => {
            const answer = p.turns[p.turns.length - 1]?.content ?? "";
            // An exchange without any answer is dropped, so the conversation stays user/assistant alternating.
            const turns = answer ? p.turns : p.turns.slice(0, -2);
            return controller.signal.aborted
              ? { ...p, turns, streaming: false, finishReason: "stopped" }
              : { ...p, turns, streaming: false, error };
          }),
        );
      return controller;
    });
  };

  const stop = () => controllers.current.forEach((c) => c.abort());
  const clear = () => {
    stop();
    setPanes((current) => current.map((p) => emptyPane(p.model)));
  };
  const pickModel = (index: number, id: string) => update(index, () => emptyPane(id));
  const setNumber = (key: keyof Sampling) => (raw: string) => setSampling((s) => ({ ...s, [key]: parseNumber(raw, s[key]) }));

  return (
    <>
      <PageHeader
        title="Playground"
        subtitle="Chat with a catalog model or a checkpoint, rendered with its own chat template; compare two side by side. The same models answer on /v1/chat/completions."
      />
      {models.isPending && <Loading what="Loading the models you can chat with" />}
      {models.isError && <ErrorBox error={models.error} title="Could not list the models." />}
      {models.data && available.length === 0 && (
        <EmptyState title="Nothing to chat with yet">Run <code>make up</code> to generate the demo models, or finish a run.</EmptyState>
      )}
      {available.length > 0 && (
        <>
          <section className="card playground__settings">
            <div className="form__grid">
              <div className="field">
                <span className="field__label">Model</span>
                <ModelSelect models={available} value={shown[0].model} index={0} disabled={streaming} onChange={(id) => pickModel(0, id)} />
              </div>
              <div className="field">
                <label className="playground__compare">
                  <input type="checkbox" data-testid="playground-compare" checked={compare} disabled={streaming} onChange={(e) => setCompare(e.target.checked)} /> Compare side by side
                </label>
                {compare && <ModelSelect models={available} value={shown[1].model} index={1} disabled={streaming} onChange={(id) => pickModel(1, id)} />}
              </div>
              <div className="field">
                <label className="field__label" htmlFor="playground-temperature">Temperature</label>
                <input id="playground-temperature" data-testid="playground-temperature" type="number" min={0} max={2} step={0.1} defaultValue={sampling.temperature} onChange={(e) => setNumber("temperature")(e.target.value)} />
                <p className="field__help">0 always picks the most likely token (repeatable answers).</p>
              </div>
              <div className="field">
                <label className="field__label" htmlFor="playground-top-p">Top p</label>
                <input id="playground-top-p" data-testid="playground-top-p" type="number" min={0.01} max={1} step={0.05} defaultValue={sampling.top_p} onChange={(e) => setNumber("top_p")(e.target.value)} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="playground-max-tokens">Max tokens</label>
                <input id="playground-max-tokens" data-testid="playground-max-tokens" type="number" min={1} max={4096} step={1} defaultValue={sampling.max_tokens} onChange={(e) => setNumber("max_tokens")(e.target.value)} />
              </div>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="playground-system">System prompt</label>
              <textarea id="playground-system" data-testid="playground-system" rows={2} value={system} onChange={(e) => setSystem(e.target.value)} placeholder="Empty: the model's default system prompt" />
            </div>
          </section>
          <div className={`playground__panes${compare ? " playground__panes--two" : ""}`}>
            {shown.map((pane, index) => (
              <PaneView key={index} pane={pane} index={index} label={available.find((m) => m.id === pane.model)?.label ?? pane.model} />
            ))}
          </div>
          <form className="card playground__composer" onSubmit={send}>
            <textarea
              data-testid="playground-prompt"
              aria-label="Message"
              rows={3}
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) send(e);
              }}
              placeholder="Type a message; Enter sends, Shift+Enter starts a new line"
            />
            <div className="playground__actions">
              <button type="submit" className="button button--primary" data-testid="playground-send" disabled={streaming || !prompt.trim()}>Send</button>
              <button type="button" className="button button--danger" data-testid="playground-stop" disabled={!streaming} onClick={stop}>Stop</button>
              <button type="button" className="button" data-testid="playground-clear" onClick={clear}>Clear</button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
