/** The benchmark harness's own checks: a figure that could not be measured stops the run instead of being written. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, figure, writeReport } from '../../bench/report';
import { median, percentile } from '../../bench/stats';

describe('the benchmark report', () => {
  it('refuses a figure or a baseline that could not be measured', () => {
    expect(() => figure('board.get', Number.NaN, 'ms', '< 150')).toThrow(/board\.get: could not be measured/);
    expect(() => figure('card.move p99', percentile([], 99), 'ms', '< 25')).toThrow(/could not be measured/);
    expect(() => figure('throughput', 200, 'req/s', '>= 0', { baseline: 0 })).toThrow(/baseline could not be measured/);
    expect(() => figure('throughput', 200, 'req/s', '>= 0', { baseline: Number.NaN })).toThrow(/baseline could not be measured/);
  });

  it('judges each figure against its target and gives the ratio to its baseline', () => {
    expect(figure('board.get', 118, 'ms', '< 150', { baseline: 89 })).toEqual({ name: 'board.get', value: 118, unit: 'ms', target: '< 150', met: true, baseline: 89, ratio: 1.33 });
    expect(figure('throughput', 200, 'req/s', '>= 0', { baseline: 800, ratioOf: 'value/baseline' }).ratio).toBe(0.25);
    expect([check(150, '< 150'), check(150, '<= 150'), check(0.4, '>= 0.4'), check(0.39, '> 0.4'), check(1, 'about 1')]).toEqual([false, true, true, false, false]);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([1, 2, 3, 4, 100], 80)).toBe(4);
  });

  it('writes report.json and report.md with every figure, its target and whether it is met', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-report-'));
    try {
      writeReport(dir, [figure('board.get', 118, 'ms', '< 150', { baseline: 89 }), figure('card.move p99', 40, 'ms', '< 25')], 'quick');
      const json = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      expect(Object.keys(json)).toEqual(expect.arrayContaining(['machine', 'date', 'figures']));
      expect(json.figures.map((f: { met: boolean }) => f.met)).toEqual([true, false]);
      const md = readFileSync(path.join(dir, 'report.md'), 'utf8');
      expect(md).toContain('| board.get | 118 ms | < 150 ms | yes | 89 | 1.33 |');
      expect(md).toContain('| card.move p99 | 40 ms | < 25 ms | **no** | – | – |');
      expect(md).toContain('1 of 2 targets met.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
