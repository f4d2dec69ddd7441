/** One line of `doctor`. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** The command (or step) that fixes it; only on ✗. */
  fix?: string;
}

/** The first line of an error: enough for a ✗ line. */
export const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
