// Reading a V8 CPU profile (`node --cpu-prof`): where a process spent its time, by function (self
// time) and by area (next-auth, Next's server, React, zod, Drizzle, better-sqlite3, our own code,
// Node internals, GC), so a throughput run can name its top frames.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Milliseconds sampled, idle excluded. */
  busyMs: number;
  idleMs: number;
  frames: { name: string; where: string; area: string; selfMs: number; share: number }[];
  areas: { area: string; selfMs: number; share: number }[];
}

const AREAS: [RegExp, string][] = [
  [/node_modules\/next-auth\/|node_modules\/jose\/|node_modules\/@panva\/|node_modules\/oauth/, 'next-auth + jose (session)'],
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/drizzle-orm\//, 'Drizzle'],
  [/node_modules\/better-sqlite3\//, 'better-sqlite3'],
  [/react-dom|react-server|node_modules\/react\//, 'React'],
  [/node_modules\/next\/|\.next\/server\/chunks\/.*next|\[turbopack\]|turbopack/, 'Next.js server'],
  [/node_modules\//, 'other packages'],
  [/\.next\/server\//, 'app bundle (our code and what Next bundled with it)'],
  [/^node:|^internal\/|^$/, 'Node internals, native'],
];

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)') return 'V8 (program)';
  for (const [re, label] of AREAS) if (re.test(url)) return label;
  return 'other';
}

/** Self time per function and per area, largest first; with `lastMs`, of the profile's last `lastMs` only. */
export function summariseProfile(file: string, top = 15, lastMs = Infinity): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = profile.endTime - lastMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const frames = new Map<string, { name: string; where: string; area: string; us: number }>();
  const areas = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const a = area(url, functionName);
    const where = url ? `${shortPath(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}@${where}`;
    const f = frames.get(key) ?? { name: functionName || '(anonymous)', where, area: a, us: 0 };
    f.us += us;
    frames.set(key, f);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    frames: [...frames.values()]
      .sort((x, y) => y.us - x.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, area: f.area, selfMs: f.us / 1000, share: f.us / busy })),
    areas: [...areas].sort((x, y) => y[1] - x[1]).map(([a, us]) => ({ area: a, selfMs: us / 1000, share: us / busy })),
  };
}

function shortPath(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const i = clean.lastIndexOf('node_modules/');
  if (i >= 0) return clean.slice(i + 'node_modules/'.length);
  const j = clean.indexOf('.next/');
  if (j >= 0) return clean.slice(j);
  return path.basename(clean);
}

/** The largest .cpuprofile in a folder (the server process's, not a short-lived helper's). */
export function largestProfile(dir: string): string | undefined {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  return files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}
