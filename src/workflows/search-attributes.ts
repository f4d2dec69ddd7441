import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes every MIR workflow sets, so operators can filter by business key. */
export const MirOrgId = defineSearchAttributeKey('MirOrgId', SearchAttributeType.KEYWORD);
export const MirAgentId = defineSearchAttributeKey('MirAgentId', SearchAttributeType.KEYWORD);
export const MirUserId = defineSearchAttributeKey('MirUserId', SearchAttributeType.KEYWORD);
export const MirOperation = defineSearchAttributeKey('MirOperation', SearchAttributeType.KEYWORD);
/** Mira's organisations are a separate product's, with ids of their own: never a MirOrgId. */
export const MiraOrgId = defineSearchAttributeKey('MiraOrgId', SearchAttributeType.KEYWORD);

export const MIR_SEARCH_ATTRIBUTES = [MirOrgId, MirAgentId, MirUserId, MirOperation, MiraOrgId];

/** Where the outbox's rows name them too: one definition. */
export { EVERY_ORGANIZATION, NO_ORGANIZATION } from '../domain/workflow-starts';

/** What an operator runs once per namespace when the attributes are missing. */
export function registerSearchAttributesCommand(namespace: string, names: string[]): string {
  return names
    .map((name) => `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`)
    .join('\n');
}
