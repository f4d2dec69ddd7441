import type { presentSettings } from '../routes/settings';
import { hiddenCsrf } from './console-templates';
import { html } from './html';

/** The settings page: what is in force, and for an OWNER the form that changes it. */

export type SettingsForm = Record<
  'enforceAgentAuth' | 'agentRateLimitPerMinute' | 'linkInviteTtlSeconds' | 'linkRedirectOrigins' | 'spawnPolicy',
  string
>;
type Settings = ReturnType<typeof presentSettings>['settings'];

const formOf = (s: Settings): SettingsForm => ({
  enforceAgentAuth: s.enforceAgentAuth ? 'on' : 'off',
  agentRateLimitPerMinute: s.agentRateLimitPerMinute === null ? '' : String(s.agentRateLimitPerMinute),
  linkInviteTtlSeconds: s.linkInviteTtlSeconds === null ? '' : String(s.linkInviteTtlSeconds),
  linkRedirectOrigins: s.linkRedirectOrigins.join('\n'),
  spawnPolicy: s.spawnPolicy ? JSON.stringify(s.spawnPolicy, null, 2) : '',
});

function inForce(s: Settings) {
  return html`<table id="settings">
    <tbody>
      <tr>
        <th scope="row">Agent auth enforced</th>
        <td data-setting="enforceAgentAuth">${s.enforceAgentAuth ? 'yes' : 'no'}</td>
      </tr>
      <tr>
        <th scope="row">Agent rate limit per minute</th>
        <td data-setting="agentRateLimitPerMinute">${s.agentRateLimitPerMinute ?? 'default'}</td>
      </tr>
      <tr>
        <th scope="row">Link invites valid for (seconds)</th>
        <td data-setting="linkInviteTtlSeconds">${s.linkInviteTtlSeconds ?? 'default (7 days)'}</td>
      </tr>
      <tr>
        <th scope="row">Redirect origins</th>
        <td data-setting="linkRedirectOrigins" class="partner">${s.linkRedirectOrigins.join(', ') || 'none'}</td>
      </tr>
      <tr>
        <th scope="row">Spawn policy</th>
        <td data-setting="spawnPolicy"><code>${s.spawnPolicy ? JSON.stringify(s.spawnPolicy) : 'none'}</code></td>
      </tr>
    </tbody>
  </table>`;
}

/** `form`: null for a reader (ADMIN), 'current' for the settings in force, else what was typed. */
export function settingsContent(base: string, csrf: string, s: Settings, form: SettingsForm | 'current' | null) {
  if (!form)
    return html`${inForce(s)}
      <p class="muted" id="owner-only">Only an OWNER can change these.</p>`;
  const f = form === 'current' ? formOf(s) : form;
  return html`${inForce(s)}
    <h2>Change</h2>
    <form method="post" action="${base}/settings" id="settings-form">
      ${hiddenCsrf(csrf)}
      <label for="set-enforce">Enforce agent auth (a partner key alone is refused)</label>
      <select id="set-enforce" name="enforceAgentAuth">
        <option value="off" ${f.enforceAgentAuth === 'off' ? html`selected` : ''}>off</option>
        <option value="on" ${f.enforceAgentAuth === 'on' ? html`selected` : ''}>on</option>
      </select>
      <label for="set-rate">Agent rate limit per minute (1–10,000; empty leaves it)</label>
      <input type="number" id="set-rate" name="agentRateLimitPerMinute" value="${f.agentRateLimitPerMinute}" />
      <label for="set-ttl">Link invites valid for, in seconds (5–2,592,000; empty leaves it)</label>
      <input type="number" id="set-ttl" name="linkInviteTtlSeconds" value="${f.linkInviteTtlSeconds}" />
      <label for="set-origins">Redirect origins, one per line (https://host[:port]; replaced whole)</label>
      <textarea id="set-origins" name="linkRedirectOrigins" rows="3" maxlength="6000">
${f.linkRedirectOrigins}</textarea>
      <label for="set-spawn">Spawn policy as JSON (replaced whole; empty leaves it)</label>
      <textarea id="set-spawn" name="spawnPolicy" rows="6" maxlength="4000">${f.spawnPolicy}</textarea>
      <button type="submit" id="save-settings">Save</button>
    </form>`;
}
