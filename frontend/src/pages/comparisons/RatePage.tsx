import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useComparison, useNextPair, useRate } from "../../api/comparisons";
import type { PairToRate } from "../../client";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { ratingForKey, type RatingKey } from "../../lib/comparisons";

const RATER_KEY = "tunewright.rater";

/** One blind pair at a time: the prompt, answers A and B, and A / B / tie / skip by button or keyboard. */
export function RatePage({ comparisonId }: { comparisonId: string }) {
  const comparison = useComparison(comparisonId);
  const [rater, setRater] = useState(() => window.localStorage.getItem(RATER_KEY) ?? "");
  const [skipped, setSkipped] = useState<string[]>([]);
  const [comment, setComment] = useState("");
  const ready = comparison.data?.status === "succeeded";
  const next = useNextPair(comparisonId, rater, skipped, ready);
  const rate = useRate(comparisonId);
  const pair = next.data?.pair ?? null;

  useEffect(() => window.localStorage.setItem(RATER_KEY, rater), [rater]);

  function act(choice: RatingKey, current: PairToRate) {
    if (choice === "skip") {
      setSkipped((s) => [...s, current.pair_id]);
      return;
    }
    rate.mutate(
      { pair_id: current.pair_id, rater, choice, comment: comment || null },
      {
        onSuccess: () => {
          setComment("");
          void next.refetch();
        },
      },
    );
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (!pair || rate.isPending || target?.closest("input, textarea, select")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const choice = ratingForKey(event.key);
      if (choice) {
        event.preventDefault();
        act(choice, pair);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const header = (
    <PageHeader
      title={`Rate: ${comparison.data?.name ?? comparisonId}`}
      subtitle="Which answer is better? Keys: 1 or a = A, 2 or b = B, 3 or t = tie, n = skip."
      actions={
        <Link to="/comparisons/$comparisonId/results" params={{ comparisonId }} className="button">
          Results
        </Link>
      }
    />
  );
  if (comparison.isPending) return <Loading what="Loading the study" />;
  if (comparison.isError) return <ErrorBox error={comparison.error} title="Could not load the study." />;
  if (!ready) {
    return (
      <>
        {header}
        <EmptyState title="Answers are not ready">
          The study is {comparison.data.status}; pairs can be rated once every candidate has answered.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <label className="field">
        <span className="field__label">Rater</span>
        <input value={rater} onChange={(e) => setRater(e.target.value)} placeholder="your name" data-testid="rater" />
      </label>
      {next.data && (
        <p className="muted" data-testid="rate-progress">
          {next.data.rated} of {next.data.total} rated
        </p>
      )}
      <ErrorBox error={next.error ?? rate.error} title="Could not record the rating." />
      {next.isPending && <Loading what="Loading the next pair" />}
      {next.data && !pair && (
        <EmptyState title="Nothing left to rate">
          {skipped.length ? "You skipped some pairs; reload the page to see them again." : "You rated every pair."}
        </EmptyState>
      )}
      {pair && (
        <div className="card" data-testid="pair">
          <div data-testid="prompt">
            {pair.prompt.map((m, i) => (
              <p key={i}>
                <strong>{m.role}:</strong> {m.content}
              </p>
            ))}
          </div>
          {pair.reference && <p className="muted">Reference: {pair.reference}</p>}
          <div className="side-by-side">
            <section data-testid="answer-a">
              <h3>A</h3>
              <pre className="answer">{pair.answer_a}</pre>
            </section>
            <section data-testid="answer-b">
              <h3>B</h3>
              <pre className="answer">{pair.answer_b}</pre>
            </section>
          </div>
          <label className="field">
            <span className="field__label">Comment (optional)</span>
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} data-testid="comment" />
          </label>
          <div>
            <button className="button button--primary" onClick={() => act("a", pair)} disabled={rate.isPending}>
              A is better (1)
            </button>{" "}
            <button className="button button--primary" onClick={() => act("b", pair)} disabled={rate.isPending}>
              B is better (2)
            </button>{" "}
            <button className="button" onClick={() => act("tie", pair)} disabled={rate.isPending}>
              Tie (3)
            </button>{" "}
            <button className="button" onClick={() => act("skip", pair)} disabled={rate.isPending}>
              Skip (n)
            </button>
          </div>
        </div>
      )}
    </>
  );
}
