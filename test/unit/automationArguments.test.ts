// The argument object of commands, tasks, tools and the API: the create flow's rules with the
// create flow's messages, anything unknown or of the wrong type refused, placeholders expanded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backupName, parseBackupArguments, tagsOf } from '../../src/automation/backupArguments';
import { fieldMessage } from '../../src/commands/createSnapshot/steps/inputSteps';
import { checkDescription, checkRetentionDays, checkSnapshotName, checkTags } from '../../src/snapshot/rules';

function refused(input: unknown): string {
  const result = parseBackupArguments(input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)} to be refused`);
  return result.ok ? '' : result.message;
}

function accepted(input: unknown) {
  const result = parseBackupArguments(input);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
}

describe('backup arguments: shape', () => {
  it('accepts nothing at all and every known field', () => {
    assert.deepEqual(accepted(undefined), {});
    assert.deepEqual(accepted({}), {});
    assert.deepEqual(
      accepted({ region: 'cn-hangzhou', disk: 'd-bp1abc', name: 'before-migration', description: 'before the migration', retentionDays: 7, tags: { env: 'prod' }, skipPrompts: true }),
      { region: 'cn-hangzhou', disk: 'd-bp1abc', name: 'before-migration', description: 'before the migration', retentionDays: 7, tags: [{ key: 'env', value: 'prod' }], skipPrompts: true },
    );
  });

  it('refuses what is not an object', () => {
    for (const input of ['d-bp1abc', 42, true, ['d-bp1abc']]) {
      assert.match(refused(input), /must be an object/);
    }
  });

  it('names an unknown key (a typo is not silently ignored)', () => {
    const message = refused({ disk: 'd-1', retention: 7 });
    assert.match(message, /'retention'/);
    assert.match(message, /retentionDays/);
  });

  it('names the field of a wrong type', () => {
    assert.match(refused({ disk: 42 }), /'disk'.*text/);
    assert.match(refused({ region: {} }), /'region'.*text/);
    assert.match(refused({ skipPrompts: 'yes' }), /'skipPrompts'.*true or false/);
    assert.match(refused({ retentionDays: true }), /'retentionDays'/);
    assert.match(refused({ tags: 'env=prod' }), /'tags'/);
    assert.match(refused({ disk: '   ' }), /'disk'/);
  });

  it('treats empty optional texts as not given', () => {
    assert.deepEqual(accepted({ name: '', description: '' }), {});
  });
});

describe('backup arguments: the create flow rules and messages', () => {
  it('name', () => {
    for (const name of ['x', 'auto-1', 'http://x', '1abc', 'a b']) {
      assert.equal(refused({ name }), fieldMessage('Name', checkSnapshotName(name)));
    }
  });

  it('description', () => {
    for (const description of ['x', 'https://example.com/x']) {
      assert.equal(refused({ description }), fieldMessage('Description', checkDescription(description)));
    }
  });

  it('retention days: a whole number 1..65536, or null to keep until deleted', () => {
    assert.equal(accepted({ retentionDays: null }).retentionDays, null);
    assert.equal(accepted({ retentionDays: 65536 }).retentionDays, 65536);
    assert.equal(accepted({ retentionDays: '30' }).retentionDays, 30);
    for (const [given, text] of [[0, '0'], [65537, '65537'], [-1, '-1'], [1.5, '1.5'], ['7 days', '7 days']] as const) {
      assert.equal(refused({ retentionDays: given }), fieldMessage('Retention days', checkRetentionDays(text)));
    }
  });

  it('tags: an object, a list of { key, value } or of "key=value" texts, all normalised', () => {
    assert.deepEqual(accepted({ tags: [{ key: 'env', value: 'prod' }, { key: 'team' }] }).tags, [{ key: 'env', value: 'prod' }, { key: 'team', value: '' }]);
    assert.deepEqual(accepted({ tags: ['env=prod', ' "a=b" = c ', 'solo'] }).tags, [{ key: 'env', value: 'prod' }, { key: 'a=b', value: 'c' }, { key: 'solo', value: '' }]);
    const reserved = [{ key: 'aliyun-x', value: '1' }];
    assert.equal(refused({ tags: reserved }), fieldMessage('Tags', checkTags(reserved)));
    const duplicate = [{ key: 'a', value: '1' }, { key: 'a', value: '2' }];
    assert.equal(refused({ tags: duplicate }), fieldMessage('Tags', checkTags(duplicate)));
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    assert.equal(refused({ tags: many }), fieldMessage('Tags', checkTags(Object.entries(many).map(([key, value]) => ({ key, value })))));
  });

  it('tags: the tag syntax problems and wrong types are named', () => {
    assert.match(refused({ tags: ['"open=1'] }), /^Tags: .*closing/);
    assert.match(refused({ tags: [''] }), /^Tags: enter a tag as key=value/);
    assert.match(refused({ tags: { env: 1 } }), /'env'/);
    assert.match(refused({ tags: [{ key: 1 }] }), /tag 1/);
    assert.match(refused({ tags: [{ key: 'a', value: 'b', extra: 1 }] }), /'extra'/);
  });

  it('tagsOf reads both accepted forms', () => {
    assert.deepEqual(tagsOf({ tags: { a: '1' } }), [{ key: 'a', value: '1' }]);
    assert.deepEqual(tagsOf({ tags: [{ key: 'a' }] }), [{ key: 'a', value: '' }]);
    assert.deepEqual(tagsOf({}), undefined);
  });
});

describe('backup arguments: name placeholders', () => {
  const values = { disk: 'web-data', now: new Date(2026, 10, 27, 14, 30), branch: 'feature/login', commit: '1a2b3c4d5e' };

  it('accepts a template and expands it as Quick Backup does', () => {
    assert.equal(accepted({ name: 'pre-{branch}-{date}' }).name, 'pre-{branch}-{date}');
    assert.equal(backupName('pre-{branch}-{commit}-{date}-{time}', values), 'pre-feature-login-1a2b3c4-20261127-1430');
    assert.equal(backupName('{disk}-before', values), 'web-data-before');
    assert.equal(backupName('pre-{branch}-{date}', { ...values, branch: undefined }), 'pre-20261127');
  });

  it('leaves a plain name as given', () => {
    assert.equal(backupName('before-migration', values), 'before-migration');
  });

  it('refuses a typo in a placeholder and a template whose own text breaks the name rule', () => {
    assert.match(refused({ name: 'pre-{branh}' }), /\{branh\}/);
    assert.equal(refused({ name: 'auto-{date}' }), fieldMessage('Name', checkSnapshotName('auto-20261127')));
    assert.match(refused({ name: 'pre/{date}' }), /^Name: contains/);
  });
});
