import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes every MIR workflow sets, so operators can filter by business key. */
export const MirOrgId = defineSearchAttributeKey('MirOrgId', SearchAttributeType.KEYWORD);
export const MirAgentId = defineSearchAttributeKey('MirAgentId', SearchAttributeType.KEYWORD);
export const MirUserId = defineSearchAttributeKey('MirUserId', SearchAttributeType.KEYWORD);
export const MirOperation = defineSearchAttributeKey('MirOperation', SearchAttributeType.KEYWORD);
/** Mira's organisations are a separate product's, with ids of their own: never a MirOrgId. */
export const MiraOrgId = defineSearchAttributeKey('MiraOrgId', SearchAttributeType.KEYWORD);

export const MIR_SEARCH_ATTRIBUTES = [MirOrgId, MirAgentId, MirUserId, MirOperation, MiraOrgId];

/**
 * MirOrgId of the workflows that belong to no single organisation, so `MirOrgId` is set on every
 * workflow and a filter on it never silently drops one: diagnostics and Mira's meetings (which
 * carry MiraOrgId) belong to none, and a person's member auto-link claims invites in every
 * organisation that imported the address.
 */
export const NO_ORGANIZATION = 'none';
export const EVERY_ORGANIZATION = 'all';

/** What an operator runs once per namespace when the attributes are missing. */
export function registerSearchAttributesCommand(namespace: string, names: string[]): string {
  return names
    .map((name) => `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`)
    .join('\n');
}
