import { Link } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { LoadMore } from "../../components/LoadMore";
import { useRecords, type RecordSource } from "../../api/datasets";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { offsetOfNumber } from "../../lib/recordNumbers";
import { hasMaskPreview, type DatasetKind } from "../../lib/records";
import { RecordCard } from "./RecordCard";

interface DatasetRecordsProps {
  /** The dataset's own records, or (with `versionId`) one version's. */
  source: RecordSource;
  kind?: DatasetKind;
  /** 1-based number of the record to start at (a report or a cleaning's counts link to one). */
  fromRecord?: number;
}

/**
 * The record browser of a dataset or of one of its versions: pages, search, each record shown per `kind`; the
 * loss-mask preview for conversations (`messages`), of the upload's records or of the version's.
 */
export function DatasetRecords({ source, kind, fromRecord }: DatasetRecordsProps) {
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const records = useRecords(source, offsetOfNumber(fromRecord), query);
  const { datasetId, versionId } = source;
  // One request scans a bounded stretch of the file; a stretch without a match goes straight on to the next.
  const lastPage = records.data?.pages.at(-1);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = records;
  useEffect(() => {
    if (query && lastPage && lastPage.items.length === 0 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [query, lastPage, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(draft.trim());
  };
  const searchBox = (
    <form className="records__search" role="search" onSubmit={search}>
      <input
        type="search"
        aria-label="Search the records"
        data-testid="records-search-input"
        placeholder="Search the records' text (ignores case)"
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button button--small" data-testid="records-search-button">
        Search
      </button>
      {query && (
        <button
          type="button"
          className="button button--small"
          data-testid="records-search-clear"
          onClick={() => {
            setDraft("");
            setQuery("");
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
  // The search box stays mounted while results load, so typing is never lost to a re-render.
  if (records.isPending || !records.data) {
    return (
      <section>
        <h2>Records</h2>
        {searchBox}
        {records.isPending ? (
          <Loading what={query ? "Searching the records" : "Loading records"} />
        ) : (
          <ErrorBox error={records.error} title="Could not load the records." />
        )}
      </section>
    );
  }
  const items = records.data.pages.flatMap((p) => p.items);
  const total = records.data.pages[0]?.total ?? items.length;
  return (
    <section>
      <h2>
        Records{" "}
        <span className="muted" data-testid="records-count">
          {query
            ? `(${items.length.toLocaleString()} match${items.length === 1 ? "" : "es"} for “${query}” in ${total.toLocaleString()} records` +
              (records.hasNextPage ? " so far; load more to search on)" : ")")
            : `(${items.length.toLocaleString()} of ${total.toLocaleString()} shown)`}
        </span>
      </h2>
      {searchBox}
      {fromRecord !== undefined && fromRecord > 1 && (
        <p className="muted" data-testid="records-from">
          From record #{fromRecord.toLocaleString()} ·{" "}
          {versionId ? (
            <Link to="/datasets/$datasetId/versions/$versionId" params={{ datasetId, versionId }}>
              show from the first
            </Link>
          ) : (
            <Link to="/datasets/$datasetId" params={{ datasetId }}>
              show from the first
            </Link>
          )}
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
                  search={versionId ? { version: versionId } : {}}
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
        ) : query ? (
          !records.hasNextPage && <EmptyState title={`No record holds “${query}”.`} />
        ) : (
          <EmptyState title={versionId ? "This version has no records (yet)." : "This dataset has no records."} />
        )}
      </div>
      <LoadMore query={records} className="center" />
      {records.isError && <ErrorBox error={records.error} title="Could not load more records." />}
    </section>
  );
}
