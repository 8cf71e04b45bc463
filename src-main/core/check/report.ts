// The report as text: one line per case (PASS, FAIL with what was sent and what came back, SKIP with why) and the
// score line; also the list of cases with what each expects, for --help and the README.
import type { CheckCase } from './cases/case';
import type { CheckCaseResult, CheckReport } from './types';

const WIDTH = 33;

/** One line for one case result. */
export function caseLine(result: CheckCaseResult): string {
  const tag = result.outcome.toUpperCase();
  return `${tag}  ${result.name.padEnd(WIDTH)}${result.message}`.trimEnd();
}

/** `N passed, M failed` (and the skipped count when any). */
export function scoreLine(report: Pick<CheckReport, 'passed' | 'failed' | 'skipped'>): string {
  return `${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}`;
}

/** `name  what a receiver should do`, one line per case. */
export function caseListLines(cases: readonly CheckCase[]): string[] {
  return cases.map((c) => `${c.name.padEnd(WIDTH)}${c.should}`);
}
