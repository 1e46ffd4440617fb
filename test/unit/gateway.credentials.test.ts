// Credential sources: the aliyun CLI config, environment variables, a stored AccessKey, the
// sandbox. Each failure names what is wrong, and no secret is ever echoed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliProfileRegion, listCliProfiles, resolveCredentials, secretsOf } from '../../src/ecs/credentials';
import { EcsError } from '../../src/ecs/errors';

const SECRET = 'cli-secret-ABCDEFGHIJKLMNOP';
const TOKEN = 'cli-sts-token-QRSTUVWXYZ0123';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-credentials-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeConfig(config: unknown, name = 'config.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config), { mode: 0o600 });
  return file;
}

const configPath = writeConfig({
  current: 'dev',
  profiles: [
    { name: 'dev', mode: 'AK', access_key_id: 'LTAIdev', access_key_secret: SECRET, region_id: 'cn-shanghai' },
    { name: 'sts', mode: 'StsToken', access_key_id: 'STS.id', access_key_secret: SECRET, sts_token: TOKEN, region_id: 'cn-beijing' },
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAIrole', access_key_secret: SECRET, ram_role_arn: 'acs:ram::123:role/ops', ram_session_name: 'vscode' },
    { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'EcsRole' },
    { name: 'sso', mode: 'CloudSSO', region_id: 'cn-hangzhou' },
    { name: 'oauth', mode: 'OAuth' },
    { name: 'blank', mode: 'AK', access_key_id: 'LTAIblank', access_key_secret: '' },
    { name: 'noid', mode: 'AK', access_key_id: '  ', access_key_secret: SECRET },
  ],
});

function failure(fn: () => unknown): EcsError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EcsError);
    assert.equal(error.kind, 'credentials');
    assert.equal(error.retryable, false);
    assert.ok(!error.message.includes(SECRET) && !error.message.includes(TOKEN), error.message);
    return error;
  }
  assert.fail('expected a credentials error');
}

describe('aliyun CLI profiles', () => {
  it('uses the current profile by default, with its region', () => {
    const r = resolveCredentials({ kind: 'cliProfile', configPath });
    assert.deepEqual(r.credentials, { type: 'accessKey', accessKeyId: 'LTAIdev', accessKeySecret: SECRET, securityToken: undefined });
    assert.equal(r.regionId, 'cn-shanghai');
    assert.equal(r.label, "profile 'dev' (AK)");
  });

  it('serves StsToken, RamRoleArn and EcsRamRole profiles', () => {
    const sts = resolveCredentials({ kind: 'cliProfile', profile: 'sts', configPath });
    assert.deepEqual(sts.credentials, { type: 'accessKey', accessKeyId: 'STS.id', accessKeySecret: SECRET, securityToken: TOKEN });
    assert.deepEqual(secretsOf(sts.credentials), [SECRET, TOKEN]);
    const role = resolveCredentials({ kind: 'cliProfile', profile: 'role', configPath });
    assert.equal(role.credentials.type, 'ramRoleArn');
    assert.equal(role.credentials.type === 'ramRoleArn' && role.credentials.roleArn, 'acs:ram::123:role/ops');
    const ecs = resolveCredentials({ kind: 'cliProfile', profile: 'ecs', configPath });
    assert.deepEqual(ecs.credentials, { type: 'ecsRamRole', roleName: 'EcsRole' });
  });

  it('names the mode and the profile it cannot serve', () => {
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', profile: 'sso', configPath })).message, /profile 'sso' uses mode CloudSSO/);
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', profile: 'oauth', configPath })).message, /profile 'oauth' uses mode OAuth/);
  });

  it('says which key is empty', () => {
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', profile: 'blank', configPath })).message, /AccessKey secret of profile 'blank' is empty/);
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', profile: 'noid', configPath })).message, /AccessKey ID of profile 'noid' is empty/);
  });

  it('lists the known profiles when asked for an unknown one', () => {
    const message = failure(() => resolveCredentials({ kind: 'cliProfile', profile: 'prod', configPath })).message;
    assert.match(message, /Profile 'prod' is not in/);
    assert.match(message, /dev, sts, role/);
  });

  it('explains a missing or unreadable config without quoting it', () => {
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', configPath: path.join(dir, 'nope.json') })).message, /No aliyun CLI config at .*aliyun configure/);
    const broken = writeConfig(`{"profiles":[{"access_key_secret":"${SECRET}"`, 'broken.json');
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', configPath: broken })).message, /not valid JSON/);
    const noCurrent = writeConfig({ profiles: [] }, 'empty.json');
    assert.match(failure(() => resolveCredentials({ kind: 'cliProfile', configPath: noCurrent })).message, /no current profile/);
  });

  it('honours the profile the aliyun CLI reads from the environment when none is chosen', () => {
    // The CLI's own order: ALIBABACLOUD_PROFILE, then ALIBABA_CLOUD_PROFILE, then ALICLOUD_PROFILE.
    const sts = resolveCredentials({ kind: 'cliProfile', configPath }, { ALIBABA_CLOUD_PROFILE: 'sts' });
    assert.equal(sts.profileName, 'sts');
    assert.equal(sts.regionId, 'cn-beijing');
    const first = resolveCredentials({ kind: 'cliProfile', configPath }, { ALICLOUD_PROFILE: 'dev', ALIBABACLOUD_PROFILE: 'role' });
    assert.equal(first.profileName, 'role');
    assert.equal(resolveCredentials({ kind: 'cliProfile', configPath }, { ALICLOUD_PROFILE: 'sts' }).profileName, 'sts');
    // A profile chosen in the settings wins over the environment.
    assert.equal(resolveCredentials({ kind: 'cliProfile', profile: 'dev', configPath }, { ALIBABA_CLOUD_PROFILE: 'sts' }).profileName, 'dev');
    // Blank values are not a choice.
    assert.equal(resolveCredentials({ kind: 'cliProfile', configPath }, { ALIBABA_CLOUD_PROFILE: '  ' }).profileName, 'dev');
    const unknown = failure(() => resolveCredentials({ kind: 'cliProfile', configPath }, { ALIBABA_CLOUD_PROFILE: 'prod' })).message;
    assert.match(unknown, /Profile 'prod' \(from ALIBABA_CLOUD_PROFILE\) is not in/);
    assert.equal(cliProfileRegion(undefined, configPath, { ALIBABA_CLOUD_PROFILE: 'sts' }), 'cn-beijing');
  });

  it('lists profiles for a picker without secrets, and their regions', () => {
    const profiles = listCliProfiles(configPath);
    assert.deepEqual(profiles[0], { name: 'dev', mode: 'AK', regionId: 'cn-shanghai', current: true });
    assert.deepEqual(profiles.map((p) => p.name), ['dev', 'sts', 'role', 'ecs', 'sso', 'oauth', 'blank', 'noid']);
    const text = JSON.stringify(profiles);
    assert.ok(!text.includes(SECRET) && !text.includes(TOKEN));
    assert.equal(cliProfileRegion(undefined, configPath), 'cn-shanghai');
    assert.equal(cliProfileRegion('sts', configPath), 'cn-beijing');
    assert.equal(cliProfileRegion('ecs', configPath), undefined);
  });
});

describe('environment variables', () => {
  it('reads the AccessKey and the optional STS token', () => {
    const r = resolveCredentials(
      { kind: 'environment' },
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN },
    );
    assert.deepEqual(r.credentials, { type: 'accessKey', accessKeyId: 'LTAIenv', accessKeySecret: SECRET, securityToken: TOKEN });
  });

  it('names the missing variable', () => {
    assert.match(failure(() => resolveCredentials({ kind: 'environment' }, {})).message, /ALIBABA_CLOUD_ACCESS_KEY_ID is not set/);
    assert.match(
      failure(() => resolveCredentials({ kind: 'environment' }, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv' })).message,
      /ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/,
    );
  });
});

describe('stored AccessKey and sandbox', () => {
  it('passes a stored AccessKey through, refusing empty parts', () => {
    const r = resolveCredentials({ kind: 'accessKey', accessKeyId: 'LTAIkey', accessKeySecret: SECRET });
    assert.equal(r.credentials.type, 'accessKey');
    assert.match(failure(() => resolveCredentials({ kind: 'accessKey', accessKeyId: 'LTAIkey', accessKeySecret: ' ' })).message, /secret of the stored AccessKey is empty/);
  });

  it('carries the sandbox endpoint', () => {
    const r = resolveCredentials({ kind: 'sandbox', accessKeyId: 'LTAIsb', accessKeySecret: SECRET, endpoint: '127.0.0.1:1234' });
    assert.equal(r.endpoint, '127.0.0.1:1234');
    assert.equal(r.label, 'sandbox');
  });
});
