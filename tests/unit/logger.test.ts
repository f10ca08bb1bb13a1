// The logger every handler uses writes JSON lines with no phone or ID number in them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/logging/logger.js';

afterEach(() => vi.restoreAllMocks());

describe('logger', () => {
  it('writes structured JSON with the correlation id, and redacts sensitive values wherever they appear', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    logger.setLogLevel('INFO');
    logger.appendKeys({ correlationId: 'corr-42' });
    logger.info('customer 11010519491231002X called from +8613812345678', {
      customer: { phone: '+8613812345678', idNumber: '11010519491231002X', name: '李秀英' },
    });
    logger.setLogLevel('SILENT');
    const out = lines.join('');
    expect(out).not.toMatch(/13812345678|11010519491231002X/);
    const entry = JSON.parse(out.trim().split('\n').pop()!);
    expect(entry).toMatchObject({ level: 'INFO', correlationId: 'corr-42', customer: { name: '李秀英' } });
  });
});
