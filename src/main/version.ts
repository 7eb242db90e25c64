// The app's name and version, read once from package.json (works from source and from the bundled app).
import { readFileSync } from 'node:fs';
import { findProjectRoot } from './paths.ts';

let cached: { name: string; version: string } | undefined;

export function appVersion(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(`${findProjectRoot()}/package.json`, 'utf8')) as { version: string };
    cached = { name: 'DAQ Studio', version: pkg.version };
  }
  return cached;
}
