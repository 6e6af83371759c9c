// NetLog import speed and memory (goals: analysis ≤ 1.5× JSON.parse of the same file, peak memory ≤ 2× the file
// size), on 10 / 100 / 500 MB NetLogs generated from the real lab recording (test/fixtures/netlog): its events
// repeated with fresh source ids. Each measurement runs in its own process (tools/bench/netlog-child.ts);
// memory is that process's peak RSS above a process that loads the same code and reads nothing.
import { median, reportGoal } from './goal';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const SIZES_MB = (process.env['AUTHSCOPE_NETLOG_SIZES'] ?? '10,100,500').split(',').map(Number);
const ROUNDS = 3;

const recording = gunzipSync(readFileSync('test/fixtures/netlog/chromium-lab-default.json.gz')).toString('utf8');
const lines = recording.split('\n');
const header = `${lines[0]}\n${lines[1]}\n`;
const eventLines = lines.slice(2).filter((line) => line.startsWith('{"'));
const lastEvent = (eventLines.pop() ?? '').replace(/\],?\s*$/, ',');
eventLines.push(lastEvent);

function generate(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, header);
  let written = header.length;
  for (let copy = 0; written < megabytes * 1024 * 1024; copy++) {
    const offset = copy * 1_000_000;
    const block = eventLines.map((line) => line.replace(/"id":(\d+)/g, (_, id: string) => `"id":${Number(id) + offset}`)).join('\n');
    writeSync(fd, `${block}\n`);
    written += block.length + 1;
  }
  writeSync(fd, '{"phase":0,"source":{"id":0,"type":0},"time":"0","type":0}]\n}\n');
  closeSync(fd);
}

interface Measurement {
  ms: number;
  maxRssBytes: number;
  detail: string;
}
function measure(mode: string, file: string): Measurement | null {
  try {
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', 'tools/bench/netlog-child.ts', mode, file],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1) as string) as Measurement;
  } catch {
    return null;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'authscope-netlog-bench-'));
console.log(`\n## NetLog import (${ROUNDS} alternating rounds per size, medians; Node ${process.versions.node})\n`);
console.log(
  '| file | JSON.parse ms | AuthScope ms | × JSON.parse (goal ≤ 1.5) | AuthScope peak memory above baseline | × file (goal ≤ 2) | result |',
);
console.log('|---|---|---|---|---|---|---|');
try {
  for (const megabytes of SIZES_MB) {
    const file = join(dir, `netlog-${megabytes}mb.json`);
    generate(file, megabytes);
    const size = statSync(file).size;
    const parse: Measurement[] = [];
    const ours: Measurement[] = [];
    const baseline: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, list] of (round % 2 === 0
        ? [
            ['json-parse', parse],
            ['authscope', ours],
            ['baseline', baseline],
          ]
        : [
            ['authscope', ours],
            ['json-parse', parse],
            ['baseline', baseline],
          ]) as [string, Measurement[]][]) {
        const result = measure(mode, file);
        if (result) list.push(result);
      }
    }
    const base = median(baseline.map((run) => run.maxRssBytes));
    const oursMs = median(ours.map((run) => run.ms));
    const oursMemory = median(ours.map((run) => run.maxRssBytes)) - base;
    const parseMs = parse.length > 0 ? median(parse.map((run) => run.ms)) : null;
    console.log(
      `| ${(size / 1024 / 1024).toFixed(0)} MB | ${parseMs === null ? 'failed (string too long or out of memory)' : parseMs.toFixed(0)} | ${oursMs.toFixed(0)} | ${parseMs === null ? '—' : (oursMs / parseMs).toFixed(2)} | ${(oursMemory / 1024 / 1024).toFixed(0)} MB | ${(oursMemory / size).toFixed(2)} | ${ours[0]?.detail ?? 'failed'} |`,
    );
    rmSync(file, { force: true });
    const label = `${(size / 1024 / 1024).toFixed(0)} MB`;
    reportGoal({
      measure: `NetLog ${label}: time`,
      goal: '≤ 1.5× JSON.parse',
      measured: parseMs === null ? `${oursMs.toFixed(0)} ms (JSON.parse failed)` : `${(oursMs / parseMs).toFixed(2)}×`,
      met: parseMs === null || oursMs / parseMs <= 1.5,
    });
    reportGoal({
      measure: `NetLog ${label}: peak memory`,
      goal: '≤ 2× the file',
      measured: `${(oursMemory / size).toFixed(2)}× (${(oursMemory / 1024 / 1024).toFixed(0)} MB)`,
      met: oursMemory / size <= 2,
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
