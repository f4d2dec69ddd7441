import type { HistoryRecord } from './history';

const W = 1200;
const H = 360;
const PAD = { left: 50, right: 20, top: 30, bottom: 40 };
const COLOURS: Record<string, string> = {
  'kill-api': '#f4a261',
  'kill-worker': '#e9c46a',
  'restart-postgres': '#90caf9',
  'kill-temporal': '#ce93d8',
  'pause-temporal': '#b0bec5',
  flood: '#ffab91',
};

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Answers per second over the run (green: answered 2xx-4xx; red: 5xx or no answer), with each
 * fault as a shaded band named by its kind and each crash as a dashed line: what each fault did,
 * at a glance. Plain SVG, written by hand.
 */
export function chartSvg(history: HistoryRecord[], title: string): string {
  const requests = history.filter((r) => r.t === 'req');
  const faults = history.filter((r) => r.t === 'fault');
  if (requests.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"></svg>`;
  const start = Math.min(...requests.map((r) => r.at));
  const seconds = Math.ceil((Math.max(...requests.map((r) => r.end)) - start) / 1000) + 1;
  const ok = new Array<number>(seconds).fill(0);
  const bad = new Array<number>(seconds).fill(0);
  for (const r of requests) {
    const s = Math.floor((r.end - start) / 1000);
    if (r.status === undefined || r.status >= 500) bad[s]! += 1;
    else ok[s]! += 1;
  }
  const top = Math.max(5, ...ok, ...bad);
  const x = (s: number) => PAD.left + (s / Math.max(1, seconds - 1)) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / top) * (H - PAD.top - PAD.bottom);
  const line = (values: number[], colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="1.2" points="${values.map((v, s) => `${x(s).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`;
  const bands = faults.map((f) => {
    const x0 = x((f.at - start) / 1000);
    const x1 = Math.max(x0 + 2, x((f.until - start) / 1000));
    return (
      `<rect x="${x0.toFixed(1)}" y="${PAD.top}" width="${(x1 - x0).toFixed(1)}" height="${H - PAD.top - PAD.bottom}" fill="${COLOURS[f.kind] ?? '#ddd'}" opacity="0.45"><title>${esc(`${f.kind} ${f.target} ${f.detail ?? ''}`)}</title></rect>` +
      `<text x="${(x0 + 3).toFixed(1)}" y="${PAD.top + 12}" font-size="10">${esc(f.kind.replace(/-.*/, '') + ' ' + f.target)}</text>`
    );
  });
  // A process that died on its own (not killed by the chaos) is a crash: a dashed red line.
  const crashes = history
    .filter((r) => r.t === 'proc' && r.event === 'exit' && r.at >= start)
    .map((r) => {
      const at = x((r.at - start) / 1000).toFixed(1);
      const name = r.t === 'proc' ? r.name : '';
      return `<line x1="${at}" x2="${at}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#d62828" stroke-dasharray="4 3"/><text x="${at}" y="${H - PAD.bottom - 4}" font-size="10" fill="#d62828">${esc(`${name} crashed`)}</text>`;
    });
  const ticks = Array.from({ length: 6 }, (_, i) => Math.round((top * i) / 5));
  const xticks = Array.from({ length: 11 }, (_, i) => Math.round(((seconds - 1) * i) / 10));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PAD.left}" y="14" font-size="12">${esc(title)}</text>`,
    ...bands,
    ...crashes,
    ...ticks.map(
      (t) =>
        `<text x="${PAD.left - 6}" y="${y(t) + 3}" font-size="10" text-anchor="end">${t}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/>`,
    ),
    ...xticks.map(
      (s) => `<text x="${x(s)}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle">${s}s</text>`,
    ),
    line(ok, '#2a9d8f'),
    line(bad, '#d62828'),
    `<text x="${W - 400}" y="${H - 8}" font-size="11"><tspan fill="#2a9d8f">answers/s</tspan>  <tspan fill="#d62828">5xx or no answer/s</tspan>  bands: faults, dashed: crashes</text>`,
    '</svg>',
  ].join('\n');
}
