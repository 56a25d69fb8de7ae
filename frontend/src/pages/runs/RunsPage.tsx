import { Link } from "@tanstack/react-router";
import { PageHeader } from "../../components/PageHeader";
import { RunList } from "./RunList";

export function RunsPage() {
  return (
    <>
      <PageHeader
        title="Runs"
        subtitle="Fine-tuning jobs: queued, running and finished."
        actions={
          <Link to="/runs/new" className="button button--primary" data-testid="new-run-button">
            New run
          </Link>
        }
      />
      <RunList />
    </>
  );
}
