// The agent tools' pure parts: inputs checked with the rules' own messages before anything is
// sent, the confirmation naming disk, name and retention, and short answers an agent can act on.
process.env.TZ = 'UTC';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupArguments, BackupCallOptions, BackupResult, BackupService, SnapshotStatusReport } from '../../src/automation/backupApi';
import { parseBackupArguments } from '../../src/automation/backupArguments';
import { prepareCreate, runCreate } from '../../src/agent/createTool';
import { parseListDisksInput, parseSnapshotStatusInput } from '../../src/agent/toolInputs';
import { backupResultText, statusText } from '../../src/agent/toolTexts';
import type { CreateDefaults } from '../../src/agent/toolTexts';
import { AGENT_TOOL_NAMES } from '../../src/agent/toolNames';
import manifest from '../../package.json';

/** check() is the real argument rules; backup() records what it was asked and answers as told. */
class FakeBackups implements Pick<BackupService, 'check' | 'backup'> {
  readonly calls: { args: BackupArguments; options: BackupCallOptions }[] = [];
  constructor(private readonly answer: BackupResult) {}
  check(args: unknown) {
    return parseBackupArguments(args);
  }
  async backup(args: BackupArguments, options: BackupCallOptions): Promise<BackupResult> {
    this.calls.push({ args, options });
    return this.answer;
  }
}

const created: BackupResult = { ok: true, snapshotId: 's-bp1new', snapshotName: 'pre-migrate', diskId: 'd-bp1web', diskName: 'web-data', regionId: 'cn-hangzhou', reached: 'created' };
const defaults: CreateDefaults = { defaultRetentionDays: null, quickBackupRetentionDays: 7, quickBackupNameTemplate: 'pre-change-{date}-{time}', regionId: 'cn-hangzhou' };

describe('the creating tool', () => {
  it('confirms with the disk, the snapshot name and the retention as given', () => {
    const prepared = prepareCreate({ disk: 'web-data', name: 'pre-migrate', retentionDays: 3 }, new FakeBackups(created), defaults);
    assert.ok(prepared.ok);
    assert.match(prepared.confirmation.title, /web-data/);
    assert.match(prepared.confirmation.message, /`web-data` in cn-hangzhou/);
    assert.match(prepared.confirmation.message, /Name: `pre-migrate`/);
    assert.match(prepared.confirmation.message, /Retention: kept 3 days/);
  });

  it('a Quick Backup confirms with the template and the Quick Backup retention; a plain one with the default retention', () => {
    const quick = prepareCreate({ disk: 'd-bp1web', quick: true }, new FakeBackups(created), defaults);
    assert.ok(quick.ok);
    assert.match(quick.confirmation.title, /Quick Backup of disk d-bp1web/);
    assert.match(quick.confirmation.message, /`pre-change-\{date\}-\{time\}`/);
    assert.match(quick.confirmation.message, /Retention: kept 7 days/);
    const plain = prepareCreate({ disk: 'd-bp1web' }, new FakeBackups(created), defaults);
    assert.ok(plain.ok);
    assert.match(plain.confirmation.message, /Retention: kept until deleted/);
    const kept = prepareCreate({ disk: 'd-bp1web', quick: true, retentionDays: null }, new FakeBackups(created), defaults);
    assert.ok(kept.ok);
    assert.match(kept.confirmation.message, /Retention: kept until deleted/);
  });

  it('a name with placeholders is confirmed as a template that is filled in when sent', () => {
    const prepared = prepareCreate({ disk: 'web-data', name: 'pre-deploy-{branch}-{date}' }, new FakeBackups(created), defaults);
    assert.ok(prepared.ok);
    assert.match(prepared.confirmation.message, /Name: `pre-deploy-\{branch\}-\{date\}` \(placeholders filled in when sent\)/);
  });

  it('an input that breaks a rule gets no confirmation, and invoking it sends nothing and says the rule', async () => {
    const backups = new FakeBackups(created);
    const input = { disk: 'web-data', name: 'x' };
    const rule = parseBackupArguments({ name: 'x' });
    assert.ok(!rule.ok);
    const prepared = prepareCreate(input, backups, defaults);
    assert.equal(prepared.ok, false);
    assert.ok(prepared.invocationMessage.includes(rule.message), prepared.invocationMessage);
    const answer = await runCreate(input, backups);
    assert.equal(backups.calls.length, 0);
    assert.equal(answer, `Nothing was sent: ${rule.message}`);
  });

  it('a missing disk, an unknown key or a non-object is refused before anything is sent', async () => {
    const backups = new FakeBackups(created);
    assert.match(await runCreate({ name: 'pre-migrate' }, backups), /^Nothing was sent: Say which disk/);
    assert.match(await runCreate({ disk: 'web-data', size: 40 }, backups), /^Nothing was sent: Unknown backup argument 'size'/);
    assert.match(await runCreate('web-data', backups), /^Nothing was sent: /);
    assert.equal(backups.calls.length, 0);
  });

  it('goes through BackupService as an agent, quick passed as an option (not an argument), and answers with the id and the next step', async () => {
    const backups = new FakeBackups(created);
    const answer = await runCreate({ disk: 'web-data', name: 'pre-migrate', quick: true, tags: { env: 'prod' } }, backups);
    assert.equal(backups.calls.length, 1);
    assert.deepEqual(backups.calls[0].args, { disk: 'web-data', name: 'pre-migrate', tags: [{ key: 'env', value: 'prod' }] });
    assert.equal(backups.calls[0].options.origin, 'agent');
    assert.equal(backups.calls[0].options.quick, true);
    assert.equal(backups.calls[0].options.wait, 'created');
    assert.match(answer, /^Snapshot s-bp1new \(pre-migrate\) of disk web-data \(d-bp1web\) in cn-hangzhou\./);
    assert.match(answer, /ecsSnapshots_snapshotStatus with snapshotId s-bp1new/);
  });
});

describe('answers of the creating tool', () => {
  it('says nothing was sent for local refusals, points to the list for a disk not found, and gives ECS code', () => {
    assert.equal(backupResultText({ ok: false, kind: 'blocked', message: 'The disk is locked.' }), 'Nothing was sent: The disk is locked.');
    assert.match(backupResultText({ ok: false, kind: 'diskNotFound', message: 'No disk named web.' }), /No disk named web\.\nNext: call ecsSnapshots_listDisks/);
    assert.equal(
      backupResultText({ ok: false, kind: 'refused', message: 'Quota exceeded.', code: 'QuotaExceed.Snapshot' }),
      'ECS refused the snapshot: Quota exceeded. (QuotaExceed.Snapshot)',
    );
    assert.match(backupResultText({ ok: false, kind: 'cancelled', message: 'Cancelled.', snapshotId: 's-bp1x' }), /s-bp1x is still being created and stays tracked/);
  });

  it('a snapshot already usable says so and that the change can go ahead', () => {
    const text = backupResultText({ ...created, reached: 'ready' } as BackupResult);
    assert.match(text, /usable now/);
    assert.doesNotMatch(text, /snapshotStatus/);
  });
});

describe('the status tool', () => {
  const report: SnapshotStatusReport = { snapshotId: 's-bp1new', regionId: 'cn-hangzhou', status: 'progressing', progress: 42.4, usable: false, snapshotName: 'pre-migrate', diskId: 'd-bp1web', retentionDays: 7 };

  it('reads progress, usability, retention and what to do next', () => {
    const text = statusText(report);
    assert.equal(text, 'Snapshot s-bp1new (pre-migrate) in cn-hangzhou:\nprogressing, 42%; not usable yet; kept 7 days; disk d-bp1web.\nNext: ask again in a minute.');
    assert.match(statusText({ ...report, status: 'accomplished', progress: 100, usable: true }), /accomplished; usable/);
    assert.match(statusText({ ...report, status: 'failed', usable: false }), /Next: take a new snapshot with ecsSnapshots_createSnapshot/);
    assert.equal(statusText({ ...report, status: 'notFound' }), 'No snapshot s-bp1new in region cn-hangzhou. Check the ID and the region.');
  });

  it('needs a snapshot id', () => {
    assert.ok(parseSnapshotStatusInput({ snapshotId: ' s-bp1new ', region: 'cn-shanghai' }).ok);
    for (const input of [{}, { snapshotId: 'd-bp1web' }, { snapshotId: 42 }, 'x', { snapshotId: 's-1', region: 7 }]) {
      assert.equal(parseSnapshotStatusInput(input).ok, false, JSON.stringify(input));
    }
  });
});

describe('the list tool input', () => {
  it('defaults the limit to 20 and bounds it to 1..50', () => {
    const parsed = parseListDisksInput({ filter: ' web ' });
    assert.deepEqual(parsed, { ok: true, value: { region: undefined, filter: 'web', limit: 20, cursor: undefined } });
    assert.ok(parseListDisksInput(undefined).ok);
    for (const limit of [0, 51, 2.5, '10']) assert.equal(parseListDisksInput({ limit }).ok, false, String(limit));
    assert.equal(parseListDisksInput({ cursor: 'made-up' }).ok, false);
  });
});

describe('the manifest', () => {
  type Tool = { name: string; toolReferenceName?: string; canBeReferencedInPrompt?: boolean; tags?: string[]; modelDescription?: string; inputSchema?: { required?: string[]; properties?: Record<string, unknown> } };
  const tools = (manifest.contributes as { languageModelTools?: Tool[] }).languageModelTools ?? [];

  it('contributes the three tools with names VS Code accepts', () => {
    assert.deepEqual(tools.map((t) => t.name), [...AGENT_TOOL_NAMES]);
    for (const tool of tools) {
      assert.match(tool.name, /^(?!copilot_|vscode_)[\w-]+$/);
      // VS Code refuses canBeReferencedInPrompt without a toolReferenceName.
      assert.ok(!tool.canBeReferencedInPrompt || /^[\w-]+$/.test(tool.toolReferenceName ?? ''), tool.name);
      assert.ok(tool.modelDescription && tool.inputSchema, tool.name);
      assert.ok((tool.tags ?? []).every((tag) => !/^(copilot_|vscode_)/.test(tag)));
    }
  });

  it('declares every argument the creating tool passes on (BackupService refuses unknown ones)', () => {
    const create = tools.find((t) => t.name === 'ecsSnapshots_createSnapshot');
    assert.deepEqual(create?.inputSchema?.required, ['disk']);
    const keys = Object.keys(create?.inputSchema?.properties ?? {}).filter((key) => key !== 'quick');
    const all = Object.fromEntries(keys.map((key) => [key, undefined]));
    assert.ok(parseBackupArguments(all).ok, `a schema property is not a backup argument: ${keys.join(', ')}`);
  });
});
