import { Link } from "@tanstack/react-router";
import { LoadMore } from "../../components/LoadMore";
import { useDatasetRecords } from "../../api/datasets";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { hasMaskPreview, type DatasetKind } from "../../lib/records";
import { RecordCard } from "./RecordCard";

/** The records, each shown per `kind`; the loss-mask preview only for conversations (`messages`). */
export function DatasetRecords({ datasetId, kind, fromRecord = 0 }: { datasetId: string; kind?: DatasetKind; fromRecord?: number }) {
  const records = useDatasetRecords(datasetId, fromRecord);
  if (records.isPending) return <Loading what="Loading records" />;
  if (!records.data) return <ErrorBox error={records.error} title="Could not load the records." />;
  const items = records.data.pages.flatMap((p) => p.items);
  const total = records.data.pages[0]?.total ?? items.length;
  return (
    <section>
      <h2>
        Records <span className="muted">({items.length.toLocaleString()} of {total.toLocaleString()} shown)</span>
      </h2>
      {fromRecord > 0 && (
        <p className="muted" data-testid="records-from">
          From record #{fromRecord} · <Link to="/datasets/$datasetId" params={{ datasetId }}>show from the first</Link>
        </p>
      )}
      <div className="records" data-testid="dataset-records">
        {items.length ? (
          items.map((item) => (
            <RecordCard
              key={item.index}
              item={item}
              kind={kind}
              actions={
                hasMaskPreview(kind) && (
                <Link
                  to="/datasets/$datasetId/records/$index/mask"
                  params={{ datasetId, index: String(item.index) }}
                  className="button button--small"
                  data-testid="mask-preview-button"
                  title="Show this record token by token, with the tokens training puts loss on highlighted"
                >
                  Loss mask
                </Link>
                )
              }
            />
          ))
        ) : (
          <EmptyState title="This dataset has no records." />
        )}
      </div>
      <LoadMore query={records} className="center" />
      {records.isError && <ErrorBox error={records.error} title="Could not load more records." />}
    </section>
  );
}
