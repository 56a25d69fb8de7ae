import { usePauseRun, useResumeRun } from "../../api/runs";
import { ErrorBox } from "../../components/ErrorBox";

interface Props {
  runId: string;
  status: string;
  pauseRequested: boolean;
}

/** Pause a queued or running run (a running one stops at a checkpoint after its step); resume a paused one. */
export function PauseResumeButton({ runId, status, pauseRequested }: Props) {
  const pause = usePauseRun(runId);
  const resume = useResumeRun(runId);
  const canResume = status === "paused" || pauseRequested;
  const canPause = !canResume && (status === "queued" || status === "running");
  if (!canResume && !canPause) return null;
  const mutation = canResume ? resume : pause;
  const label = canResume
    ? status === "paused"
      ? "Resume run"
      : "Pausing… (resume instead)"
    : "Pause run";
  return (
    <div className="cancel">
      <button
        type="button"
        className="button"
        data-testid={canResume ? "resume-run-button" : "pause-run-button"}
        disabled={mutation.isPending}
        title={
          canResume
            ? "Queue the run again; it continues from its newest checkpoint."
            : "A queued run pauses at once; a running one writes a checkpoint after its current step and stops."
        }
        onClick={() => mutation.mutate()}
      >
        {label}
      </button>
      {mutation.isError && <ErrorBox error={mutation.error} title={canResume ? "Could not resume." : "Could not pause."} />}
    </div>
  );
}
