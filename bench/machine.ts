// The machine a run was measured on, as RESULTS.md records it: the numbers mean little without it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Table } from './report';
import { processTreeCpuSeconds } from './server';

function command(file: string, args: string[]): string {
  try {
    // stderr is dropped: the Debian chromium wrapper prints shell noise there.
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

export interface MachineInfo {
  date: string;
  nproc: string;
  cpu: string;
  memory: string;
  node: string;
  chromium: string;
  kernel: string;
  /** 1-minute load average when the run started: other work on the machine shows here. */
  loadAtStart: string;
}

export function machineInfo(chromiumPath: string, loadAtStart: number): MachineInfo {
  const mem = command('free', ['-g']).split('\n').find((l) => l.startsWith('Mem:'));
  const [total, used, free] = mem ? mem.split(/\s+/).slice(1, 4) : ['?', '?', '?'];
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: command('nproc', []),
    cpu: cpuModel(),
    memory: mem ? `${total} GiB total, ${used} used, ${free} free (free -g)` : `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    chromium: command(chromiumPath, ['--version']),
    kernel: `${os.type()} ${os.release()}`,
    loadAtStart: loadAtStart.toFixed(2),
  };
}

export function machineTable(info: MachineInfo): Table {
  return {
    head: ['machine', ''],
    rows: [
      ['date', info.date],
      ['nproc', info.nproc],
      ['CPU', info.cpu],
      ['memory', info.memory],
      ['Node', info.node],
      ['Chromium', info.chromium],
      ['kernel', info.kernel],
      ['load average (1 min) at start', info.loadAtStart],
    ],
  };
}

/** CPU seconds the whole machine spent busy (user, nice, system, irq, softirq), from /proc/stat. */
function machineBusySeconds(): number {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq] = cpu;
    return (user + nice + system + irq + softirq) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts measuring how much CPU processes outside this run (not this process or its descendants:
 * the server, Chromium) use; the returned function gives their average in cores since the start.
 * On a shared machine that is the noise in every number measured meanwhile. Use it while the
 * server and browser are running: a descendant that exits without being waited for by us (an
 * orphaned Chromium helper) would have its CPU counted as someone else's.
 */
export function startNoiseMeter(): () => number {
  const busy0 = machineBusySeconds();
  const own0 = processTreeCpuSeconds(process.pid, true);
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const other = machineBusySeconds() - busy0 - (processTreeCpuSeconds(process.pid, true) - own0);
    return Math.max(0, other) / seconds;
  };
}
