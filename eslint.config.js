// Lint: typescript-eslint's recommended type-aware rules, strict about `any` in the domain.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.data/',
      '.local/',
      'coverage/',
      'web/dist/',
      'web/screenshots/',
      'test-results/',
      'playwright-report/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { z }` drags every zod locale into each Lambda bundle (454 KB against 85 KB)
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'`: it tree-shakes.",
        },
      ],
    },
  },
  {
    // tests read untyped JSON responses; the domain never uses any
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
