// Quick Backup names and requests from the settings, and what the commands accept as "a disk".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandNameTemplate, quickBackupName, uniqueSnapshotName } from '../../src/commands/quickBackupName';
import { describeOrigin, planQuickBackup, QUICK_BACKUP_TAG } from '../../src/commands/quickBackupIntent';
import { diskFromArgument } from '../../src/commands/diskArgument';
import { checkDescription, checkSnapshotName, checkTags } from '../../src/snapshot/rules';
import { disk } from '../support/snapshotFakes';

const NOW = new Date(2026, 10, 27, 9, 5);

describe('Quick Backup name template', () => {
  const cases: [string, { branch?: string; commit?: string }, string][] = [
    ['pre-change-{date}-{time}', {}, 'pre-change-20261127-0905'],
    ['pre-change-{branch}-{date}', { branch: 'main' }, 'pre-change-main-20261127'],
    ['pre-change-{branch}-{date}', {}, 'pre-change-20261127'],
    ['{branch}-{date}', {}, '20261127'],
    ['{date}-{branch}', {}, '20261127'],
    ['{date}-{branch}-{commit}-x', {}, '20261127-x'],
    ['pre{branch}-{date}', {}, 'pre-20261127'],
    ['pre-{branch}{date}', {}, 'pre-20261127'],
    ['{disk}@{commit}', { commit: '0123456789abcdef' }, 'web-data@0123456'],
    ['{branch}_{commit}', {}, ''],
  ];
  for (const [template, git, expected] of cases) {
    it(`${template} with ${JSON.stringify(git)} -> "${expected}"`, () => {
      assert.equal(expandNameTemplate(template, { disk: 'web-data', now: NOW, ...git }), expected);
    });
  }

  it('the default template gives pre-change-YYYYMMDD-HHmm', () => {
    assert.equal(quickBackupName('', { disk: 'x', now: NOW }), 'pre-change-20261127-0905');
  });

  it('branch names with slashes and other refused characters become valid names', () => {
    assert.equal(quickBackupName('pre-change-{branch}-{date}', { disk: 'd', now: NOW, branch: 'feature/login page' }), 'pre-change-feature-login-page-20261127');
    assert.equal(quickBackupName('{branch}', { disk: 'd', now: NOW, branch: '1.2-hotfix' }), 'pre-change-1.2-hotfix');
    assert.equal(quickBackupName('{branch}_{commit}', { disk: 'd', now: NOW }), 'pre-change');
  });

  it('whatever the template, disk, branch and commit, the name passes checkSnapshotName', () => {
    const part = fc.oneof(fc.constantFrom('{disk}', '{date}', '{time}', '{branch}', '{commit}', '{nope}', '-', '_', ':', '/', ' ', 'auto', 'http://'), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 12 }).map((parts) => parts.join('')),
        fc.string({ maxLength: 200 }),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 80 }), { nil: undefined }),
        fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }),
        (template, diskName, branch, commit) => {
          const name = quickBackupName(template, { disk: diskName, now: NOW, branch, commit });
          assert.equal(checkSnapshotName(name), undefined, `${JSON.stringify(template)} -> ${JSON.stringify(name)}`);
          assert.ok(name.length >= 2);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Quick Backup request', () => {
  const base = { disk: disk(), regionId: 'cn-hangzhou', sourceKey: 'sandbox', clientToken: 'tok', nameTemplate: 'pre-change-{branch}-{date}-{time}', now: NOW };

  it('names, keeps 7 days, tags and describes the backup', () => {
    const plan = planQuickBackup({ ...base, retentionDays: 7, git: { branch: 'main', commit: 'abcdef0123' } });
    assert.ok(plan.ok);
    assert.deepEqual(plan.intent.request, {
      regionId: 'cn-hangzhou',
      diskId: 'd-bp1aaaaaaaaaaaaaaaa1',
      clientToken: 'tok',
      snapshotName: 'pre-change-main-20261127-0905',
      description: 'Quick Backup from VS Code (branch main, commit abcdef0)',
      retentionDays: 7,
      tags: [{ key: 'ecs-snapshots:quick-backup', value: 'true' }],
    });
    assert.equal(plan.intent.origin, 'quickBackup');
    assert.equal(checkTags([QUICK_BACKUP_TAG]), undefined);
  });

  it('null retention keeps the snapshot until deleted', () => {
    const plan = planQuickBackup({ ...base, retentionDays: null, git: {} });
    assert.ok(plan.ok);
    assert.equal(plan.intent.request.retentionDays, undefined);
    assert.equal(plan.intent.request.snapshotName, 'pre-change-20261127-0905');
  });

  for (const days of [0, 65537, 1.5, -3]) {
    it(`retention ${days} in the settings sends nothing and names the setting`, () => {
      const plan = planQuickBackup({ ...base, retentionDays: days, git: {} });
      assert.equal(plan.ok, false);
      assert.match(!plan.ok ? plan.message : '', /ecsSnapshots\.quickBackup\.retentionDays/);
    });
  }

  for (const template of ['pre-{branh}-{date}', '{Date}', 'backup-{time']) {
    it(`template "${template}" (a misspelt placeholder) sends nothing and names the setting and the placeholder`, () => {
      const plan = planQuickBackup({ ...base, nameTemplate: template, retentionDays: 7, git: { branch: 'main' } });
      assert.equal(plan.ok, false, plan.ok ? plan.intent.request.snapshotName : '');
      const message = !plan.ok ? plan.message : '';
      assert.match(message, /ecsSnapshots\.quickBackup\.nameTemplate/);
      assert.match(message, /\{disk\}.*\{commit\}/, 'lists the placeholders it knows');
    });
  }

  it('the description is always valid, even for absurd branch names', () => {
    for (const branch of ['x'.repeat(400), 'https://evil', '']) {
      const text = describeOrigin({ branch });
      assert.ok(text === undefined || checkDescription(text) === undefined);
    }
  });
});

describe('Quick Backup name unique within the disk', () => {
  it('keeps a name the disk does not have yet', () => {
    assert.equal(uniqueSnapshotName('pre-change-20261127', new Set(['other'])), 'pre-change-20261127');
  });

  it('adds the first free number when the disk already has the name (a template without {time})', () => {
    const taken = new Set(['pre-change-20261127', 'pre-change-20261127-2', 'pre-change-20261127-3']);
    assert.equal(uniqueSnapshotName('pre-change-20261127', taken), 'pre-change-20261127-4');
  });

  it('stays a valid name of at most 128 characters, shortening the base for the suffix', () => {
    const base = `p${'x'.repeat(127)}`;
    const name = uniqueSnapshotName(base, new Set([base]));
    assert.equal([...name].length, 128);
    assert.ok(name.endsWith('-2'), name);
    assert.equal(checkSnapshotName(name), undefined);
  });

  it('always answers a name not taken and valid, whatever is taken', () => {
    fc.assert(
      fc.property(fc.constantFrom('pre-change-20261127', `a${'b'.repeat(127)}`, 'ab', 'web-data-20261127-0905'), fc.integer({ min: 0, max: 300 }), (base, count) => {
        const taken = new Set([base, ...Array.from({ length: count }, (_, i) => `${base.slice(0, 120)}-${i + 2}`)]);
        const name = uniqueSnapshotName(base, taken);
        assert.ok(!taken.has(name), name);
        assert.equal(checkSnapshotName(name), undefined, name);
      }),
    );
  });
});

describe('command argument', () => {
  it('takes the disk, region, instance locks and progressing state from a tree node', () => {
    const node = {
      kind: 'disk',
      disk: disk({ instanceId: 'i-1' }),
      region: { regionId: 'cn-shanghai', locksOfInstance: (id: string) => (id === 'i-1' ? ['security'] : []), hasProgressingSnapshot: () => true },
    };
    assert.deepEqual(diskFromArgument(node), { disk: node.disk, regionId: 'cn-shanghai', instanceLocks: ['security'], seenCreating: true });
  });

  it('takes a bare Disk, and nothing else', () => {
    const d = disk();
    assert.deepEqual(diskFromArgument(d), { disk: d, instanceLocks: [], seenCreating: false });
    for (const other of [undefined, null, 'd-1', { disk: { diskId: 'd-1' } }, { kind: 'snapshot', snapshot: {} }]) {
      assert.equal(diskFromArgument(other), undefined);
    }
  });
});
