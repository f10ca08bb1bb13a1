// The information library: admins write; everyone reads what is published now for their role;
// search by text and tag, newest first, page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 0, streams: false, now: '2026-11-20T08:00:00Z' });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const article = (over: Record<string, unknown> = {}) => ({
  title: '四季度市场观点',
  body: '权益市场震荡，建议稳健配置理财与国债。',
  tags: ['市场观点'],
  publishFrom: '2026-11-01T00:00:00Z',
  ...over,
});

describe('articles', () => {
  it('admins write; others may not; bad input is 400 with paths', async () => {
    expect((await api.post('rm-bj-cy-wj-01', '/v1/articles', article())).status).toBe(403);
    expect((await api.post('bm-bj', '/v1/articles', article())).status).toBe(403);
    const bad = await api.post('admin', '/v1/articles', {
      title: '',
      audienceRoles: ['ceo'],
      publishFrom: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.title', 'body.body', 'body.audienceRoles.0', 'body.publishFrom']),
    );
    const created = await api.post('admin', '/v1/articles', article());
    expect(created.status).toBe(201);
    const id = created.body.articleId as string;
    const replaced = await api.put(
      'admin',
      `/v1/articles/${id}`,
      article({ title: '四季度市场观点（修订）' }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    expect((await api.put('rm-bj-cy-wj-01', `/v1/articles/${id}`, article())).status).toBe(403);
    expect((await api.get('rm-bj-cy-wj-01', `/v1/articles/${id}`)).body.title).toBe('四季度市场观点（修订）');
  });

  it('shows each role what is published for it now, searchable by text and tag', async () => {
    const forRms = await api.post(
      'admin',
      '/v1/articles',
      article({
        title: '理财产品话术',
        body: '面向客户经理的销售话术',
        tags: ['产品', '话术'],
        audienceRoles: ['rm'],
      }),
    );
    const future = await api.post(
      'admin',
      '/v1/articles',
      article({ title: '明年计划', publishFrom: '2027-01-01T00:00:00Z' }),
    );
    const expired = await api.post(
      'admin',
      '/v1/articles',
      article({
        title: '过期通知',
        publishFrom: '2026-01-01T00:00:00Z',
        publishUntil: '2026-02-01T00:00:00Z',
      }),
    );
    const ids = (r: { body: { items: { articleId: string }[] } }) => r.body.items.map((a) => a.articleId);
    const rm = await api.get('rm-bj-cy-wj-01', '/v1/articles');
    expect(ids(rm)).toContain(forRms.body.articleId);
    expect(ids(rm)).not.toContain(future.body.articleId);
    expect(ids(rm)).not.toContain(expired.body.articleId);
    expect(ids(await api.get('bm-bj', '/v1/articles'))).not.toContain(forRms.body.articleId);
    expect((await api.get('bm-bj', `/v1/articles/${forRms.body.articleId}`)).status).toBe(404);
    expect((await api.get('rm-bj-cy-wj-01', `/v1/articles/${future.body.articleId}`)).status).toBe(404);
    expect(ids(await api.get('admin', '/v1/articles'))).toContain(future.body.articleId);

    expect(ids(await api.get('rm-bj-cy-wj-01', `/v1/articles?q=${encodeURIComponent('话术')}`))).toEqual([
      forRms.body.articleId,
    ]);
    expect(ids(await api.get('rm-bj-cy-wj-01', `/v1/articles?tag=${encodeURIComponent('产品')}`))).toEqual([
      forRms.body.articleId,
    ]);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get('admin', `/v1/articles?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(ids(await api.get('admin', '/v1/articles')));
    expect(pages).toHaveLength(4);
  });
});
