export { linkCodeWorkflow, linkInviteWorkflow } from './link-request';
export { memberAutoLinkWorkflow } from './member-autolink';
export { revokeDescendantsWorkflow } from './revoke-descendants';
export { rotateKeyWorkflow } from './rotate-key';
export { smokeWorkflow } from './smoke';
export { spawnApprovalWorkflow } from './spawn-approval';
export { webhookDeliveryWorkflow } from './webhook-delivery';
export { miraMeetingWorkflow } from './mira-meeting';
export { erasureWorkflow } from './erasure';
