import { asApiError } from "../../api/errors";

/**
 * After a refused upload whose valid records could stand alone: offer to keep them and set the bad ones aside.
 * The user decides; the server never drops records on its own.
 */
export function QuarantineOffer({ error, onAccept }: { error: unknown; onAccept: () => void }) {
  const e = asApiError(error);
  if (!e.quarantinable || !e.validCount) return null;
  const valid = e.validCount.toLocaleString();
  const bad = e.problemCount.toLocaleString();
  return (
    <div className="notice" data-testid="quarantine-offer">
      <p>
        {valid} records are valid. You can keep them as the dataset and quarantine the {bad} bad ones: they are stored
        beside it and listed on its page, so nothing is lost.
      </p>
      <button type="button" className="button button--primary" data-testid="quarantine-button" onClick={onAccept}>
        Accept the {valid} valid records and quarantine {bad}
      </button>
    </div>
  );
}
