// People count records from 1 (#1 is the first); the API's `index` and `offset` count from 0. The UI shows and
// puts in its URLs (`?record=5`) only 1-based numbers, and turns them into offsets here, in one place.

/** "#5" for index 4. */
export const recordLabel = (index: number): string => `#${(index + 1).toLocaleString()}`;

/** The `record` search parameter of a record browser URL: a record number (1 or more), or undefined. */
export function parseRecordNumber(raw: unknown): number | undefined {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const number = Number(text);
  return number >= 1 ? number : undefined;
}

/** Where the browser starts reading for a record number (its 0-based index); 0 without one. */
export const offsetOfNumber = (number: number | undefined): number => (number === undefined ? 0 : number - 1);

/** The search of a link that opens a record browser at the record with this 0-based index. */
export const recordSearch = (index: number): { record: number } => ({ record: index + 1 });
