import { type AnyColumn, type SQL, lt, lte, sql } from 'drizzle-orm';

export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export const offsetOf = (page: PageRequest) => (page.page - 1) * page.limit;

export const countAll = sql<number>`count(*)::int`;

/** The page's rows and the filter's total, as Mira's `meta` reports them. */
export async function pageOf<T>(rows: Promise<T[]>, counted: Promise<Array<{ total: number }>>): Promise<Page<T>> {
  const [list, count] = await Promise.all([rows, counted]);
  return { rows: list, total: count[0]?.total ?? 0 };
}

/** An upper bound on a time: the instant included (a date-time), or excluded (the midnight after a date). */
export interface UpperBound {
  at: Date;
  inclusive: boolean;
}

export const upTo = (column: AnyColumn, bound: UpperBound | undefined): SQL | undefined =>
  bound ? (bound.inclusive ? lte(column, bound.at) : lt(column, bound.at)) : undefined;
