// ESLint flat config: typescript-eslint's recommended rules over the project's TypeScript.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        paths: [
          { name: '@alicloud/ecs20140526', message: 'Only src/ecs/sdk*.ts may import the SDK (lazily).' },
          { name: '@alicloud/openapi-core', message: 'Only src/ecs/sdk*.ts may import the SDK (lazily).' },
        ],
      }],
    },
  },
  {
    files: ['src/ecs/sdk*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Domain rules and the emulator stay free of VS Code so they run in plain Node.
    files: ['src/snapshot/**/*.ts', 'src/sandbox/**/*.ts', 'src/ecs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Domain code, the gateway and the emulator must not depend on VS Code.' }],
      }],
    },
  },
  {
    // The emulator judges requests on its own, as the cloud would.
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The emulator must not depend on VS Code.' }],
        patterns: [{ group: ['**/snapshot/**', '**/ecs/**', '../*'], message: 'The emulator must not import the extension.' }],
      }],
    },
  },
);
