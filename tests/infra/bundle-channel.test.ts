// A deployed SMS sender carries its deployment's channel only (bundle-settings.ts bundleDefines,
// shared/sms/deps.ts): built as the construct builds it, the bundle's inputs name that channel's SDK
// and no other's.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { join } from 'node:path';
import { esbuildOptionsOf } from '#infra/constructs/bundle-settings.js';
import { repositoryRoot } from '#infra/constructs/ocrm-function.js';

const inputsOf = async (channel?: string) => {
  const { metafile } = await build({
    ...esbuildOptionsOf(undefined, channel ? { OCRM_SMS_CHANNEL: channel } : {}),
    entryPoints: [join(repositoryRoot, 'functions/sms/service.ts')],
    write: false,
    outdir: '/tmp',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: repositoryRoot,
  });
  return Object.keys(metafile.inputs);
};
const has = (inputs: string[], part: string) => inputs.some((file) => file.includes(part));

describe('an SMS sender’s bundle', () => {
  it('holds the channel it is deployed with, and no other channel’s SDK', { timeout: 60_000 }, async () => {
    const sns = await inputsOf();
    expect(has(sns, 'shared/sms/sns-provider.ts')).toBe(true);
    expect(has(sns, '@alicloud/')).toBe(false);
    expect(has(sns, 'tencentcloud-sdk')).toBe(false);
    expect(has(sns, 'shared/sms/bank-gateway-provider.ts')).toBe(false);

    const aliyun = await inputsOf('aliyun');
    expect(has(aliyun, '@alicloud/dysmsapi20170525')).toBe(true);
    expect(has(aliyun, 'tencentcloud-sdk')).toBe(false);

    const tencent = await inputsOf('tencent');
    expect(has(tencent, 'tencentcloud-sdk')).toBe(true);
    expect(has(tencent, '@alicloud/')).toBe(false);

    const gateway = await inputsOf('bank-gateway');
    expect(has(gateway, 'shared/sms/bank-gateway-provider.ts')).toBe(true);
    expect(has(gateway, '@alicloud/') || has(gateway, 'tencentcloud-sdk')).toBe(false);
  });
});
