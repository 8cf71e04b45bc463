// The report as JUnit XML (one testcase per case; failures carry what was sent and what came back), built with
// fast-xml-parser's builder so a CI job shows the check like its own tests.
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckCaseResult, CheckExchange, CheckReport } from './types';

const BODY_LIMIT = 4096;

/** Text cut to the limit, without the control characters XML 1.0 cannot carry. */
function cut(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
  return clean.length > BODY_LIMIT ? `${clean.slice(0, BODY_LIMIT)}… (${clean.length} characters)` : clean;
}

/** An exchange written out in full: request line, headers, body; then the answer. */
export function exchangeDetail(e: CheckExchange): string {
  const headers = (h: Record<string, string> | null) => Object.entries(h ?? {}).map(([k, v]) => `  ${k}: ${v}`).join('\n');
  const answer = e.answer.status === null ? `no answer: ${e.answer.error}`
    : `HTTP ${e.answer.status} in ${e.answer.durationMs} ms\n${headers(e.answer.headers)}\n\n${cut(e.answer.body ?? '')}`;
  return `>>> POST ${e.request.url}  (${e.request.summary})\n${headers(e.request.headers)}\n\n${cut(e.request.body)}\n<<< ${answer}`;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: CheckCaseResult): Record<string, unknown> {
  const group = r.name.split('.')[0];
  const node: Record<string, unknown> = { '@_classname': `buckethooks.check.${group}`, '@_name': r.name, '@_time': seconds(r.durationMs) };
  if (r.outcome === 'fail') node.failure = { '@_message': r.message, '@_type': 'ReceiverCheckFailure', '#text': r.exchanges.map(exchangeDetail).join('\n\n') };
  if (r.outcome === 'skip') node.skipped = { '@_message': r.message };
  node['system-out'] = `A receiver should ${r.should}.`;
  return node;
}

/** The report as a JUnit XML document: one testsuite, one testcase per case, counts equal to the score line's. */
export function junitXml(report: CheckReport): string {
  const counts = { '@_tests': report.cases.length, '@_failures': report.failed, '@_errors': 0, '@_skipped': report.skipped, '@_time': seconds(report.durationMs) };
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'buckethooks check', ...counts,
      testsuite: {
        '@_name': `buckethooks check (${report.flavour}) ${report.url}`, ...counts,
        '@_timestamp': new Date(report.startedAt).toISOString(), testcase: report.cases.map(testcase),
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true, processEntities: true }).build(doc) as string;
}
