// Back Up Instance... and Quick Backup of an instance as pure flows (issue 16): which disks are
// ticked, offered alone or refused up front; the proposed name; names refused as typed with the
// group's rules; Back keeps values, Escape sends nothing; the summary says a group has no
// retention; one GroupBackupRequest with a fresh ClientToken; disks that cannot join snapshotted
// on their own, one call each.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk, Instance } from '../../src/ecs/gateway';
import type { GroupBackupRequest } from '../../src/groups/groupApi';
import { QUICK_BACKUP_GROUP_TAG } from '../../src/groups/groupApi';
import { runBackUpInstanceFlow, type BackUpInstancePorts } from '../../src/groups/commands/backUpInstanceFlow';
import { backupSummary, defaultGroupName, instanceBackupOffer, offerPlaceholder } from '../../src/groups/commands/instanceBackupPlan';
import { planInstanceQuickBackup, readQuickBackupInstance, rememberQuickBackupInstance, forgetQuickBackupInstance } from '../../src/groups/commands/quickBackupInstance';
import { disk } from '../support/snapshotFakes';
import { BACK, CANCEL, ScriptedGroupPrompter, type TickAnswer } from '../support/scriptedGroupPrompter';
import type { ScriptStep, Seen } from '../support/scriptedPrompter';

const web: Instance = { instanceId: 'i-web', instanceName: 'web-01', status: 'Running', lockReasons: [], zoneId: 'cn-hangzhou-h' };
const system = disk({ diskId: 'd-sys', diskName: 'web-01-system', type: 'system', instanceId: 'i-web' });
const data = disk({ diskId: 'd-data', diskName: 'web-01-data', instanceId: 'i-web', sizeGiB: 100 });
const logs = disk({ diskId: 'd-logs', diskName: 'web-01-logs', instanceId: 'i-web', category: 'cloud_auto' });
const efficiency = disk({ diskId: 'd-eff', diskName: 'web-01-old', instanceId: 'i-web', category: 'cloud_efficiency' });
const busy = disk({ diskId: 'd-busy', diskName: 'web-01-busy', instanceId: 'i-web', category: 'cloud_efficiency' });
const NOW = new Date(2026, 11, 2, 14, 30);

interface Run {
  prompter: ScriptedGroupPrompter;
  started: GroupBackupRequest[];
  alone: string[];
  result: Awaited<ReturnType<typeof runBackUpInstanceFlow>>;
}

async function run(disks: Disk[], script: ScriptStep[], ticks: TickAnswer[] = ['asShown'], options: { creating?: string[]; backingUp?: boolean } = {}): Promise<Run> {
  const prompter = new ScriptedGroupPrompter(script, ticks);
  const started: GroupBackupRequest[] = [];
  const alone: string[] = [];
  let id = 0;
  const ports: BackUpInstancePorts = {
    prompter,
    regionId: 'cn-hangzhou',
    sourceKey: 'sandbox',
    groups: { startGroupBackup: (r) => started.push(r), isBackingUpInstance: () => options.backingUp ?? false },
    isCreating: (diskId) => (options.creating ?? []).includes(diskId),
    snapshotAlone: async (d) => {
      alone.push(d.diskId);
      return { ok: true, snapshotId: `s-${d.diskId}` };
    },
    defaultTags: [],
    now: () => NOW,
    newId: () => `id-${++id}`,
  };
  const result = await runBackUpInstanceFlow(ports, web, disks);
  return { prompter, started, alone, result };
}

describe('Back Up Instance: the disk pick', () => {
  it('ticks every disk that can join, offers a non-ESSD disk alone with the reason, shows one that cannot be snapshotted as untickable', () => {
    const offer = instanceBackupOffer(web, [data, efficiency, system, busy], (id) => id === 'd-busy');
    assert.deepEqual(
      offer.choices.map((c) => [c.label, c.value.kind, c.blockedReason !== undefined]),
      [
        ['$(database) web-01-system', 'member', false],
        ['$(database) web-01-data', 'member', false],
        ['$(device-camera) web-01-old', 'alone', false],
        ['$(circle-slash) web-01-busy', 'alone', true],
      ],
    );
    assert.match(offer.choices[2].detail ?? '', /Cannot join the group: its category \(cloud_efficiency\) is not in the ESSD family.*Tick it to snapshot it on its own\./);
    assert.match(offer.choices[3].blockedReason ?? '', /cannot be snapshotted now/);
    assert.match(offerPlaceholder(web, offer), /^Disks of web-01 to take at the same instant \(2 can join\)\. Cannot join: web-01-old \(its category/);
  });

  it('an instance security lock keeps every disk out, alone too', () => {
    const offer = instanceBackupOffer({ ...web, lockReasons: ['security'] }, [system, efficiency], () => false);
    assert.equal(offer.plan.members.length, 0);
    assert.ok(offer.choices.every((c) => c.blockedReason !== undefined));
  });

  it('proposes "<instance>-YYYYMMDD-HHmm"', () => {
    assert.equal(defaultGroupName(web, NOW), 'web-01-20261202-1430');
    assert.equal(defaultGroupName({ ...web, instanceName: '' }, NOW), 'i-web-20261202-1430');
  });
});

describe('Back Up Instance: the flow', () => {
  it('defaults all the way: one group of the three disks, fresh token, no retention said in the summary', async () => {
    const r = await run([system, data, logs], ['', '', { pick: 'Done' }, { pick: 'Create snapshot group' }]);
    assert.equal(r.result.kind, 'started');
    assert.equal(r.started.length, 1);
    const request = r.started[0];
    assert.deepEqual(request.disks.map((d) => d.diskId), ['d-sys', 'd-data', 'd-logs']);
    assert.equal(request.allDisks, false);
    assert.equal(request.name, undefined, 'the name box was cleared: no name sent');
    assert.equal(request.origin, 'backUpInstance');
    assert.equal(request.operationId, 'id-1');
    assert.equal(request.clientToken, 'id-2');
    const confirm = r.prompter.seen.at(-1)!;
    assert.equal(confirm.kind, 'pick');
    assert.match(confirm.kind === 'pick' ? (confirm.choices[0].detail ?? '') : '', /3 disks: web-01-system, web-01-data, web-01-logs · kept until deleted \(a snapshot group has no retention period\)/);
    assert.deepEqual(r.alone, []);
  });

  it('the proposed name is kept, an invalid one is refused as typed with the group rule, tags are checked with the group rules', async () => {
    const r = await run(
      [system, data],
      [
        (seen) => {
          assert.equal(seen.kind === 'input' && seen.request.value, 'web-01-20261202-1430');
          return '1-bad';
        },
        'http-ok-name',
        'before the upgrade',
        { pick: 'Add tag' },
        'env=acs:prod',
        'env=prod',
        { pick: 'Done' },
        { pick: 'Create snapshot group' },
      ],
    );
    assert.equal(r.prompter.refused[0].value, '1-bad');
    assert.match(r.prompter.refused[0].message, /^Name: /);
    assert.equal(r.prompter.refused[1].value, 'env=acs:prod');
    assert.match(r.prompter.refused[1].message, /must not start with 'acs:'/);
    assert.deepEqual({ name: r.started[0].name, description: r.started[0].description, tags: r.started[0].tags }, { name: 'http-ok-name', description: 'before the upgrade', tags: [{ key: 'env', value: 'prod' }] });
  });

  it('a group name may start with "auto" (only snapshots reserve it)', async () => {
    const r = await run([system], ['auto-before-upgrade', '', { pick: 'Done' }, { pick: 'Create snapshot group' }]);
    assert.equal(r.started[0].name, 'auto-before-upgrade');
  });

  it('Back keeps every value; Escape anywhere sends nothing', async () => {
    const keeps = (value: string) => (seen: Seen) => (seen.kind === 'input' && seen.request.value === value ? BACK : CANCEL);
    const back = await run([system, data], ['my-group', 'desc text', BACK, keeps('desc text'), keeps('my-group')], [{ remove: ['web-01-data'] }, CANCEL]);
    assert.equal(back.result.kind, 'cancelled', 'ends with Escape at the disk pick');
    assert.deepEqual(back.prompter.manySeen.map((m) => m.tickedAtOpen.length), [2, 1], 'the disk pick opens again with what was ticked');
    assert.deepEqual(back.started, []);
    const backToDisks = await run([system, data], [BACK], ['asShown', CANCEL]);
    assert.equal(backToDisks.result.kind, 'cancelled');
    for (const at of [0, 1, 2, 3]) {
      const script: ScriptStep[] = ['n-name', 'd-desc', { pick: 'Done' }, { pick: 'Create' }];
      script[at] = CANCEL;
      const r = await run([system, data], script);
      assert.equal(r.result.kind, 'cancelled');
      assert.deepEqual([r.started, r.alone], [[], []], `Escape at step ${at + 2}`);
    }
  });

  it('unticking a disk leaves it out; nothing ticked is refused in the pick', async () => {
    const r = await run([system, data], ['', '', { pick: 'Done' }, { pick: 'Create' }], [{ only: [] }, { remove: ['web-01-data'] }]);
    assert.deepEqual(r.prompter.refusedTicks, ['Tick at least one disk (Space), then press Enter.']);
    assert.deepEqual(r.started[0].disks.map((d) => d.diskId), ['d-sys']);
  });

  it('a disk that cannot join, ticked, gets its own snapshot in the same go; the summary says so', async () => {
    const r = await run([system, efficiency], ['', '', { pick: 'Done' }, { pick: 'Create snapshot group' }], [{ add: ['web-01-old'] }]);
    assert.deepEqual(r.started[0].disks.map((d) => d.diskId), ['d-sys']);
    assert.deepEqual(r.alone, ['d-eff']);
    const confirm = r.prompter.seen.at(-1)!;
    assert.match(confirm.kind === 'pick' ? (confirm.choices[0].detail ?? '') : '', /also on its own: web-01-old \(kept until deleted\)/);
  });

  it('only disks that cannot join ticked: no group questions, no group, each snapshotted alone', async () => {
    const r = await run([system, efficiency], [{ pick: 'Create snapshots' }], [{ only: ['web-01-old'] }]);
    assert.deepEqual(r.started, []);
    assert.deepEqual(r.alone, ['d-eff']);
    assert.deepEqual(r.prompter.trail(), ['pick 2/2']);
  });

  it('a group backup of the instance already being created blocks the confirm row', async () => {
    const r = await run([system], ['', '', { pick: 'Done' }, { pick: 'Create snapshot group' }, CANCEL], ['asShown'], { backingUp: true });
    assert.match(r.prompter.blocked[0], /already being created/);
    assert.deepEqual(r.started, []);
  });

  it('summary without members or with tags and description', () => {
    const s = backupSummary({ members: [system], alone: [], name: 'g', description: 'why', tags: [{ key: 'a', value: 'b' }] });
    assert.equal(s.detail, '1 disk: web-01-system · kept until deleted (a snapshot group has no retention period) · tags a=b · description "why"');
  });
});

describe('Quick Backup of an instance', () => {
  it('one group of the disks that can join, named from the template with the instance, marked with the Quick Backup tag', () => {
    const plan = planInstanceQuickBackup({
      instance: web,
      disks: [system, data, efficiency],
      isCreating: () => false,
      regionId: 'cn-hangzhou',
      sourceKey: 'sandbox',
      nameTemplate: 'pre-change-{disk}-{date}',
      git: { branch: 'main' },
      now: NOW,
      operationId: 'op',
      clientToken: 'tok',
    });
    assert.ok(plan.ok);
    assert.equal(plan.request.name, 'pre-change-web-01-20261202');
    assert.deepEqual(plan.request.tags, [{ ...QUICK_BACKUP_GROUP_TAG }]);
    assert.deepEqual(plan.request.disks.map((d) => d.diskId), ['d-sys', 'd-data']);
    assert.equal(plan.request.origin, 'quickBackup');
    assert.equal(plan.request.description, 'Quick Backup from VS Code (branch main)');
    assert.deepEqual(plan.leftOut.map((e) => e.disk.diskId), ['d-eff']);
  });

  it('a template typo or no joinable disk sends nothing and says why', () => {
    const base = { instance: web, isCreating: () => false, regionId: 'r', sourceKey: 's', git: {}, now: NOW, operationId: 'o', clientToken: 't' };
    const typo = planInstanceQuickBackup({ ...base, disks: [system], nameTemplate: '{dsk}' });
    assert.ok(!typo.ok && /\{dsk\}/.test(typo.message));
    const none = planInstanceQuickBackup({ ...base, disks: [efficiency], nameTemplate: 'x-{date}' });
    assert.ok(!none.ok && /No disk of web-01 can join/.test(none.message));
  });

  it('remembered per workspace, forgotten when a disk is chosen again', async () => {
    const values = new Map<string, unknown>();
    const store = { get: <T>(k: string) => values.get(k) as T | undefined, update: async (k: string, v: unknown) => void values.set(k, v) };
    assert.equal(readQuickBackupInstance(store), undefined);
    await rememberQuickBackupInstance(store, web, 'cn-hangzhou', 'sandbox');
    assert.deepEqual(readQuickBackupInstance(store), { regionId: 'cn-hangzhou', instanceId: 'i-web', instanceName: 'web-01', sourceKey: 'sandbox' });
    await forgetQuickBackupInstance(store);
    assert.equal(readQuickBackupInstance(store), undefined);
  });
});
