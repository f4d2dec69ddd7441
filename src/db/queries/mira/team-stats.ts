import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';

export interface TeamStats {
  team_size: number;
  total_meetings: number;
  total_reports: number;
  average_score: number | null;
  top_performers: Array<{ user_id: string; name: string; avg_score: number; report_count: number }>;
}

export const TOP_PERFORMERS = 5;

/**
 * One statement: the organisation's reps, its calls started within the window (roleplay practice
 * is not a meeting), their reports, the average score and the best reps by average, in SQL.
 */
export async function miraTeamStats(db: Executor, organizationId: string, days: number | null): Promise<TeamStats> {
  const since = days === null ? null : sql`now() - make_interval(days => ${days})`;
  const rows = await db.execute<{ stats: TeamStats }>(sql`
    with window_meetings as (
      select id from mira_meetings
      where organization_id = ${organizationId} and source = 'call'
        ${since ? sql`and started_at >= ${since}` : sql``}
    ), window_reports as (
      select r.user_id, r.overall_score from mira_reports r join window_meetings m on m.id = r.meeting_id
    ), performers as (
      select u.id as user_id, u.name, round(avg(r.overall_score), 1)::float8 as avg_score, count(*)::int as report_count
      from window_reports r join mira_users u on u.id = r.user_id
      group by u.id, u.name
      order by avg_score desc, report_count desc, u.name, u.id
      limit ${TOP_PERFORMERS}
    )
    select json_build_object(
      'team_size', (select count(*)::int from mira_users where organization_id = ${organizationId}),
      'total_meetings', (select count(*)::int from window_meetings),
      'total_reports', (select count(*)::int from window_reports),
      'average_score', (select round(avg(overall_score), 1)::float8 from window_reports),
      'top_performers', coalesce(
        (select json_agg(p order by p.avg_score desc, p.report_count desc, p.name, p.user_id) from performers p),
        '[]'::json)
    ) as stats`);
  const stats = rows[0]?.stats;
  if (!stats) throw new Error('team stats returned no row');
  return stats;
}
