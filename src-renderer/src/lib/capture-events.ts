// The events and object keys in a body the built-in inbox captured, for every payload flavour BucketHooks sends:
// S3 records (VK, AWS, MinIO, Ceph; SNS's envelope around them), one record (CloudEvents), EventBridge, B2, and S3's
// test event. Keys come back as stored: S3 form-encodes record keys (MinIO query-escapes them), Ceph, EventBridge and
// B2 send them raw. Pure.

/** One event of a capture: its name as the body gives it, and the object key (null when the event has none). */
export interface CaptureEvent { event: string; key: string | null }

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Json : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** An S3 record key decoded as S3 encodes it (`+` is a space, then %XX); the raw text when it is not valid encoding. */
export function decodeRecordKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** One S3 record: its eventName and its key, decoded unless the source (Ceph) sends keys raw. */
function fromRecord(record: Json): CaptureEvent | null {
  const event = str(record.eventName);
  if (event === null) return null;
  const key = str(obj(obj(record.s3)?.object)?.key);
  const raw = str(record.eventSource) === 'ceph:s3';
  return { event, key: key === null ? null : raw ? key : decodeRecordKey(key) };
}

function fromJson(body: Json): CaptureEvent[] {
  if (Array.isArray(body.Records)) {
    return body.Records.flatMap((r) => {
      const record = obj(r);
      const event = record && fromRecord(record);
      return event ? [event] : [];
    });
  }
  if (str(body.Type) === 'Notification' && typeof body.Message === 'string') return captureEvents(body.Message);
  if (Array.isArray(body.events)) {
    return body.events.flatMap((e) => {
      const event = str(obj(e)?.eventType);
      return event === null ? [] : [{ event, key: str(obj(e)?.objectName) }];
    });
  }
  const detailType = str(body['detail-type']);
  if (detailType !== null) return [{ event: detailType, key: str(obj(obj(body.detail)?.object)?.key) }];
  const one = fromRecord(body);
  if (one) return [one];
  const test = str(body.Event);
  return test === null ? [] : [{ event: test, key: null }];
}

/** The events of a captured body, in order; [] when it is not one of the shapes above (or not JSON). */
export function captureEvents(body: string): CaptureEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const json = obj(parsed);
  return json ? fromJson(json) : [];
}
