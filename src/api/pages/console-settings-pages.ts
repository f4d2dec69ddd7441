import { type Request, type Response, Router } from 'express';
import { findOrganization } from '../../db/queries/organizations';
import { ApiError } from '../../domain/errors';
import { changeOrgSettings } from '../../services/org-settings';
import type { AppDeps } from '../context';
import { auditActorOf } from '../present/agents';
import { CHANGE_SETTINGS, READ_SETTINGS, presentSettings, settingsBody } from '../routes/settings';
import { type ConsoleContext, type ContextOf, allowed } from './console-pages';
import { type SettingsForm, settingsContent } from './console-settings-templates';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './page-responses';

const FIELDS = [
  'enforceAgentAuth',
  'agentRateLimitPerMinute',
  'linkInviteTtlSeconds',
  'linkRedirectOrigins',
  'spawnPolicy',
];
const WHOLE = /^\d{1,9}$/;

class Refused extends Error {}

/** The form as the PATCH body: an empty number or policy leaves that setting as it is. */
function changesOf(form: SettingsForm): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (form.enforceAgentAuth !== 'on' && form.enforceAgentAuth !== 'off') throw new Refused('Agent auth is on or off.');
  changes.enforceAgentAuth = form.enforceAgentAuth === 'on';
  for (const name of ['agentRateLimitPerMinute', 'linkInviteTtlSeconds'] as const) {
    const value = form[name].trim();
    if (value === '') continue;
    if (!WHOLE.test(value)) throw new Refused(`${name} is a whole number.`);
    changes[name] = Number(value);
  }
  changes.linkRedirectOrigins = form.linkRedirectOrigins.split(/\s+/).filter((o) => o !== '');
  if (form.spawnPolicy.trim() !== '') {
    try {
      changes.spawnPolicy = JSON.parse(form.spawnPolicy) as unknown;
    } catch {
      throw new Refused('The spawn policy is not JSON.');
    }
  }
  const parsed = settingsBody.safeParse(changes);
  if (!parsed.success)
    throw new Refused(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The settings as GET /portal/api/settings reads them (OWNER, ADMIN); an OWNER changes them as PATCH does. */
export function consoleSettingsRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  const db = deps.database.db;

  async function show(
    req: Request,
    res: Response,
    ctx: ConsoleContext,
    refused?: { error: string; form: SettingsForm },
  ) {
    const org = await findOrganization(db, ctx.principal.organizationId);
    const { settings } = presentSettings((org?.settings ?? {}) as Record<string, unknown>);
    const form = allowed(ctx.principal, CHANGE_SETTINGS) ? (refused?.form ?? 'current') : null;
    const content = settingsContent(orgBase(ctx.principal.organizationId), ctx.frame.csrf, settings, form);
    const notice = req.query.notice === 'saved' ? 'Saved: the settings below are in force.' : undefined;
    const frame = { ...ctx.frame, notice, error: refused?.error };
    sendHtml(res, refused ? 400 : 200, consolePage('settings', 'Settings', frame, content));
  }

  router.get('/settings', async (req, res) => {
    const ctx = await contextOf(req, res, READ_SETTINGS);
    if (ctx) await show(req, res, ctx);
  });

  router.post('/settings', async (req, res) => {
    const ctx = await contextOf(req, res, CHANGE_SETTINGS);
    if (!ctx) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = Object.fromEntries(FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : ''])) as SettingsForm;
    try {
      if (FIELDS.some((f) => body[f] !== undefined && typeof body[f] !== 'string')) {
        throw new Refused('Each setting is sent once.');
      }
      await changeOrgSettings(deps, db, {
        organizationId: ctx.principal.organizationId,
        changes: changesOf(form),
        actor: auditActorOf(ctx.principal),
        requestId: req.id,
      });
    } catch (err) {
      const known = err instanceof Refused || (err instanceof ApiError && err.code === 'validation_failed');
      if (!known) throw err;
      return show(req, res, ctx, { error: `Not saved: ${(err as Error).message} Nothing was changed.`, form });
    }
    deps.authCache.flush();
    res.redirect(303, `${orgBase(ctx.principal.organizationId)}/settings?notice=saved`);
  });
  return router;
}
