/**
 * One bad record never jams the queue. RxDB retries a failed push batch
 * forever, so a single version the server refuses for good (400
 * invalid_document or invalid_text, 403 forbidden) would block every other change of its
 * collection. Here such a batch is split: rows the server's issues name
 * (`[3].newDocumentState.…`) are tried alone, the rest go on as a batch, and
 * without named rows each row is tried alone. A row refused on its own is set
 * aside with the server's reason (the caller keeps it in the outbox and shows
 * it); it is answered to RxDB as handled, so the queue moves on.
 *
 * Anything else (network down, 401, 5xx) is rethrown: RxDB retries the batch.
 */
import type { ApiError } from './protocol';

/** An HTTP answer that is not 2xx: the server was reached. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Partial<ApiError>,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

interface Refusal {
  reason: string;
  /** Rows of the batch the server named as invalid. */
  rows: Set<number>;
}

/** A refusal that no retry can fix, or undefined. */
function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof ServerError)) return undefined;
  const code = error.body?.error;
  const refused =
    (error.status === 400 && (code === 'invalid_document' || code === 'invalid_text')) || error.status === 403;
  if (!refused) return undefined;
  const issues = Array.isArray(error.body?.issues) ? error.body.issues : [];
  const rows = new Set<number>();
  for (const issue of issues) {
    const index = /^\[(\d+)\]/.exec(issue.path)?.[1];
    if (index !== undefined) rows.add(Number(index));
  }
  const details = issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${issue.path.replace(/^\[\d+\]\.?(newDocumentState\.)?/, '') || 'record'}: ${issue.message}`,
    );
  const message = error.body?.message ?? error.message;
  return { reason: details.length > 0 ? `${message} (${details.join('; ')})` : message, rows };
}

export async function pushSettingAside<R, D>(
  rows: readonly R[],
  send: (rows: readonly R[]) => Promise<D[]>,
  setAside: (row: R, reason: string) => Promise<void>,
): Promise<D[]> {
  try {
    return await send(rows);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (rows.length === 1) {
      await setAside(rows[0]!, refusal.reason);
      return [];
    }
    const named = rows.filter((_, i) => refusal.rows.has(i));
    const others = rows.filter((_, i) => !refusal.rows.has(i));
    const returned: D[] = [];
    if (named.length > 0 && others.length > 0) {
      returned.push(...(await pushSettingAside(others, send, setAside)));
      // A named row is tried alone too, so its reason is its own.
      for (const row of named) returned.push(...(await pushSettingAside([row], send, setAside)));
      return returned;
    }
    for (const row of rows) returned.push(...(await pushSettingAside([row], send, setAside)));
    return returned;
  }
}
