/** The "Load more" button under a cursor-paginated list; renders nothing on the last page. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function LoadMore({ query, className = "card__footer" }: { query: PagedQuery; className?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className={className}>
      <button className="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
