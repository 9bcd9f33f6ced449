/** The report: every figure with its target; machine-dependent timings also as a ratio to a baseline of the same run. */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "< 150" or ">= 40" */
  target: string;
  met: boolean;
  baseline?: number;
  ratio?: number;
  note?: string;
}

export function check(value: number, target: string): boolean {
  const [, op, n] = /^(<=|>=|<|>)\s*([\d.]+)$/.exec(target) ?? [];
  const limit = Number(n);
  if (!op || !Number.isFinite(value)) return false;
  return op === '<' ? value < limit : op === '<=' ? value <= limit : op === '>' ? value > limit : value >= limit;
}

export function figure(name: string, value: number, unit: string, target: string, extra: { baseline?: number; ratioOf?: 'baseline/value' | 'value/baseline'; note?: string } = {}): Figure {
  if (!Number.isFinite(value)) throw new Error(`${name}: could not be measured (got ${value})`);
  const f: Figure = { name, value, unit, target, met: check(value, target) };
  if (extra.baseline !== undefined) {
    if (!Number.isFinite(extra.baseline) || extra.baseline <= 0) throw new Error(`${name}: baseline could not be measured (got ${extra.baseline})`);
    f.baseline = extra.baseline;
    f.ratio = Math.round((extra.ratioOf === 'baseline/value' ? extra.baseline / value : value / extra.baseline) * 100) / 100;
  }
  if (extra.note) f.note = extra.note;
  return f;
}

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

export function writeReport(dir: string, figures: Figure[], mode: 'full' | 'quick') {
  const report = { machine: machine(), date: new Date().toISOString(), mode, figures };
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const m = report.machine;
  const lines = [
    '# Relais benchmark report',
    '',
    `${report.date.slice(0, 10)} · ${mode} run · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · Node ${m.node.slice(1)} · ${m.platform}`,
    '',
    'Ratios compare with a baseline measured in the same run on the same machine (see bench/README.md): for',
    'latencies and sizes, Relais ÷ baseline (lower is better); for throughput, Relais ÷ baseline (higher is better).',
    '',
    '| figure | value | target | met | baseline | ratio |',
    '|---|---:|---|:-:|---:|---:|',
    ...figures.map((f) => `| ${f.name}${f.note ? ` (${f.note})` : ''} | ${f.value} ${f.unit} | ${f.target} ${f.unit} | ${f.met ? 'yes' : '**no**'} | ${f.baseline ?? '–'} | ${f.ratio ?? '–'} |`),
    '',
    `${figures.filter((f) => f.met).length} of ${figures.length} targets met.`,
    '',
  ];
  writeFileSync(path.join(dir, 'report.md'), lines.join('\n'));
  return report;
}
