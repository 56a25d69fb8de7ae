import { Link } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { LoadMore } from "../../components/LoadMore";
import { useDatasetRecords } from "../../api/datasets";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { hasMaskPreview, type DatasetKind } from "../../lib/records";
import { RecordCard } from "./RecordCard";

/** The records, each shown per `kind`; the loss-mask preview only for conversations (`messages`). */
export function DatasetRecords({ datasetId, kind, fromRecord = 0 }: { datasetId: string; kind?: DatasetKind; fromRecord?: number }) {
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const records = useDatasetRecords(datasetId, fromRecord, query);
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
        ) : query ? (
          !records.hasNextPage && <EmptyState title={`No record holds “${query}”.`} />
        ) : (
          <EmptyState title="This dataset has no records." />
        )}
      </div>
      <LoadMore query={records} className="center" />
      {records.isError && <ErrorBox error={records.error} title="Could not load more records." />}
    </section>
  );
}
