export const ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export const PLANS = ['standard', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];
