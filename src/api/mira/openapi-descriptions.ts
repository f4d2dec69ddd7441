/**
 * Mira's operations described beyond their one-line summary (a route's own `description` wins);
 * openapi-operations.test.ts fails for an operation without one.
 */
export const MIRA_DESCRIPTIONS: Record<string, string> = {
  createMeeting:
    'Send the transcript (`speaker`, `text`, `start_ms` per turn) or a `transcript_url` to fetch it from. Scoring runs in a durable workflow; poll `GET /meetings/:id` until `completed`, then read the report.',
  listMeetings:
    'Filter by `user_id`, `status` and a `from`/`to` range of start times; paginated with `page` and `limit` (≤ 100), `meta.total` counts all.',
  getMeeting:
    'Its status (`pending`, `fetched`, `processing`, `completed`, `failed`, `no_transcript`), times, prospect and transcript.',
  getMeetingReport:
    'Every report scored for the meeting, newest first: overall score, each criterion’s score and feedback, strengths, improvements and next steps.',
  listTemplates: 'Filter by `call_type` or `is_active`; paginated with `page` and `limit`.',
  createTemplate:
    'A named rubric: 1–20 `grading_criteria` with positive weights adding up to 100, the call type it applies to and the prompt an LLM scorer receives.',
  getTemplate: 'Its criteria, weights, call type, prompt and whether it is active.',
  updateTemplate: 'Only the fields sent change; reports already scored keep the template as it was.',
  replaceTemplate: 'The same as PATCH: only the fields sent change.',
  deleteTemplate:
    'The template is deleted and its name is free for a new one at once. Reports it scored keep its name and their criteria scores; their `template.id` becomes null. Deleting it twice: the second is 404.',
  listReports: 'Filter by `user_id`, a score range (`min_score`, `max_score`) and a `from`/`to` range; paginated.',
  getReport:
    'Overall score, each criterion with its score and evidence-based feedback, strengths, improvements, next steps and a summary quoting the call.',
  getInsights:
    'What prospects said in their own words: competitors, objections, pain points, feature requests and buying signals, each with its meeting; filter by `date_from`/`date_to`, `industry` and `prospect_title`; paginated.',
  getTeamStats:
    'Meetings, scores and per-rep figures over `time_range` (`week`, `month`, `quarter`, `year` or `all`), counting calls started within the range.',
  createRoleplaySession:
    'A practice conversation scored by the same pipeline as a meeting; poll it until its `report_id` appears.',
  listRoleplaySessions: 'Filter by `user_id` and `status`; paginated with `page` and `limit`.',
  getRoleplaySession: 'Its status, score and report id once scored.',
  createUser: 'A rep with a name and a unique email; their id is the `user_id` of meetings, reports and filters.',
  listUsers: 'Every rep of the organisation; paginated.',
  getTrackers:
    'The competitor and product names insights look for besides the built-in patterns; empty lists until set.',
  replaceTrackers: 'Both lists are replaced whole; meetings scored from now on use them.',
};
