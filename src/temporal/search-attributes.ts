import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes every MIR workflow sets, so operators can filter by business key. */
export const MirOrgId = defineSearchAttributeKey('MirOrgId', SearchAttributeType.KEYWORD);
export const MirAgentId = defineSearchAttributeKey('MirAgentId', SearchAttributeType.KEYWORD);
export const MirUserId = defineSearchAttributeKey('MirUserId', SearchAttributeType.KEYWORD);
export const MirOperation = defineSearchAttributeKey('MirOperation', SearchAttributeType.KEYWORD);

export const MIR_SEARCH_ATTRIBUTES = [MirOrgId, MirAgentId, MirUserId, MirOperation];
