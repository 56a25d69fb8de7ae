import { asApiError, formatError } from "../api/errors";
import { ProblemsTable } from "./ProblemsTable";

interface ErrorBoxProps {
  error: unknown;
  title?: string;
  testId?: string;
  showProblems?: boolean;
}

/** Every failed request is shown through this: the server's `detail`, and its problems when it lists any. */
export function ErrorBox({ error, title, testId, showProblems = false }: ErrorBoxProps) {
  if (!error) return null;
  const e = asApiError(error);
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      {title && <p className="error-box__title">{title}</p>}
      <p className="error-box__detail">{formatError(e)}</p>
      {showProblems && <ProblemsTable problems={e.problems} />}
    </div>
  );
}
