// npm run teams:package: writes build/vendorwatch-teams.zip, the Teams app package to upload
// (Teams admin center, Developer Portal, or "Upload a custom app"). Reads MicrosoftAppId from the environment.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildTeamsAppPackage } from '../adapters/teams/app-package.js';

const root = join(import.meta.dirname, '..');

export function main(env: NodeJS.ProcessEnv = process.env, outFile = env.TEAMS_PACKAGE_OUT ?? join(root, 'build', 'vendorwatch-teams.zip')): number {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    const pkg = buildTeamsAppPackage({ appId: env.MicrosoftAppId ?? null, version });
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, pkg.zip);
    for (const warning of pkg.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`wrote ${relative(process.cwd(), outFile) || outFile} (app id ${pkg.manifest.id}, version ${pkg.manifest.version})\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`teams:package: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) process.exitCode = main();
