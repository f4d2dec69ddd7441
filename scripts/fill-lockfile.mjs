// This machine's npm registry mirror serves only the linux-x64 builds of native packages,
// so `npm install` leaves other platforms' optional packages out of package-lock.json and
// `npm ci` then refuses the lockfile. This adds a platform-tagged entry for each missing one;
// npm skips them on linux-x64 because their os/cpu do not match. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${name}`]) continue;
    const parts = name.split(/[-/]/);
    const os = OS.find((o) => parts.includes(o));
    const cpu =
      parts.includes('arm') || parts.includes('gnueabihf') || (parts.includes('eabi') && !parts.includes('arm64'))
        ? 'arm'
        : CPU.find((c) => parts.includes(c));
    if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
    pkgs[key] = { version, optional: true, os: [os], cpu: [cpu], ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fill-lockfile: added ${added} platform entries`);
