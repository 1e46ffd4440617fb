// Faults on every request of the rollback: throttling, 5xx, answers lost after the request ran,
// on each write and on the reads; then random faults at 30% over many runs. The guarantees: at
// most one stop and one start take effect, nothing harmful is done twice, every run ends in a
// definite state that matches the cloud.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock, FakeCloud, MachineHarness, rollbackRequest, RUNNING, type Action, type Fault } from './rollbackFakes';

async function runWith(faults: [Action, Fault[]][]) {
  const clock = new FakeClock();
  const cloud = new FakeCloud(clock, { instance: 'Running' });
  cloud.write('B');
  for (const [action, list] of faults) cloud.fault(action, ...list);
  const h = MachineHarness.start(cloud, clock, rollbackRequest(RUNNING, true));
  h.run();
  const state = await h.untilFinished();
  return { cloud, state };
}

const WRITES: Action[] = ['StopInstance', 'CreateSnapshot', 'ResetDisk', 'StartInstance'];

describe('rollback machine: faults on each write', () => {
  for (const action of WRITES) {
    it(`${action} throttled: refused, asked again later, done`, async () => {
      const { cloud, state } = await runWith([[action, ['throttle']]]);
      console.log(`[rollback counts] ${action} throttled: ${cloud.summary()}`);
      assert.equal(state.phase, 'done');
      assert.equal(cloud.counts[action], 2);
      assert.equal(cloud.effects.stop, 1);
      assert.equal(cloud.effects.start, 1);
      assert.equal(cloud.diskContent, 'TARGET');
    });

    it(`${action} answer lost after it ran: read back, never done twice where it harms`, async () => {
      const { cloud, state } = await runWith([[action, ['lostAfter']]]);
      console.log(`[rollback counts] ${action} lost after running: ${cloud.summary()}`);
      assert.equal(state.phase, 'done');
      assert.equal(cloud.effects.stop, 1);
      assert.equal(cloud.effects.start, 1);
      assert.equal(cloud.effects.snapshot, 1);
      if (action === 'StopInstance' || action === 'StartInstance') assert.equal(cloud.counts[action], 1, 'never re-sent');
      assert.equal(cloud.diskContent, 'TARGET');
    });
  }

  it('StopInstance 5xx that did not run: the instance stays Running, so it ends failed with Retry, disk untouched', async () => {
    const { cloud, state } = await runWith([['StopInstance', ['5xx']]]);
    console.log(`[rollback counts] StopInstance 5xx: ${cloud.summary()}`);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.instanceStatus, 'Running');
    assert.equal(state.failure?.disk, 'untouched');
    assert.equal(cloud.counts.StopInstance, 1);
  });

  it('ResetDisk 5xx that did not run: re-sent while the instance is Stopped, done', async () => {
    const { cloud, state } = await runWith([['ResetDisk', ['5xx']]]);
    console.log(`[rollback counts] ResetDisk 5xx: ${cloud.summary()}`);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.effects.reset, 1);
  });

  it('StartInstance 5xx that did not run: the instance stays Stopped, failed with Start Instance, disk rolled back', async () => {
    const { cloud, state } = await runWith([['StartInstance', ['5xx']]]);
    console.log(`[rollback counts] StartInstance 5xx: ${cloud.summary()}`);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.disk, 'rolledBack');
    assert.deepEqual(state.failure?.actions, ['startInstance']);
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('reads throttled and failing for a while: waits them out, done', async () => {
    const { cloud, state } = await runWith([
      ['DescribeInstanceStatus', ['throttle', '5xx', 'throttle']],
      ['DescribeSnapshots', ['5xx', '5xx']],
      ['DescribeDisks', ['throttle']],
    ]);
    console.log(`[rollback counts] reads failing: ${cloud.summary()}`);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('reads failing for good: ends failed after the capped while, with the read error', async () => {
    const { state } = await runWith([['DescribeInstanceStatus', Array.from({ length: 200 }, () => '5xx' as const)]]);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.error.code, 'InternalError');
    assert.equal(state.failure?.disk, 'untouched');
  });
});

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rollback machine: random faults at 30%', () => {
  it('every run ends definite and true to the cloud; at most one stop and one start take effect', async () => {
    const outcomes: Record<string, number> = {};
    const requests: Record<string, number> = {};
    const runs = 60;
    for (let seed = 1; seed <= runs; seed++) {
      const clock = new FakeClock();
      const cloud = new FakeCloud(clock, { instance: 'Running' });
      cloud.write('B');
      cloud.randomFaults = { rate: 0.3, next: prng(seed) };
      const h = MachineHarness.start(cloud, clock, rollbackRequest(RUNNING, true));
      h.run();
      const state = await h.untilFinished(4 * 60 * 60_000, 2_000);
      const where = `seed ${seed}: ${state.phase} ${state.failure?.phase ?? ''} ${state.failure?.error.code ?? ''}`;
      assert.ok(state.phase === 'done' || state.phase === 'failed', where);
      assert.ok(cloud.effects.stop <= 1 && cloud.effects.start <= 1, where);
      assert.ok(cloud.effects.snapshot <= 1, where);
      if (state.phase === 'done') {
        assert.equal(cloud.diskContent, 'TARGET', where);
        assert.equal(cloud.status(), 'Running', where);
      } else {
        const failure = state.failure!;
        if (failure.disk === 'untouched') assert.equal(cloud.diskContent, 'B', where);
        if (failure.disk === 'rolledBack') assert.equal(cloud.diskContent, 'TARGET', where);
        if (failure.instanceStatus) assert.equal(failure.instanceStatus, cloud.status(), where);
      }
      const key = state.phase === 'done' ? 'done' : `failed in ${state.failure?.phase} (${state.failure?.error.code})`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      for (const [action, n] of Object.entries(cloud.counts)) requests[action] = (requests[action] ?? 0) + n;
    }
    console.log(`[rollback faults 30%] ${runs} runs: ${JSON.stringify(outcomes)}`);
    console.log(`[rollback faults 30%] requests per action, total: ${JSON.stringify(requests)}`);
    assert.ok((outcomes.done ?? 0) > runs / 2, 'most runs get through the faults');
  });
});
