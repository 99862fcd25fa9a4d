// ESLint flat config: type-aware typescript-eslint rules plus the "one door per library" rule.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ormDrivers = [
  '@mikro-orm/sqlite',
  '@mikro-orm/postgresql',
  '@mikro-orm/sql',
  '@mikro-orm/migrations',
  'better-sqlite3',
  'pg',
];
// HTTP clients: creating a server (node:http createServer) is fine anywhere; making requests is not.
const hostClients = ['undici', 'axios', 'got', 'node-fetch'];
const requestFunctions = ['request', 'get', 'Agent'];

/**
 * Builds a no-restricted-imports rule from doors of { packages, subpaths?, clientModules? }.
 * Exact module names go in `paths` (a `patterns` group would also match our own ./http folder).
 */
function restrict(...doors) {
  const paths = [];
  const patterns = [];
  for (const door of doors) {
    for (const name of door.packages) paths.push({ name, message: door.message });
    for (const name of door.clientModules ?? []) {
      paths.push({ name, importNames: requestFunctions, message: door.message });
    }
    if (door.subpaths) patterns.push({ group: door.subpaths, message: door.message });
  }
  return ['error', { paths, patterns }];
}

const baileysDoor = {
  packages: ['@whiskeysockets/baileys', 'libsignal'],
  subpaths: ['@whiskeysockets/baileys/*', 'libsignal/*'],
  message: 'Only src/whatsapp/ may import Baileys.',
};
const ormDoor = { packages: ormDrivers, message: 'Only src/db/ may import a MikroORM driver.' };
const hostDoor = {
  packages: hostClients,
  clientModules: ['node:http', 'node:https', 'http', 'https'],
  message: 'Only src/host/ makes HTTP calls to the host.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'coverage/',
      'eslint.config.js',
      'test/browser/screenshots/',
    ],
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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/whatsapp/**', 'src/db/**', 'src/host/**'],
    rules: {
      'no-restricted-imports': restrict(baileysDoor, ormDoor, hostDoor),
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Only src/host/ calls the host.' },
      ],
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
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Only src/host/ calls the host.' },
      ],
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
      // Response bodies in tests (supertest, fetch) are untyped JSON that the assertions check.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
