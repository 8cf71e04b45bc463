// The send worker against a real receiver: the same outcomes as an attempt on this thread (answers, the 64 KiB cap,
// refused connections), timeouts and aborts decided on the caller's clock reach the worker's socket (or end an attempt
// whose connection never opens), and a closed worker fails its open requests while the next send starts a new one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSendWorker, type SendWorker } from '../../src-main/core/delivery/send-worker';
import { RESPONSE_BODY_LIMIT, sendOnce } from '../../src-main/core/delivery/sender';
import { systemClock } from '../../src-main/core/kernel/clock';
import { FakeClock } from '../helpers/fake-clock';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { freePort } from '../helpers/ports';
import { unacceptedPort } from '../helpers/unaccepted-port';
import { waitFor } from './delivery-harness';

describe('send worker', () => {
  let rx: Receiver;
  let worker: SendWorker;
  beforeEach(async () => {
    rx = await startReceiver();
    worker = createSendWorker();
  });
  afterEach(async () => {
    await worker.close();
    await rx.close();
  });

  const request = (overrides: Partial<{ url: string; timeoutMs: number; signal: AbortSignal }> = {}) => ({
    url: rx.url, headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: '{"Records":[]}', timeoutMs: 5000, ...overrides,
  });

  it('posts the body with its headers and gives the outcome an attempt on this thread gives', async () => {
    rx.behave({ status: 201, headers: { 'x-answer': 'a' }, body: 'made' });
    const [viaWorker, here] = await Promise.all([worker.send(request(), systemClock), sendOnce(request(), systemClock)]);
    expect(rx.received).toHaveLength(2);
    for (const r of rx.received) expect(r).toMatchObject({ method: 'POST', body: '{"Records":[]}', headers: { 'x-test': 'yes' } });
    expect(viaWorker).toMatchObject({ kind: 'delivered', status: 201, body: 'made', headers: { 'x-answer': 'a' } });
    const strip = (o: typeof here) => ({ ...o, durationMs: 0, startedAt: 0, headers: { ...(o as { headers: object }).headers, date: '' } });
    expect(strip(viaWorker)).toEqual(strip(here));
  });

  it('keeps the first 64 KiB of an answer and classifies a refused connection', async () => {
    rx.behave({ status: 500, body: 'x'.repeat(RESPONSE_BODY_LIMIT + 10_000) });
    const big = await worker.send(request(), systemClock);
    expect(big).toMatchObject({ kind: 'refused', status: 500 });
    expect((big as { body: string }).body).toHaveLength(RESPONSE_BODY_LIMIT);
    const refused = await worker.send(request({ url: `http://127.0.0.1:${await freePort()}/x` }), systemClock);
    expect(refused).toMatchObject({ kind: 'failed', errorClass: 'refused' });
  });

  it('times out on the caller clock and closes the socket in the worker', async () => {
    rx.behave('hang');
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const pending = worker.send(request({ timeoutMs: 2000 }), clock);
    await waitFor(() => rx.received.length === 1);
    await clock.advance(2000);
    expect(await pending).toMatchObject({ kind: 'failed', errorClass: 'timeout', message: 'no response within 2000 ms', startedAt: Date.UTC(2026, 0, 1) });
    await waitFor(() => rx.received[0].abandoned);
  }, 15_000);

  it('times out a connection that never opens (its SYNs dropped), in the worker and on this thread', async () => {
    const silent = await unacceptedPort();
    try {
      const clock = new FakeClock(Date.UTC(2026, 0, 1));
      const url = `http://127.0.0.1:${silent.port}/hook`;
      const pending = [worker.send(request({ url, timeoutMs: 1000 }), clock), sendOnce(request({ url, timeoutMs: 1000 }), clock)];
      await clock.advance(1000);
      for (const outcome of await Promise.all(pending)) {
        expect(outcome).toMatchObject({ kind: 'failed', errorClass: 'timeout', message: 'no response within 1000 ms' });
      }
      expect(rx.received).toHaveLength(0);
    } finally {
      await silent.close();
    }
  }, 15_000);

  it('stops an attempt when the caller aborts it', async () => {
    rx.behave('hang');
    const controller = new AbortController();
    const pending = worker.send(request({ signal: controller.signal }), systemClock);
    await waitFor(() => rx.received.length === 1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failed', errorClass: 'other' });
    await waitFor(() => rx.received[0].abandoned);
  }, 15_000);

  it('fails open requests when closed, and the next send starts a new worker', async () => {
    rx.behave('hang');
    const pending = worker.send(request(), systemClock);
    await waitFor(() => rx.received.length === 1);
    await worker.close();
    expect(await pending).toMatchObject({ kind: 'failed', errorClass: 'other', message: 'the send worker was closed' });
    rx.behave({ status: 204 });
    expect(await worker.send(request(), systemClock)).toMatchObject({ kind: 'delivered', status: 204 });
  });

  it('carries many requests at once, each to its own answer', async () => {
    rx.behave((r) => ({ status: 200, body: `echo ${r.headers['x-n']}` }));
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, n) =>
      worker.send({ ...request(), headers: { 'x-n': String(n) } }, systemClock)));
    expect(outcomes.map((o) => (o as { body: string }).body)).toEqual(Array.from({ length: 200 }, (_, n) => `echo ${n}`));
  });

  it('sends credentials in the URL as Basic authorization, unless the hook sets its own, and keeps the query', async () => {
    rx.behave({ status: 204 });
    const withUser = rx.url.replace('http://', 'http://ann%20b:p%40ss@');
    await worker.send(request({ url: `${withUser}?x=1` }), systemClock);
    await worker.send({ ...request({ url: withUser }), headers: { Authorization: 'Bearer own' } }, systemClock);
    expect(rx.received.map((r) => [r.headers.authorization, r.path])).toEqual([
      [`Basic ${Buffer.from('ann b:p@ss').toString('base64')}`, expect.stringMatching(/\?x=1$/)],
      ['Bearer own', expect.not.stringContaining('?')],
    ]);
  });

  it('fails an attempt whose URL has malformed user info, and the worker goes on', async () => {
    rx.behave({ status: 204 });
    const bad = await worker.send(request({ url: rx.url.replace('http://', 'http://%zz:p@') }), systemClock);
    expect(bad).toMatchObject({ kind: 'failed', errorClass: 'other', message: 'the user info of the URL is not valid percent-encoding' });
    expect(await worker.send(request(), systemClock)).toMatchObject({ kind: 'delivered', status: 204 });
    expect(rx.received).toHaveLength(1);
  });
});
