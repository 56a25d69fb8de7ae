import { useDatasetQuarantine } from "../../api/datasets";
import { ErrorBox } from "../../components/ErrorBox";
import { LoadMore } from "../../components/LoadMore";
import { Loading } from "../../components/Loading";

// A quarantined line can be as long as the line limit; the table shows its start, the title holds all of it.
const RAW_SHOWN = 300;

/** The bad records set aside at upload, each with where it was, what is wrong and its raw text. */
export function DatasetQuarantine({ datasetId, count }: { datasetId: string; count: number }) {
  const quarantine = useDatasetQuarantine(datasetId);
  if (quarantine.isPending) return <Loading what="Loading quarantined records" />;
  if (!quarantine.data) return <ErrorBox error={quarantine.error} title="Could not load the quarantined records." />;
  const items = quarantine.data.pages.flatMap((p) => p.items);
  return (
    <section className="card" data-testid="dataset-quarantine">
      <h2>
        Quarantined records <span className="muted">({count.toLocaleString()}, not in the dataset)</span>
      </h2>
      <p className="muted">
        These records had problems at upload and were set aside, not trained on. Fix them and upload them as another
        dataset to use them.
      </p>
      <table className="table table--problems">
        <thead>
          <tr>
            <th title="Its number in this list (1 is the first)">#</th>
            <th>File</th>
            <th>Line</th>
            <th>Field</th>
            <th>Problem</th>
            <th>Record as uploaded</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.index} data-testid="quarantine-row">
              <td className="num" data-testid="quarantine-number">
                #{item.number.toLocaleString()}
              </td>
              <td>{item.file}</td>
              <td className="num">{item.unit === "row" ? `row ${item.line}` : item.line}</td>
              <td>
                <code>{item.field || "—"}</code>
              </td>
              <td>{item.message}</td>
              <td>
                <code title={item.raw}>{item.raw.length > RAW_SHOWN ? `${item.raw.slice(0, RAW_SHOWN)}…` : item.raw}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore query={quarantine} />
      {quarantine.isError && <ErrorBox error={quarantine.error} title="Could not load more quarantined records." />}
    </section>
  );
}
