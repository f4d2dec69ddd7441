import type { MiraRouteSpec } from '../route';
import { miraMeetingRoutes } from './meetings';
import { miraReportRoutes } from './reports';
import { miraRoleplayRoutes } from './roleplay';
import { miraTemplateRoutes } from './templates';
import { miraUserRoutes } from './users';

/** 003 names no method for "update a template": PATCH and PUT both take a partial body. */
function withPut(routes: MiraRouteSpec[]): MiraRouteSpec[] {
  return routes.flatMap((r) => (r.method === 'patch' ? [r, { ...r, method: 'put' as const }] : [r]));
}

/** Every Mira route but the document itself, which is built from these. */
export function buildMiraRoutes(): MiraRouteSpec[] {
  return [
    ...miraMeetingRoutes,
    ...withPut(miraTemplateRoutes),
    ...miraReportRoutes,
    ...miraRoleplayRoutes,
    ...miraUserRoutes,
  ];
}
