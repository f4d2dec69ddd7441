import type { MiraRouteSpec } from '../route';
import { miraMeetingRoutes } from './meetings';
import { miraReportRoutes } from './reports';
import { miraRoleplayRoutes } from './roleplay';
import { miraSettingsRoutes } from './settings';
import { miraTemplateRoutes } from './templates';
import { miraUserRoutes } from './users';

/** 003 names no method for "update a template": PATCH and PUT both take a partial body (PUT: replaceX). */
function withPut(routes: MiraRouteSpec[]): MiraRouteSpec[] {
  const put = (r: MiraRouteSpec) => ({
    ...r,
    method: 'put' as const,
    operationId: r.operationId.replace(/^update/, 'replace'),
  });
  return routes.flatMap((r) => (r.method === 'patch' ? [r, put(r)] : [r]));
}

/** Every Mira route but the document itself, which is built from these. */
export function buildMiraRoutes(): MiraRouteSpec[] {
  return [
    ...miraMeetingRoutes,
    ...withPut(miraTemplateRoutes),
    ...miraReportRoutes,
    ...miraRoleplayRoutes,
    ...miraUserRoutes,
    ...miraSettingsRoutes,
  ];
}
