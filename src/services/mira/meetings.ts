import type { Db, Executor } from '../../db/client';
import { type MiraMeeting, type NewMiraMeeting, insertMiraMeeting } from '../../db/queries/mira/meetings';
import { insertRoleplaySession } from '../../db/queries/mira/roleplay';
import { queueWorkflowStart } from '../../db/queries/workflow-starts';

/** The meeting's workflow, queued in the transaction that writes the meeting. */
function queuePipeline(tx: Executor, meeting: Pick<MiraMeeting, 'id' | 'organizationId' | 'source'>) {
  return queueWorkflowStart(tx, {
    type: 'miraMeetingWorkflow',
    args: { meetingId: meeting.id, organizationId: meeting.organizationId, source: meeting.source },
  });
}

/**
 * Never loses a meeting: the row and its workflow's start (the outbox) commit together, and the
 * worker's dispatcher starts `mira-meeting:<id>`, so the caller gets 202 whether Temporal is up
 * or not, and the meeting is scored once it is.
 */
export function submitMiraMeeting(db: Db, meeting: NewMiraMeeting): Promise<MiraMeeting> {
  return db.transaction(async (tx) => {
    const row = await insertMiraMeeting(tx, meeting);
    await queuePipeline(tx, row);
    return row;
  });
}

/** A roleplay session is scored as a meeting of source `roleplay`, queued the same way. */
export function submitRoleplaySession(db: Db, scenario: string, meeting: NewMiraMeeting) {
  return insertRoleplaySession(db, scenario, meeting, (tx, row) => queuePipeline(tx, row));
}
