import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import {
  type MiraMeeting,
  type NewMiraMeeting,
  insertMiraMeeting,
  markMiraWorkflowStarted,
} from '../../db/queries/mira/meetings';
import { insertRoleplaySession } from '../../db/queries/mira/roleplay';
import { startMiraMeeting } from '../../temporal/client';

export interface Pipeline {
  client: Client;
  taskQueue: string;
  log: Logger;
}

/**
 * Starts the meeting's workflow and notes that Temporal accepted it. A failure is logged, not
 * thrown: the meeting is already committed, and the starter (startUnstartedMeetings) retries it.
 */
export async function startPipeline(
  db: Db,
  pipeline: Pipeline,
  meeting: Pick<MiraMeeting, 'id' | 'organizationId' | 'source'>,
) {
  try {
    await startMiraMeeting(pipeline.client, pipeline.taskQueue, {
      meetingId: meeting.id,
      organizationId: meeting.organizationId,
      source: meeting.source,
    });
    await markMiraWorkflowStarted(db, meeting.id);
    return true;
  } catch (err) {
    pipeline.log.warn({ err, meetingId: meeting.id }, 'mira meeting workflow not started yet; the starter will retry');
    return false;
  }
}

/**
 * Never loses a meeting: the row commits first (status pending, no workflow yet), then the
 * workflow starts under the meeting's own id. If that start fails the caller still gets 202 and
 * the starter picks the meeting up; if it succeeded but the note did not land, starting again
 * finds the same run (the id is the business key).
 */
export async function submitMiraMeeting(db: Db, pipeline: Pipeline, meeting: NewMiraMeeting): Promise<MiraMeeting> {
  const row = await insertMiraMeeting(db, meeting);
  await startPipeline(db, pipeline, row);
  return row;
}

export async function submitRoleplaySession(db: Db, pipeline: Pipeline, scenario: string, meeting: NewMiraMeeting) {
  const created = await insertRoleplaySession(db, scenario, meeting);
  await startPipeline(db, pipeline, created.meeting);
  return created;
}
