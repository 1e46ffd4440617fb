// Issue 10 item 3: a CreateSnapshot whose answer was lost ("may exist") is never dropped, and the
// tracker settles it by looking among the disk's snapshots: found -> tracked, not found -> not created.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcsError } from '../../src/ecs/errors';
import { LOOKUP, matchesIntent } from '../../src/tracker/createLookup';
import { describeStatus, outcomeText } from '../../src/tracker/statusView';
import { isOutcomeUnknown, PERSISTENCE_VERSION } from '../../src/tracker/trackedOperation';
import { FakeClock, FakeGateway, harness, intent, MemoryStore, throttled, type Harness } from './trackerFakes';

function lostAnswer(): EcsError {
  return new EcsError({ kind: 'timeout', code: 'ReadTimeout', message: 'ECS did not answer CreateSnapshot in time.', retryable: true, outcomeUnknown: true, action: 'CreateSnapshot' });
}

/** Sends intent n, whose answer is lost: the operation enters its lookup phase. */
function sendLost(h: Harness, n: number): void {
  h.core.begin(intent(n));
  h.core.reportCreateFailure(intent(n), lostAnswer());
}

function transitions(h: Harness): string[] {
  return h.events.flatMap((e) => (e.kind === 'stateChanged' ? [`${e.previous ?? '-'}>${e.op.state}`] : []));
}

describe('tracker: a snapshot that may exist is looked for', () => {
  it('found: the lost answer becomes a normal tracked creation with that SnapshotId, then ready', async () => {
    const h = harness();
    // Noise on the same disk: an older snapshot with the same name, and a newer one with another name.
    h.gateway.put('s-old', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }], creationTime: new Date(h.clock.now() - 3_600_000).toISOString() });
    sendLost(h, 1);
    assert.equal(h.core.get('token-1')?.state, 'checking');
    h.gateway.put('s-other', { sourceDiskId: 'd-1', snapshotName: 'someone-else' });
    h.gateway.put('s-made', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }], progress: 30 });
    await h.clock.advance(LOOKUP.firstAfterMs);
    assert.equal(h.gateway.lists.length, 1);
    assert.deepEqual(h.gateway.lists[0], { at: h.clock.now(), regionId: 'cn-hangzhou', diskId: 'd-1', nextToken: undefined });
    const op = h.core.get('token-1');
    assert.equal(op?.state, 'creating');
    assert.equal(op?.snapshotId, 's-made');
    assert.equal(op?.progress, 30);
    assert.equal(h.core.isCreating({ regionId: 'cn-hangzhou', diskId: 'd-1' }), true);
    h.gateway.put('s-made', { status: 'accomplished', progress: 100 });
    await h.clock.advance(5_000);
    assert.equal(h.core.get('token-1')?.state, 'ready');
    assert.deepEqual(transitions(h), ['->checking', 'checking>creating', 'creating>ready']);
    assert.equal(h.gateway.creates.length, 0, 'found without sending anything again');
  });

  it('found: a later refusal of the same ClientToken (a Retry throttled) cannot turn it into "not created"', async () => {
    const h = harness();
    sendLost(h, 1);
    h.gateway.put('s-made', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }] });
    await h.clock.advance(LOOKUP.firstAfterMs);
    assert.equal(h.core.get('token-1')?.state, 'creating');
    h.core.begin(intent(1));
    h.core.reportCreateFailure(intent(1), throttled());
    assert.equal(h.core.get('token-1')?.state, 'creating');
    assert.equal(h.core.get('token-1')?.snapshotId, 's-made');
  });

  it('found late: ECS still processing the ClientToken, the snapshot shows up a minute later', async () => {
    const h = harness();
    sendLost(h, 1);
    await h.clock.advance(60_000);
    assert.equal(h.core.get('token-1')?.state, 'checking');
    assert.ok(h.gateway.lists.length >= 3, `looked ${h.gateway.lists.length} times`);
    h.gateway.put('s-late', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }] });
    await h.clock.advance(LOOKUP.everyMs);
    assert.equal(h.core.get('token-1')?.snapshotId, 's-late');
  });

  it('not found: after a bounded while it ends "not created" with Retry on the same ClientToken, never dropped', async () => {
    const h = harness();
    sendLost(h, 1);
    await h.clock.advance(LOOKUP.windowMs - 1_000);
    assert.equal(h.core.get('token-1')?.state, 'checking', 'keeps looking for a while');
    await h.clock.advance(LOOKUP.everyMs + 1_000);
    const op = h.core.get('token-1');
    assert.equal(op?.state, 'refused');
    assert.equal(isOutcomeUnknown(op?.error), false, 'a definite "not created" now');
    assert.equal(op?.acknowledged, false);
    assert.deepEqual(transitions(h), ['->checking', 'checking>refused']);
    assert.equal(h.clock.pendingTimers, 0, 'nothing left to look for');
    const looked = h.gateway.lists.length;
    assert.ok(looked >= LOOKUP.minAnswers && looked <= LOOKUP.windowMs / LOOKUP.everyMs + 2, `looked ${looked} times`);
    await h.clock.advance(10 * 60_000);
    assert.ok(h.core.get('token-1'), 'still listed');
    const outcome = await h.core.retry('token-1');
    assert.equal(outcome.kind, 'tracking');
    assert.deepEqual(h.gateway.creates.map((c) => c.clientToken), ['token-1'], 'Retry reuses the ClientToken');
  });

  it('lookup failing: keeps trying with backoff, shows why, never concludes "not created"', async () => {
    const h = harness();
    h.gateway.failListWith = () => throttled();
    sendLost(h, 1);
    await h.clock.advance(15 * 60_000);
    const op = h.core.get('token-1');
    assert.equal(op?.state, 'checking');
    assert.equal(op?.pollError?.code, 'Throttling');
    const times = h.gateway.lists.map((l) => l.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    assert.ok(gaps.length >= 5);
    assert.ok(gaps[1] > gaps[0] && gaps[2] > gaps[1], `gaps grow: ${gaps.join(', ')}`);
    assert.ok(gaps.every((g) => g <= 60_000), `capped: ${gaps.join(', ')}`);
    h.gateway.failListWith = undefined;
    h.gateway.put('s-made', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }], creationTime: new Date(h.clock.now() - 14 * 60_000).toISOString() });
    await h.clock.advance(60_000);
    assert.equal(h.core.get('token-1')?.snapshotId, 's-made');
    assert.equal(h.core.get('token-1')?.pollError, undefined);
  });

  it('reload mid-lookup: the phase is persisted and the lookup resumes where it was', async () => {
    const clock = new FakeClock();
    const gateway = new FakeGateway(clock);
    const store = new MemoryStore();
    const first = harness({ clock, gateway, store });
    sendLost(first, 1);
    await clock.advance(LOOKUP.firstAfterMs + LOOKUP.everyMs);
    const before = first.core.get('token-1')?.lookup;
    assert.ok(before && before.answers >= 1);
    first.core.dispose(); // the window reloads
    await clock.advance(30_000);

    const second = harness({ clock, gateway, store });
    second.core.resume();
    assert.equal(second.core.get('token-1')?.state, 'checking');
    assert.deepEqual(second.core.get('token-1')?.lookup, before, 'same request time, window start and answers');
    gateway.put('s-made', { sourceDiskId: 'd-1', snapshotName: 'pre-change-1', tags: [{ key: 'purpose', value: 'test' }] });
    await clock.advance(2_000);
    assert.equal(second.core.get('token-1')?.state, 'creating');
    assert.equal(second.core.get('token-1')?.snapshotId, 's-made');
  });

  it('reload after the window passed: one more look, then "not created"', async () => {
    const clock = new FakeClock();
    const gateway = new FakeGateway(clock);
    const store = new MemoryStore();
    const first = harness({ clock, gateway, store });
    sendLost(first, 1);
    await clock.advance(LOOKUP.firstAfterMs + 2 * LOOKUP.everyMs);
    first.core.dispose();
    await clock.advance(LOOKUP.windowMs);
    const second = harness({ clock, gateway, store });
    second.core.resume();
    assert.equal(second.core.get('token-1')?.state, 'checking');
    await clock.advance(LOOKUP.everyMs * LOOKUP.minAnswers);
    assert.equal(second.core.get('token-1')?.state, 'refused');
  });

  it('loads what an older version saved: "may exist" ops and unanswered requests are looked for', async () => {
    const clock = new FakeClock();
    const gateway = new FakeGateway(clock);
    const store = new MemoryStore();
    const t = clock.now() - 60_000;
    const old = (n: number) => ({ request: { regionId: 'cn-hangzhou', diskId: `d-${n}`, clientToken: `token-${n}`, snapshotName: `pre-change-${n}` }, diskName: `disk-${n}`, sourceKey: 'profile:dev', origin: 'create' });
    // Exactly the shape the previous version stored (version 1, no phase fields).
    store.state = {
      version: PERSISTENCE_VERSION,
      operations: [
        { intent: old(1), state: 'refused', progress: 0, startedAt: t, updatedAt: t, finishedAt: t, acknowledged: false, error: { kind: 'timeout', code: 'NoAnswerBeforeReload', message: 'The window closed before ECS answered.', action: 'CreateSnapshot' } },
        { intent: old(2), state: 'refused', progress: 0, startedAt: t, updatedAt: t, finishedAt: t, acknowledged: true, error: { kind: 'api', code: 'Throttling', message: 'slow down', outcomeUnknown: true } },
        { intent: old(3), state: 'refused', progress: 0, startedAt: t, updatedAt: t, finishedAt: t, acknowledged: false, error: { kind: 'api', code: 'QuotaExceed.Snapshot', message: 'quota' } },
        { intent: old(4), snapshotId: 's-4', state: 'creating', progress: 10, startedAt: t, updatedAt: t, acknowledged: false },
      ],
      pending: [{ intent: old(5), startedAt: t }],
    };
    gateway.put('s-4', { sourceDiskId: 'd-4', progress: 20 });
    const h = harness({ clock, gateway, store });
    h.core.resume();
    assert.deepEqual(
      h.core.operations().map((op) => `${op.intent.request.clientToken}:${op.state}`).sort(),
      ['token-1:checking', 'token-2:checking', 'token-3:refused', 'token-4:creating', 'token-5:checking'],
    );
    for (const n of [1, 2, 5]) {
      gateway.put(`s-${n}`, { sourceDiskId: `d-${n}`, snapshotName: `pre-change-${n}`, creationTime: new Date(t + 500).toISOString() });
    }
    await clock.advance(LOOKUP.firstAfterMs);
    for (const n of [1, 2, 5]) {
      assert.equal(h.core.get(`token-${n}`)?.snapshotId, `s-${n}`);
    }
  });

  it('60 finished operations, unacknowledged and unresolved ones included: none of those is dropped', async () => {
    const h = harness();
    // 60 finished: 25 unacknowledged failures and 35 successes (seen by their notification); and
    // 10 "may exist" still being looked for.
    for (let n = 1; n <= 25; n++) {
      h.core.reportCreateFailure(intent(n), new EcsError({ kind: 'api', code: 'QuotaExceed.Snapshot', message: 'quota', retryable: false }));
      await h.clock.advance(1_000);
    }
    h.gateway.failListWith = () => throttled();
    for (let n = 61; n <= 70; n++) {
      sendLost(h, n);
    }
    for (let n = 26; n <= 60; n++) {
      h.gateway.put(`s-${n}`, { sourceDiskId: `d-${n}`, status: 'accomplished', progress: 100 });
      h.core.track(intent(n), `s-${n}`);
    }
    await h.clock.advance(10 * 60_000);
    const tokens = new Set(h.core.operations().map((op) => op.intent.request.clientToken));
    for (const n of [...Array(25).keys()].map((i) => i + 1).concat([61, 62, 63, 64, 65, 66, 67, 68, 69, 70])) {
      assert.ok(tokens.has(`token-${n}`), `token-${n} kept`);
    }
    assert.equal(h.core.operations().filter((op) => op.state === 'ready').length, 25, 'successes make room, oldest first');
    assert.ok(tokens.has('token-60') && !tokens.has('token-26'), 'the newest success stays, the oldest goes');
    // After a day, acknowledged failures and successes go; unresolved lookups never do.
    h.core.acknowledgeAll();
    await h.clock.advance(25 * 60 * 60 * 1000);
    const left = h.core.operations().map((op) => op.state);
    assert.equal(left.filter((s) => s === 'checking').length, 10);
  });
});

describe('tracker: what the status bar says while looking', () => {
  it('looking: visible, not an error; not found: "not created" with Retry on the same ClientToken', async () => {
    const h = harness();
    sendLost(h, 1);
    const looking = describeStatus(h.core.operations(), h.clock.now());
    assert.equal(looking.visible, true);
    assert.equal(looking.text, '$(search) disk-1: looking for the snapshot');
    assert.equal(looking.tone, 'normal');
    assert.match(looking.tooltip, /looking for the snapshot/i);
    await h.clock.advance(LOOKUP.windowMs + LOOKUP.everyMs);
    const settled = describeStatus(h.core.operations(), h.clock.now());
    assert.equal(settled.text, '$(error) disk-1: snapshot not created');
    assert.match(outcomeText(h.core.get('token-1')!), /same ClientToken/);
  });
});

describe('tracker: what matches the intent', () => {
  const requestedAt = Date.UTC(2026, 10, 27, 8, 0, 0);
  const base = { snapshotId: 's-1', snapshotName: 'pre-change-1', description: '', status: 'progressing' as const, progress: 0, sourceDiskId: 'd-1', creationTime: new Date(requestedAt + 1_000).toISOString(), tags: [{ key: 'purpose', value: 'test' }] };

  it('same disk, same name, the tags asked for, created no earlier than the request minus a small clock skew', () => {
    const want = intent(1).request;
    assert.equal(matchesIntent(base, want, requestedAt), true);
    assert.equal(matchesIntent({ ...base, creationTime: new Date(requestedAt - LOOKUP.clockSkewMs / 2).toISOString() }, want, requestedAt), true, 'within the skew');
    assert.equal(matchesIntent({ ...base, creationTime: new Date(requestedAt - LOOKUP.clockSkewMs - 1_000).toISOString() }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, snapshotName: 'other' }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, sourceDiskId: 'd-2' }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, tags: [] }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, tags: [{ key: 'purpose', value: 'other' }] }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, creationTime: 'garbage' }, want, requestedAt), false);
    assert.equal(matchesIntent({ ...base, snapshotName: 'anything' }, { ...want, snapshotName: undefined }, requestedAt), true, 'no name asked');
  });
});
