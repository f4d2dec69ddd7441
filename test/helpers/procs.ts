import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcs(): Proc[] {
  const procs: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      procs.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // The process ended while we were looking.
    }
  }
  return procs;
}

/** Live processes whose command line mentions `needle` (a data folder, say). */
export function processesMentioning(needle: string): Proc[] {
  return readProcs().filter((p) => p.pid !== process.pid && p.cmdline.includes(needle));
}

export function descendantsOf(pid: number): Proc[] {
  const procs = readProcs();
  const found: Proc[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const p of procs.filter((q) => q.ppid === parent)) {
      found.push(p);
      frontier.push(p.pid);
    }
  }
  return found;
}
