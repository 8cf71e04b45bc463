// `npm run audit:prod`: runtime dependencies must have no high or critical advisory. Where the registry offers no
// advisory endpoint (a mirror answering 405), the audit cannot run: that is said loudly and is not a failure.
import { spawnSync } from 'node:child_process';

interface AuditReport {
  metadata?: { vulnerabilities: Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number> };
  statusCode?: number;
  message?: string;
}

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  process.stderr.write(`npm audit gave no report:\n${run.stdout}${run.stderr}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  process.stdout.write(`npm audit NOT RUN: the registry's advisory endpoint is unavailable here (${report.message ?? 'no message'})\n`);
  process.exit(0);
}
const serious = counts.high + counts.critical;
process.stdout.write(`npm audit (runtime dependencies): ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low\n`);
if (serious > 0) {
  process.stdout.write('run `npm audit --omit=dev` for the advisories and fixes\n');
  process.exit(1);
}
