// ESLint flat config: type-aware typescript-eslint rules plus the "one door per library" rule.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const baileysPackages = ['@whiskeysockets/baileys', '@whiskeysockets/baileys/*', 'libsignal', 'libsignal/*'];
const ormDrivers = [
  '@mikro-orm/sqlite',
  '@mikro-orm/postgresql',
  '@mikro-orm/sql',
  '@mikro-orm/migrations',
  'better-sqlite3',
  'pg',
];
const hostHttp = ['undici', 'node:http', 'node:https', 'http', 'https', 'axios', 'got'];

/** Builds a no-restricted-imports rule from groups of { names, message }. */
function restrict(...groups) {
  return ['error', { patterns: groups.map(({ names, message }) => ({ group: names, message })) }];
}

const baileysDoor = { names: baileysPackages, message: 'Only src/whatsapp/ may import Baileys.' };
const ormDoor = { names: ormDrivers, message: 'Only src/db/ may import a MikroORM driver.' };
const hostDoor = { names: hostHttp, message: 'Only src/host/ makes HTTP calls to the host.' };

export default tseslint.config(
  {
    ignores: ['node_modules/', 'data/', 'coverage/', 'eslint.config.js', 'test/browser/screenshots/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/whatsapp/**', 'src/db/**', 'src/host/**'],
    rules: {
      'no-restricted-imports': restrict(baileysDoor, ormDoor, hostDoor),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only src/host/ calls the host.' }],
    },
  },
  {
    files: ['src/whatsapp/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(ormDoor, hostDoor) },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(baileysDoor, hostDoor),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only src/host/ calls the host.' }],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(baileysDoor, ormDoor) },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // chai's property assertions (expect(x).to.be.true) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
