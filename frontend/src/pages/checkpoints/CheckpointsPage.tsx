import { Link } from "@tanstack/react-router";
import { LoadMore } from "../../components/LoadMore";
import { useCheckpoints } from "../../api/checkpoints";
import { CheckpointTable } from "../../components/CheckpointTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";

export function CheckpointsPage() {
  const checkpoints = useCheckpoints();
  return (
    <>
      <PageHeader title="Checkpoints" subtitle="Saved adapters from every run, newest first." />
      {checkpoints.isPending && <Loading what="Loading checkpoints" />}
      {checkpoints.isError && <ErrorBox error={checkpoints.error} title="Could not load the checkpoints." />}
      {checkpoints.data &&
        (checkpoints.data.length ? (
          <div className="card card--flush">
            <CheckpointTable checkpoints={checkpoints.data} showRun />
            <LoadMore query={checkpoints} />
          </div>
        ) : (
          <EmptyState title="No checkpoints yet" action={<Link to="/runs" className="button">Go to Runs</Link>}>
            Runs save checkpoints as they train (every <em>save_steps</em> steps and at the end). Start a run and
            its checkpoints appear here.
          </EmptyState>
        ))}
    </>
  );
}
