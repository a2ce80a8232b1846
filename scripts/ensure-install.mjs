// Installs the dependencies on a fresh clone (npm start / npm test are the only set-up steps).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const needed = ['node_modules/.package-lock.json', 'node_modules/tsx', 'node_modules/highs', 'node_modules/vitest'];
if (!needed.every((p) => existsSync(p))) {
  console.error('Installing dependencies (npm install)…');
  execSync(existsSync('package-lock.json') ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund', { stdio: 'inherit' });
}
