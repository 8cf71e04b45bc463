// @vitest-environment happy-dom
// The receiver-check store over a fake main: a run collects its own live cases (not another run's), ends with the
// report or the refusal's message, and a saved hook's last report is loaded once.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { CheckCaseResult, CheckReport, HookCheckInput } from '../../src-shared/contract';
import { checkKey, useReceiverCheckStore } from '../../src-renderer/src/stores/receiver-check';
import { ApiCallError, fakeMain, type FakeMain } from './fake-transport';

const result = (name: string, outcome: CheckCaseResult['outcome']): CheckCaseResult =>
  ({ name, should: 'do it', outcome, message: outcome, exchanges: [], durationMs: 1 });
const report = (cases: CheckCaseResult[]): CheckReport => ({
  url: 'http://r/h', flavour: 'vk', startedAt: 0, durationMs: 5, cases,
  passed: cases.filter((c) => c.outcome === 'pass').length, failed: cases.filter((c) => c.outcome === 'fail').length, skipped: 0,
});

beforeEach(() => { setActivePinia(createPinia()); });

describe('receiver check store', () => {
  it('collects the live cases of its own run, then keeps the report', async () => {
    let release: () => void = () => {};
    const final = report([result('handshake', 'pass'), result('duplicate', 'fail')]);
    const main: FakeMain = fakeMain({
      'hooks.check': async (input: HookCheckInput) => {
        main.emit('hooks.checkCase', { runId: 'someone-else', bucket: 'b', id: 'h', result: result('stray', 'pass') });
        main.emit('hooks.checkCase', { runId: input.runId, bucket: 'b', id: 'h', result: final.cases[0] });
        await new Promise<void>((r) => { release = r; });
        return final;
      },
    });
    const store = useReceiverCheckStore();
    const done = store.run({ bucket: 'b', id: 'h' });
    await new Promise((r) => setTimeout(r, 0));
    const live = store.runs[checkKey({ bucket: 'b', id: 'h' })];
    expect(live).toMatchObject({ running: true, report: null, error: null });
    expect(live.results.map((r) => r.name)).toEqual(['handshake']);
    release();
    await done;
    expect(store.runs[checkKey({ bucket: 'b', id: 'h' })]).toMatchObject({ running: false, report: final, results: final.cases });
    expect(main.calls[0].input).toMatchObject({ bucket: 'b', id: 'h', runId: expect.stringMatching(/^[0-9a-f]{24}$/) });
  });

  it('keeps the refusal as the run\'s error, and loads a saved hook\'s last report once', async () => {
    const last = report([result('test-event', 'pass')]);
    const main = fakeMain({
      'hooks.check': () => { throw new ApiCallError('InvalidInput', 'unknown flavour "b3" (available: vk, aws)'); },
      'hooks.lastCheck': () => last,
    });
    const store = useReceiverCheckStore();
    await store.run({ bucket: 'b', url: 'http://r/h', flavour: 'b3' });
    expect(store.runs[checkKey({ bucket: 'b' })]).toMatchObject({ running: false, error: 'unknown flavour "b3" (available: vk, aws)' });
    await store.loadLast('b', 'saved');
    await store.loadLast('b', 'saved');
    expect(store.runs[checkKey({ bucket: 'b', id: 'saved' })]).toMatchObject({ report: last, results: last.cases });
    expect(main.calls.filter((c) => c.method === 'hooks.lastCheck')).toHaveLength(1);
  });
});
