// ESLint 9 flat config: typescript-eslint's recommended rules and React's hooks rules. Run by
// `npm test` (after tsc) and `npm run lint`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.next-*/', 'data/', 'bench/out/', 'next-env.d.ts', 'tests/fixtures/', '**/.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // ProseMirror plugin states start from `this` and replace it step by step (`let state = this`).
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['state'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // pdf.js replaces the global JSON functions when loaded (tests/support/pdf-text.ts says why and undoes it).
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['tests/support/pdf-text.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['pdfjs-dist', 'pdfjs-dist/*'], message: 'Read PDFs through tests/support/pdf-text.ts.' }] }] },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
