// The guided flow driven through a scripted prompter: step order and "n/N", Back keeping what was
// typed, Escape anywhere sending nothing, validation refusing bad text, blocked disks, tags.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCreateFlow } from '../../src/commands/createSnapshot/createFlow';
import type { CreateFlowDeps } from '../../src/commands/createSnapshot/createFlow';
import { diskChoicePages } from '../../src/commands/createSnapshot/diskChoices';
import { BACK, CANCEL } from '../../src/commands/createSnapshot/prompter';
import { runSteps } from '../../src/commands/createSnapshot/stepMachine';
import type { FlowStep } from '../../src/commands/createSnapshot/stepMachine';
import { checkSnapshotName } from '../../src/snapshot/rules';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';
import { disk, fakePorts, FakeGateway } from '../support/snapshotFakes';
import type { FakePorts } from '../support/snapshotFakes';

const NOW = new Date(2026, 10, 27, 14, 30);

function deps(script: ScriptStep[], ports: FakePorts = fakePorts(), defaults: CreateFlowDeps['defaults'] = {}) {
  const prompter = new ScriptedPrompter(script);
  let tokens = 0;
  const d: CreateFlowDeps = {
    prompter,
    ports,
    regionId: 'cn-hangzhou',
    sourceKey: 'sandbox',
    defaults,
    diskChoices: () => diskChoicePages({ gateway: ports.gateway, regionId: 'cn-hangzhou', isCreating: (id) => ports.tracker.isCreating({ regionId: 'cn-hangzhou', diskId: id }) }),
    now: () => NOW,
    newClientToken: () => `token-${++tokens}`,
  };
  return { d, prompter, ports };
}

const given = (overrides = {}) => ({ disk: disk(overrides), instanceLocks: [] as string[], seenCreating: false });

describe('step machine', () => {
  const recorder = (log: string[], name: string, answers: ('next' | typeof BACK | typeof CANCEL)[], skip = false): FlowStep<object> => ({
    shouldPrompt: () => !skip,
    async prompt(_s, position) {
      log.push(`${name} ${position.step}/${position.totalSteps}`);
      return answers.shift() ?? 'next';
    },
  });

  it('numbers only the steps that apply, goes back on Back and stops on Cancel', async () => {
    const log: string[] = [];
    const steps = [recorder(log, 'a', [], true), recorder(log, 'b', []), recorder(log, 'c', [BACK]), recorder(log, 'd', [CANCEL])];
    assert.equal(await runSteps('t', steps, {}, new ScriptedPrompter([])), 'cancelled');
    assert.deepEqual(log, ['b 1/3', 'c 2/3', 'b 1/3', 'c 2/3', 'd 3/3']);
  });

  it('asks the first step again when Back arrives there, and completes after the last', async () => {
    const log: string[] = [];
    const steps = [recorder(log, 'a', [BACK]), recorder(log, 'b', [])];
    assert.equal(await runSteps('t', steps, {}, new ScriptedPrompter([])), 'completed');
    assert.deepEqual(log, ['a 1/2', 'a 1/2', 'b 2/2']);
  });
});

describe('create flow from the palette', () => {
  it('picks a disk, proposes "<disk>-YYYYMMDD-HHmm", and sends exactly what was confirmed with one token', async () => {
    const { d, prompter, ports } = deps([
      { pick: 'web-data' },
      (seen) => (seen.kind === 'input' ? seen.request.value : CANCEL), // keep the proposed name
      'before the upgrade',
      '14',
      { pick: 'Add tag' },
      'env=staging',
      { pick: 'Add tag' },
      'owner = alice',
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    const result = await runCreateFlow(d);
    assert.equal(result.kind, 'created');
    assert.deepEqual(ports.gateway.created, [
      {
        regionId: 'cn-hangzhou',
        diskId: 'd-bp1aaaaaaaaaaaaaaaa1',
        clientToken: 'token-1',
        snapshotName: 'web-data-20261127-1430',
        description: 'before the upgrade',
        retentionDays: 14,
        tags: [{ key: 'env', value: 'staging' }, { key: 'owner', value: 'alice' }],
      },
    ]);
    assert.deepEqual(prompter.trail(), ['pick 1/6', 'input 2/6 web-data-20261127-1430', 'input 3/6 ', 'input 4/6 ', 'pick 5/6', 'input 5/6 ', 'pick 5/6', 'input 5/6 ', 'pick 5/6', 'pick 6/6']);
    assert.equal(ports.tracker.tracked.length, 1);
    assert.equal(ports.tracker.tracked[0].intent.origin, 'create');
    assert.deepEqual(ports.refreshed, ['cn-hangzhou/d-bp1aaaaaaaaaaaaaaaa1']);
  });

  it('lists disks of every page with their instance, and a blocked disk only tells why', async () => {
    const gateway = new FakeGateway(
      [disk({ diskId: 'd-1', diskName: 'attaching', status: 'Attaching' }), disk({ diskId: 'd-2', diskName: 'locked-one', instanceId: 'i-lock' }), disk({ diskId: 'd-3', diskName: 'good-one' })],
      [{ instanceId: 'i-lock', instanceName: 'legacy', status: 'Running', lockReasons: ['security'] }, { instanceId: 'i-bp1web', instanceName: 'web-01', status: 'Running', lockReasons: [] }],
      2,
    );
    const { d, prompter, ports } = deps([{ pick: 'attaching' }, { pick: 'locked-one' }, { pick: 'good-one' }, CANCEL], fakePorts(gateway));
    assert.deepEqual(await runCreateFlow(d), { kind: 'cancelled' });
    assert.equal(gateway.listDisksCalls.length, 2, 'two pages of disks');
    const pick = prompter.seen[0];
    assert.equal(pick.kind, 'pick');
    if (pick.kind !== 'pick') return;
    assert.equal(pick.choices.length, 3);
    assert.match(pick.choices[2].detail ?? '', /web-01 \(i-bp1web\)/);
    assert.equal(pick.request.matchOnDetails, true, 'searchable by id and instance');
    assert.equal(prompter.blocked.length, 2);
    assert.match(prompter.blocked[0], /In use or Available/);
    assert.match(prompter.blocked[1], /locked for security/);
    assert.match(prompter.trail()[1], /^input 2\/6 good-one-20261127-1430$/);
    assert.equal(ports.gateway.created.length, 0, 'Escape sends nothing');
  });

  it('shows a failed disk load as a row that cannot be picked', async () => {
    const gateway = new FakeGateway();
    gateway.listDisks = async () => {
      throw new Error('socket hang up');
    };
    const { d, prompter } = deps([{ pick: 'Could not load' }, CANCEL], fakePorts(gateway));
    await runCreateFlow(d);
    assert.match(prompter.blocked[0], /Could not load the disks/);
  });

  it('still lists the disks when their instances cannot be read (only the names are missing)', async () => {
    const gateway = new FakeGateway();
    gateway.describeInstances = async () => {
      throw new Error('instances unavailable');
    };
    const { d, prompter } = deps([{ pick: 'web-data' }, CANCEL], fakePorts(gateway));
    await runCreateFlow(d);
    const pick = prompter.seen[0];
    assert.ok(pick.kind === 'pick');
    assert.equal(pick.choices.length, 1);
    assert.match(pick.choices[0].detail ?? '', /^on i-bp1web \/dev\/xvdb$/);
    assert.equal(prompter.trail()[1], 'input 2/6 web-data-20261127-1430');
  });
});

describe('create flow from a disk', () => {
  it('skips the disk step: 5 steps, the name box first, no Back offered there', async () => {
    const { d, prompter } = deps([CANCEL]);
    await runCreateFlow(d, given());
    const first = prompter.seen[0];
    assert.equal(first.kind, 'input');
    assert.equal(first.request.step, 1);
    assert.equal(first.request.totalSteps, 5);
    assert.equal(first.request.title, 'Create Snapshot of web-data');
  });

  it('keeps every typed value when going Back, and sends the edited ones', async () => {
    const expectValue = (value: string, answer: ScriptStep): ScriptStep => (seen) => {
      assert.equal(seen.kind === 'input' && seen.request.value, value);
      return typeof answer === 'function' ? answer(seen) : answer;
    };
    const { d, prompter, ports } = deps([
      'alpha',
      'first description',
      '30',
      BACK, // tags -> retention
      expectValue('30', BACK), // retention -> description
      expectValue('first description', BACK), // description -> name
      expectValue('alpha', 'alpha-2'),
      expectValue('first description', 'first description'),
      expectValue('30', ''),
      { pick: 'Done' },
      BACK, // confirm -> tags
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    await runCreateFlow(d, given());
    assert.equal(prompter.remaining, 0);
    assert.deepEqual(ports.gateway.created.map((r) => [r.snapshotName, r.description, r.retentionDays, r.tags]), [['alpha-2', 'first description', undefined, undefined]]);
  });

  it('picking "Back" in the summary is the same as the Back button', async () => {
    const { d, ports } = deps(['n-one', '', '', { pick: 'Done' }, { pick: 'Back' }, { pick: 'Done' }, { pick: 'Create snapshot' }]);
    const result = await runCreateFlow(d, given());
    assert.equal(result.kind, 'created');
    assert.equal(ports.gateway.created.length, 1);
  });

  for (let at = 0; at < 6; at++) {
    it(`Escape at step ${at + 1} of 6 sends nothing and tracks nothing`, async () => {
      const answers: ScriptStep[] = ['named', 'desc', '7', { pick: 'Add tag' }, 'k=v', { pick: 'Done' }, { pick: 'Create snapshot' }];
      // Step positions in that script: name 0, description 1, retention 2, tags 3 (add: 3, 4, done 5), confirm 6.
      const cut = [0, 1, 2, 3, 4, 6][at];
      const { d, ports } = deps([...answers.slice(0, cut), CANCEL]);
      assert.deepEqual(await runCreateFlow(d, given()), { kind: 'cancelled' });
      assert.equal(ports.gateway.created.length, 0);
      assert.equal(ports.tracker.tracked.length + ports.tracker.failures.length, 0);
    });
  }

  it('refuses invalid text with the rule\'s message until it is fixed', async () => {
    const { d, prompter, ports } = deps(['1-db', 'auto-x', 'db-ok', 'x', 'ok desc', '0', 'seven', '7', { pick: 'Done' }, { pick: 'Create snapshot' }]);
    await runCreateFlow(d, given());
    assert.deepEqual(
      prompter.refused.map((r) => r.value),
      ['1-db', 'auto-x', 'x', '0', 'seven'],
    );
    assert.match(prompter.refused[0].message, /^Name: must start with a letter/);
    assert.match(prompter.refused[1].message, /auto/);
    assert.match(prompter.refused[2].message, /^Description: at least 2 characters/);
    assert.match(prompter.refused[3].message, /^Retention days: must be from 1 to 65536/);
    assert.deepEqual(ports.gateway.created.map((r) => [r.snapshotName, r.description, r.retentionDays]), [['db-ok', 'ok desc', 7]]);
  });

  it('an empty name is allowed (ECS then shows the ID) and left out of the request', async () => {
    const { d, ports } = deps(['', '', '', { pick: 'Done' }, { pick: 'Create snapshot' }]);
    await runCreateFlow(d, given());
    assert.equal(ports.gateway.created[0].snapshotName, undefined);
    assert.equal(ports.gateway.created[0].description, undefined);
  });

  it('takes retention days and tags from the settings, still editable', async () => {
    const { d, prompter, ports } = deps(
      [(s) => (s.kind === 'input' ? s.request.value : CANCEL), '', (s) => (s.kind === 'input' ? s.request.value : CANCEL), { pick: 'Done' }, { pick: 'Create snapshot' }],
      fakePorts(),
      { retentionDays: 30, tags: { team: 'web', env: '' } },
    );
    await runCreateFlow(d, given());
    assert.equal(prompter.trail()[2], 'input 3/5 30');
    assert.deepEqual(ports.gateway.created[0].tags, [{ key: 'team', value: 'web' }, { key: 'env', value: '' }]);
    assert.equal(ports.gateway.created[0].retentionDays, 30);
  });

  it('refreshes the proposed name for a newly picked disk unless the user changed it', async () => {
    const gateway = new FakeGateway([disk({ diskId: 'd-1', diskName: 'first' }), disk({ diskId: 'd-2', diskName: 'second' }), disk({ diskId: 'd-3', diskName: 'third' })]);
    const { d, prompter } = deps([{ pick: 'first' }, BACK, { pick: 'second' }, 'custom-name', BACK, BACK, { pick: 'third' }, CANCEL], fakePorts(gateway));
    await runCreateFlow(d);
    const names = prompter.seen.filter((s) => s.kind === 'input' && s.request.step === 2).map((s) => s.kind === 'input' && s.request.value);
    assert.deepEqual(names, ['first-20261127-1430', 'second-20261127-1430', 'custom-name', 'custom-name']);
  });
});

describe('tags step', () => {
  it('adds, edits and removes tags; refuses duplicates and reserved keys as typed', async () => {
    const { d, prompter, ports } = deps([
      'n-tags',
      '',
      '',
      { pick: 'Add tag' },
      'aliyun:x=1', // reserved
      'env=prod',
      { pick: 'Add tag' },
      'env=dev', // duplicate key
      'team=db',
      { pick: 'env=prod' },
      (s) => {
        assert.equal(s.kind === 'input' && s.request.value, 'env=prod');
        return 'env=staging';
      },
      { pick: 'team=db' },
      '', // clearing removes it
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    await runCreateFlow(d, given());
    assert.equal(prompter.refused.length, 2);
    assert.match(prompter.refused[0].message, /must not start with 'aliyun'/);
    assert.match(prompter.refused[1].message, /repeats the key 'env'/);
    assert.deepEqual(ports.gateway.created[0].tags, [{ key: 'env', value: 'staging' }]);
  });

  it('Back from a tag box returns to the list with the tags unchanged', async () => {
    const { d, ports } = deps(['n-tags', '', '', { pick: 'Add tag' }, 'a=1', { pick: 'Add tag' }, BACK, { pick: 'Done' }, { pick: 'Create snapshot' }]);
    await runCreateFlow(d, given());
    assert.deepEqual(ports.gateway.created[0].tags, [{ key: 'a', value: '1' }]);
  });

  it('offers no 21st tag and blocks Done while the default tags are invalid', async () => {
    const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v']));
    const { d, prompter } = deps(['nn', '', '', { pick: 'Add tag' }, CANCEL], fakePorts(), { tags });
    await runCreateFlow(d, given());
    assert.match(prompter.blocked[0], /at most 20 tags/);

    const bad = deps(['nn', '', '', { pick: 'Done' }, { pick: 'acs:owner' }, 'owner=me', { pick: 'Done' }, { pick: 'Create snapshot' }], fakePorts(), { tags: { 'acs:owner': 'me' } });
    await runCreateFlow(bad.d, given());
    assert.match(bad.prompter.blocked[0], /^Tags: .*must not start with 'acs:'/);
    assert.deepEqual(bad.ports.gateway.created[0].tags, [{ key: 'owner', value: 'me' }]);
  });
});

describe('confirm step guards', () => {
  it('will not create while a snapshot of the disk is being created; the reason is shown instead', async () => {
    const ports = fakePorts();
    ports.tracker.creating.add('d-bp1aaaaaaaaaaaaaaaa1');
    const { d, prompter } = deps(['n-one', '', '', { pick: 'Done' }, { pick: 'Create snapshot' }, CANCEL], ports);
    assert.deepEqual(await runCreateFlow(d, given()), { kind: 'cancelled' });
    assert.match(prompter.blocked[0], /still being created/);
    assert.equal(ports.gateway.created.length, 0);
  });

  it('uses what the tree saw (a progressing snapshot, a security lock)', async () => {
    const seen = deps(['n-one', '', '', { pick: 'Done' }, { pick: 'Create snapshot' }, CANCEL]);
    await runCreateFlow(seen.d, { ...given(), seenCreating: true });
    assert.match(seen.prompter.blocked[0], /still being created/);
    const locked = deps(['n-one', '', '', { pick: 'Done' }, { pick: 'Create snapshot' }, CANCEL]);
    await runCreateFlow(locked.d, { ...given(), instanceLocks: ['security'] });
    assert.match(locked.prompter.blocked[0], /locked for security/);
  });

  it('every proposed name is valid, whatever the disk is called', async () => {
    for (const diskName of ['', '数据库数据盘', '12data-disk', 'auto-x', 'a'.repeat(200), 'http://x', '  ']) {
      const { d, prompter } = deps([CANCEL]);
      await runCreateFlow(d, given({ diskName }));
      const first = prompter.seen[0];
      assert.ok(first.kind === 'input');
      assert.equal(checkSnapshotName(first.request.value), undefined, `${diskName} -> ${first.request.value}`);
    }
  });
});
