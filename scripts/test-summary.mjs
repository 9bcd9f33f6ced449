// Reads vitest JSON reports and prints one closing line per suite and a total, in the
// plain form CI reads: "<suite>: N passed, N failed". Exit code 1 when a report is missing.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let missing = false;
for (const arg of process.argv.slice(2)) {
  const [name, file] = arg.split('=');
  if (!existsSync(file)) {
    console.log(`${name}: report missing (${file}) — the suite did not run`);
    missing = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  passed += p;
  failed += f;
  console.log(`${name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(missing || failed > 0 ? 1 : 0);
