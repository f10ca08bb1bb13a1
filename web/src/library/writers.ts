// Who may write the library: the roles createProduct / replaceProduct / createArticle / putArticle
// admit (tests/unit/library-writers.test.ts holds them equal). No imports: the test reads it as is.
export const LIBRARY_WRITERS = ['admin'] as const;
