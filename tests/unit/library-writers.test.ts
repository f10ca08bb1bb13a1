// The library screens show 新增 / 编辑 to the roles the write routes admit, and to no one else.
import { describe, expect, it } from 'vitest';
import { createProduct, replaceProduct } from '#shared/products/api.js';
import { createArticle, putArticle } from '#shared/articles/api.js';
import { LIBRARY_WRITERS } from '../../web/src/library/writers.js';

describe('library writers', () => {
  it('are exactly the roles every library write route admits', () => {
    for (const route of [createProduct, replaceProduct, createArticle, putArticle])
      expect([...route.roles!].sort(), route.path).toEqual([...LIBRARY_WRITERS].sort());
  });
});
