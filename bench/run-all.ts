/**
 * `npm run bench`: runs every benchmark in its own process (so RSS figures are not shared), prints
 * their figures, and writes docs/BENCHMARKS.md with the machine, date, command and figures.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';

const BENCHES = [
  'wa-sim.ts',
  'boot.ts',
  'ingest.ts',
  'alert-latency.ts',
  'command-latency.ts',
  'memory.ts',
];

interface Figure {
  bench: string;
  name: string;
  value: string;
  unit: string;
  target: string;
}

function run(bench: string): Figure[] {
  const url = new URL(bench, import.meta.url);
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--expose-gc', url.pathname], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    process.stderr.write(`${bench} failed: ${(error as Error).message}\n`);
    return [];
  }
  process.stdout.write(output);
  return output
    .split('\n')
    .filter((line) => line.startsWith('FIGURE '))
    .map((line) => {
      const [, name = '', value = '', unit = '', target = ''] = line.split(' ');
      return { bench, name, value, unit, target };
    });
}

const available = BENCHES.filter((bench) => existsSync(new URL(bench, import.meta.url)));
const figures = available.flatMap(run);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString()} by \`npm run bench\` on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Each figure is the median of several runs unless its name says otherwise; targets are SPEC §12.',
  '',
  '| benchmark | figure | value | unit | target |',
  '|---|---|---|---|---|',
  ...figures.map((f) => `| ${f.bench} | ${f.name} | ${f.value} | ${f.unit} | ${f.target} |`),
  '',
];
writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), lines.join('\n'));
process.stdout.write(`wrote docs/BENCHMARKS.md (${figures.length} figures)\n`);
