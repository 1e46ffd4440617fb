// The `ecs-snapshot` task's run, against a fake BackupService: what it asks the service for, the
// terminal lines it writes, and the exit code dependsOn / preLaunchTask read.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { BackupArguments, BackupCallOptions, BackupResult, BackupService } from '../../src/automation/backupApi';
import { readSnapshotTask } from '../../src/tasks/snapshotTaskDefinition';
import { runSnapshotTask, TASK_EXIT, terminalLine } from '../../src/tasks/snapshotTaskRun';

interface Call {
  args: BackupArguments;
  options: BackupCallOptions;
}

/** Records each backup() and answers with `answer`, after reporting `steps` through onStep. */
class FakeBackups implements BackupService {
  readonly calls: Call[] = [];
  constructor(
    private readonly answer: (call: Call) => BackupResult | Promise<BackupResult>,
    private readonly steps: string[] = [],
  ) {}
  check(): never {
    throw new Error('the task does not call check()');
  }
  async backup(args: BackupArguments, options: BackupCallOptions): Promise<BackupResult> {
    const call = { args, options };
    this.calls.push(call);
    for (const step of this.steps) options.onStep?.(step);
    return this.answer(call);
  }
  waitUntilReady(): never {
    throw new Error('the task does not call waitUntilReady()');
  }
  status(): never {
    throw new Error('the task does not call status()');
  }
}

const GREEN = '\x1b[32m';
const RESET = '\x1b[0m';

const ready: BackupResult = { ok: true, snapshotId: 's-bp1ready', snapshotName: 'pre-deploy', diskId: 'd-bp1web', diskName: 'web-data', regionId: 'cn-hangzhou', reached: 'ready' };

async function run(backups: BackupService, definition: Record<string, unknown>, quickDisk?: { diskId: string; regionId: string }) {
  const out: string[] = [];
  const code = await runSnapshotTask(backups, readSnapshotTask({ type: 'ecs-snapshot', ...definition }, quickDisk), (text) => out.push(text));
  return { code, out, text: out.join('') };
}

describe('ecs-snapshot task', () => {
  it('hands every property to the service once, as a task, and ends with 0 and the snapshot id when ready', async () => {
    const backups = new FakeBackups(() => ready, ['Resolving disk web-data…', 'CreateSnapshot sent', 'Snapshot s-bp1ready 40%', 'Snapshot s-bp1ready 40%', 'Snapshot s-bp1ready 100%']);
    const { code, out, text } = await run(backups, {
      disk: 'web-data',
      region: 'cn-hangzhou',
      name: 'pre-deploy-{branch}',
      description: 'before deploy',
      retentionDays: 3,
      tags: { env: 'prod' },
      wait: 'ready',
    });
    assert.equal(code, TASK_EXIT.done);
    assert.equal(backups.calls.length, 1);
    assert.deepEqual(backups.calls[0].args, { disk: 'web-data', region: 'cn-hangzhou', name: 'pre-deploy-{branch}', description: 'before deploy', retentionDays: 3, tags: { env: 'prod' } });
    assert.equal(backups.calls[0].options.origin, 'task');
    assert.equal(backups.calls[0].options.wait, 'ready');
    assert.equal(backups.calls[0].options.quick, false);
    // One line per step, the repeated progress line once, every line ending as a terminal needs.
    assert.deepEqual(
      out.map((line) => line.replaceAll(GREEN, '').replaceAll(RESET, '')),
      [
        'Backing up disk web-data in cn-hangzhou…\r\n',
        'Resolving disk web-data…\r\n',
        'CreateSnapshot sent\r\n',
        'Snapshot s-bp1ready 40%\r\n',
        'Snapshot s-bp1ready 100%\r\n',
        'Snapshot s-bp1ready (pre-deploy) of disk web-data is ready.\r\n',
      ],
    );
    assert.ok(text.includes(`${GREEN}Snapshot s-bp1ready (pre-deploy) of disk web-data is ready.${RESET}`), 'the outcome is not green');
  });

  it('waits for "created" unless told otherwise, and says the status bar follows the snapshot', async () => {
    const backups = new FakeBackups(() => ({ ...ready, reached: 'created' }));
    const { code, text } = await run(backups, { disk: 'd-bp1web' });
    assert.equal(code, TASK_EXIT.done);
    assert.equal(backups.calls[0].options.wait, 'created');
    assert.deepEqual(backups.calls[0].args, { disk: 'd-bp1web' });
    assert.match(text, /s-bp1ready \(pre-deploy\) of disk web-data was created; the status bar follows it/);
  });

  it('a refusal ends non-zero with the service\'s (the catalog\'s) message in red', async () => {
    const message = 'The disk has reached its snapshot quota (256). Delete snapshots it no longer needs.';
    const backups = new FakeBackups(() => ({ ok: false, kind: 'refused', code: 'QuotaExceed.Snapshot', message }));
    const { code, out } = await run(backups, { disk: 'logs-ssd', wait: 'ready' });
    assert.equal(code, TASK_EXIT.failed);
    assert.equal(out.at(-1), `\x1b[31m${message}\x1b[0m\r\n`);
  });

  for (const kind of ['notConnected', 'diskNotFound', 'diskAmbiguous', 'blocked'] as const) {
    it(`${kind} ends with exit code 1`, async () => {
      const { code, text } = await run(new FakeBackups(() => ({ ok: false, kind, message: `because ${kind}` })), { disk: 'web-data' });
      assert.equal(code, TASK_EXIT.failed);
      assert.match(text, new RegExp(`because ${kind}`));
    });
  }

  it('arguments the service refuses by rule end with exit code 2 and the rule\'s message', async () => {
    const backups = new FakeBackups(() => ({ ok: false, kind: 'invalidArguments', message: 'The name must start with a letter.' }));
    const { code, text } = await run(backups, { disk: 'web-data', name: '1abc' });
    assert.equal(code, TASK_EXIT.invalid);
    assert.match(text, /The name must start with a letter\./);
  });

  it('a failure after the snapshot exists names it as still tracked', async () => {
    const backups = new FakeBackups(() => ({ ok: false, kind: 'refused', message: 'The snapshot failed.', snapshotId: 's-bp1failed' }));
    const { code, text } = await run(backups, { disk: 'web-data', wait: 'ready' });
    assert.equal(code, TASK_EXIT.failed);
    assert.match(text, /Snapshot s-bp1failed is still tracked in the status bar\./);
  });

  it('hands the cancellation to the service; cancelled while waiting ends non-zero with the snapshot still tracked', async () => {
    let cancel = () => undefined as void;
    const cancellation = {
      isCancellationRequested: false,
      onCancellationRequested(listener: () => void) {
        cancel = listener;
        return { dispose() {} };
      },
    };
    const backups = new FakeBackups(
      ({ options }) =>
        new Promise<BackupResult>((resolve) => {
          options.cancellation?.onCancellationRequested(() => resolve({ ok: false, kind: 'cancelled', message: 'Stopped waiting; snapshot s-bp1waiting stays in the status bar.', snapshotId: 's-bp1waiting' }));
        }),
    );
    const out: string[] = [];
    const running = runSnapshotTask(backups, readSnapshotTask({ type: 'ecs-snapshot', disk: 'web-data', wait: 'ready' }), (t) => out.push(t), cancellation);
    await new Promise((resolve) => setImmediate(resolve));
    cancel();
    assert.equal(await running, TASK_EXIT.cancelled);
    assert.notEqual(TASK_EXIT.cancelled, 0);
    assert.equal(out.at(-1), 'Stopped waiting; snapshot s-bp1waiting stays in the status bar.\r\n');
  });

  it('a service that throws still ends the task non-zero with its message', async () => {
    const { code, text } = await run(new FakeBackups(() => Promise.reject(new Error('socket hang up'))), { disk: 'web-data' });
    assert.equal(code, TASK_EXIT.failed);
    assert.match(text, /socket hang up/);
  });
});

describe('ecs-snapshot task definition', () => {
  const refused = async (definition: Record<string, unknown>, pattern: RegExp, quickDisk?: { diskId: string; regionId: string }) => {
    const backups = new FakeBackups(() => ready);
    const { code, text } = await run(backups, definition, quickDisk);
    assert.equal(code, TASK_EXIT.invalid, JSON.stringify(definition));
    assert.equal(backups.calls.length, 0, 'a definition of the wrong shape sent something');
    assert.match(text, pattern);
  };

  it('refuses a wait other than created or ready, sending nothing', () => refused({ disk: 'web-data', wait: 'accomplished' }, /"wait" must be "created" \| "ready"/));
  it('refuses a disk that is not a string', () => refused({ disk: 42 }, /"disk" must be a string/));
  it('refuses tags that are not an object of strings', () => refused({ disk: 'web-data', tags: [{ key: 'a' }] }, /"tags" must be an object of strings/));
  it('refuses quick that is not a boolean', () => refused({ disk: 'web-data', quick: 'yes' }, /"quick" must be true \| false/));
  it('refuses retentionDays that is not a number', () => refused({ disk: 'web-data', retentionDays: '7' }, /"retentionDays" must be a number of days/));
  it('refuses a task without a disk', () => refused({ wait: 'ready' }, /does not say which disk/));
  it('refuses a quick task without a disk when no Quick Backup disk is set', () => refused({ quick: true }, /No Quick Backup disk is set/));

  it('a quick task without a disk backs up the workspace\'s Quick Backup disk with the Quick Backup defaults', async () => {
    const backups = new FakeBackups(() => ready);
    const { code } = await run(backups, { quick: true, wait: 'ready' }, { diskId: 'd-bp1quick', regionId: 'cn-shanghai' });
    assert.equal(code, TASK_EXIT.done);
    assert.deepEqual(backups.calls[0].args, { disk: 'd-bp1quick', region: 'cn-shanghai' });
    assert.equal(backups.calls[0].options.quick, true);
  });

  it('a retentionDays of null (kept until deleted) reaches the service as null', async () => {
    const backups = new FakeBackups(() => ready);
    await run(backups, { disk: 'web-data', retentionDays: null });
    assert.equal(backups.calls[0].args.retentionDays, null);
  });
});

describe('terminal lines', () => {
  it('end with \\r\\n, turn inner newlines into \\r\\n and colour only the outcome', () => {
    assert.equal(terminalLine('a\nb'), 'a\r\nb\r\n');
    assert.equal(terminalLine('done', 'success'), '\x1b[32mdone\x1b[0m\r\n');
    assert.equal(terminalLine('no', 'failure'), '\x1b[31mno\x1b[0m\r\n');
  });
});
