import type { Problem } from "../api/errors";

/** Upload validation problems: where (file, line, field) and what to change. */
export function ProblemsTable({ problems }: { problems: Problem[] }) {
  if (!problems.length) return null;
  return (
    <table className="table table--problems">
      <thead>
        <tr>
          <th>File</th>
          <th>Line</th>
          <th>Field</th>
          <th>Problem</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td>{p.file ?? "—"}</td>
            <td className="num">{p.line ?? "—"}</td>
            <td>
              <code>{p.field || "—"}</code>
            </td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
