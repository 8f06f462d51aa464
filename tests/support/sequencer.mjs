// Longest files first. The server files run a few at a time (vitest.config.mts), each worker
// taking the next file when it is free: started last, a 60-second file leaves the run waiting on
// it alone at the end. Vitest's own order needs timings of an earlier run (a fresh clone has none)
// and falls back to file size, which says little here: a 40-line file can load its own server for
// 20 s. The seconds come from durations.json (written from vitest's record of a full run by
// durations.mjs); files not in it go first.
import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer } from 'vitest/node';

/** @type {Record<string, number>} */
const seconds = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'durations.json'), 'utf8'));

export default class LongestFirst extends BaseSequencer {
  /** @param {import('vitest/node').TestSpecification[]} files */
  async sort(files) {
    const root = this.ctx.config.root;
    /** @param {import('vitest/node').TestSpecification} spec */
    const weight = (spec) => seconds[path.relative(root, spec.moduleId)] ?? Number.POSITIVE_INFINITY;
    return [...files].sort(
      (a, b) =>
        // Projects keep their order (groupOrder, then name), as in vitest's own sequencer.
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        a.project.name.localeCompare(b.project.name) ||
        (weight(b) === weight(a) ? 0 : weight(b) > weight(a) ? 1 : -1),
    );
  }
}
