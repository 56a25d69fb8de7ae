import { Link } from "@tanstack/react-router";
import { useComparisonResults } from "../../api/comparisons";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { exportUrl, formatRate } from "../../lib/comparisons";

/** Win rates with 95 % intervals per pair of candidates, the Bradley-Terry/Elo ranking, ratings per rater, export. */
export function ResultsPage({ comparisonId }: { comparisonId: string }) {
  const results = useComparisonResults(comparisonId);
  return (
    <>
      <PageHeader
        title="Side-by-side results"
        subtitle="Ties count half a win for each side; intervals are Wilson 95 %."
        actions={
          <>
            <Link to="/comparisons/$comparisonId/rate" params={{ comparisonId }} className="button">
              Rate more
            </Link>
            <a className="button" href={exportUrl(comparisonId, "csv")} data-testid="export-csv">
              Export CSV
            </a>
            <a className="button" href={exportUrl(comparisonId, "json")} data-testid="export-json">
              Export JSON
            </a>
          </>
        }
      />
      {results.isPending && <Loading what="Loading results" />}
      {results.isError && <ErrorBox error={results.error} title="Could not load the results." />}
      {results.data && !results.data.rated && (
        <EmptyState title="No ratings yet">Rate some pairs; the results appear here.</EmptyState>
      )}
      {results.data && results.data.rated > 0 && (
        <>
          <div className="card card--flush">
            <table className="table" data-testid="win-rates">
              <thead>
                <tr>
                  <th>Candidate</th>
                  <th>Against</th>
                  <th className="num">Wins</th>
                  <th className="num">Losses</th>
                  <th className="num">Ties</th>
                  <th className="num">Win rate</th>
                  <th className="num">95 % CI</th>
                </tr>
              </thead>
              <tbody>
                {results.data.pairwise.map((p) => (
                  <tr key={`${p.first}-${p.second}`}>
                    <td>{p.first}</td>
                    <td>{p.second}</td>
                    <td className="num">{p.wins}</td>
                    <td className="num">{p.losses}</td>
                    <td className="num">{p.ties}</td>
                    <td className="num">{formatRate(p.win_rate)}</td>
                    <td className="num">
                      {formatRate(p.low)} – {formatRate(p.high)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card card--flush">
            {results.data.ranking_note && <p className="muted">{results.data.ranking_note}</p>}
            <table className="table" data-testid="ranking">
              <thead>
                <tr>
                  <th>Rank</th>
                  <th>Candidate</th>
                  <th className="num">Elo</th>
                  <th className="num">Bradley-Terry strength</th>
                  <th className="num">Wins</th>
                  <th className="num">Comparisons</th>
                </tr>
              </thead>
              <tbody>
                {results.data.ranking.map((r, i) => (
                  <tr key={r.candidate}>
                    <td>{i + 1}</td>
                    <td>{r.candidate}</td>
                    <td className="num">{r.elo === null ? "—" : Math.round(r.elo)}</td>
                    <td className="num">{r.strength.toFixed(3)}</td>
                    <td className="num">{r.wins}</td>
                    <td className="num">{r.comparisons}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" data-testid="raters">
            {results.data.rated} ratings:{" "}
            {Object.entries(results.data.raters)
              .map(([rater, count]) => `${rater} ${count}`)
              .join(", ")}
          </p>
        </>
      )}
    </>
  );
}
