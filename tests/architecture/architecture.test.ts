/**
 * The architecture test: dependency-cruiser reads every import of server/, shared/ and
 * client/ (type-only ones too: a cycle through types is still a cycle) and checks the
 * layers' rules (rules.ts). A probe proves the rules bite: a cycle written into server/
 * for the length of one cruise must be reported.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN } from './rules';

const root = path.resolve(import.meta.dirname, '../..');

async function violations(targets: string[]) {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(
      targets,
      {
        ruleSet: { forbidden: FORBIDDEN },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
        doNotFollow: { path: 'node_modules' },
        exclude: { path: '^dist/' },
        validate: true,
      },
      undefined,
      { tsConfig: { compilerOptions: { moduleResolution: 'bundler' } } as never },
    );
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
  } finally {
    process.chdir(cwd);
  }
}

describe('the layers', () => {
  it('hold: no cycle in server/ or shared/, shared/ alone, the client takes server types only, services know no transport', async () => {
    expect(await violations(['server', 'shared', 'client'])).toEqual([]);
  }, 60_000);

  it('fail when a cycle or a forbidden import is added', async () => {
    const probe = path.join(root, 'server/services/__architecture_probe__');
    mkdirSync(probe, { recursive: true });
    try {
      writeFileSync(path.join(probe, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(path.join(probe, 'b.ts'), "import { a } from './a';\nimport { TRPCError } from '@trpc/server';\nexport const b = () => [a, TRPCError];\n");
      const found = await violations(['server/services/__architecture_probe__']);
      expect(found.some((v) => v.startsWith('no-cycles:'))).toBe(true);
      expect(found.some((v) => v.startsWith('services-know-no-transport:'))).toBe(true);
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }, 60_000);

  it('fail when a client feature reaches into another instead of through its index.ts', async () => {
    const probe = path.join(root, 'client/features/__architecture_probe__');
    mkdirSync(probe, { recursive: true });
    try {
      writeFileSync(path.join(probe, 'a.ts'), "export { CardDialogs } from '../card';\nexport { useBoardLearners } from '../card/useBoardLearners';\n");
      const found = await violations(['client/features/__architecture_probe__']);
      expect(found).toEqual(['features-meet-through-their-index: client/features/__architecture_probe__/a.ts → client/features/card/useBoardLearners.ts']);
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }, 60_000);
});
