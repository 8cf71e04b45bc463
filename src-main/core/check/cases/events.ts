// The test event (what "Send test event" sends, wrapped as the flavour wraps it) and one case per event type of the
// flavour: creations with size and ETag, a delete without them, a delete marker with a version id and no size.
// Each must be answered 2xx.
import { testEventBody } from '../../delivery/test-event';
import type { S3EventName } from '../../model/object-change';
import { all2xx, skip, type CheckCase } from './case';

/** The test event case. */
export const testEventCase: CheckCase = {
  name: 'test-event',
  should: 'answer the s3:TestEvent (no Records) with 2xx: S3 sends it when a configuration is saved and AWS refuses the hook otherwise',
  async run(ctx) {
    const request = ctx.post([{ eventId: `test-${ctx.newId()}`, body: testEventBody(ctx.bucket, Date.now()) }], 'an s3:TestEvent (no Records)');
    return all2xx([await ctx.send(request)], 'answered 2xx');
  },
};

const WHAT: Record<S3EventName, [string, string]> = {
  's3:ObjectCreated:Put': ['put', 'a PutObject'],
  's3:ObjectCreated:Post': ['post', 'a browser form upload'],
  's3:ObjectCreated:Copy': ['copy', 'a CopyObject'],
  's3:ObjectCreated:CompleteMultipartUpload': ['complete-multipart-upload', 'a multipart upload; its ETag ends in -2'],
  's3:ObjectRemoved:Delete': ['delete', 'a delete; the record has only key and sequencer, no size or ETag'],
  's3:ObjectRemoved:DeleteMarkerCreated': ['delete-marker', 'a delete on a versioned bucket; a versionId, no size or ETag'],
};

/** One case per event type the flavour can send (named event.<type>). */
export const eventCases: CheckCase[] = (Object.keys(WHAT) as S3EventName[]).map((eventName) => {
  const [name, what] = WHAT[eventName];
  return {
    name: `event.${name}`,
    should: `answer ${eventName} with 2xx (${what})`,
    async run(ctx) {
      if (!ctx.flavour.events.includes(eventName)) return skip(`the ${ctx.flavour.name} flavour does not send ${eventName}`);
      const change = ctx.change(eventName, `check/${name}.txt`);
      const request = ctx.delivery([change], { summary: `${eventName} of "check/${name}.txt"${change.size === undefined ? ' (no size, no ETag)' : ''}` });
      return all2xx([await ctx.send(request)], 'answered 2xx');
    },
  };
});
