// Words for connection outcomes: the title "Test connection" shows for each kind of failure.
import type { ConnectionOutcome } from '../../../src-shared/contract';

const TITLES: Record<string, string> = {
  auth: 'Authentication failed', tls: 'TLS error', dns: 'Host not found', timeout: 'Timed out',
  refused: 'Connection refused', 'not-s3': 'Not an S3 service', error: 'The service refused',
};

/** The alert title of a "Test connection" outcome. */
export function outcomeTitle(outcome: ConnectionOutcome): string {
  return outcome.ok ? 'Connected' : TITLES[outcome.kind] ?? 'Failed';
}
