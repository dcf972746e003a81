// npm run teams:package: writes build/vendorwatch-teams.zip, the Teams app package to upload
// (Teams admin center, Developer Portal, or "Upload a custom app"). Reads MicrosoftAppId from the environment.
// `npm run teams:package -- --redraw-icons` first redraws appPackage/color.png and outline.png from code.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../adapters/teams/app-icons.js';
import { APP_PACKAGE_DIR, buildTeamsAppPackage } from '../adapters/teams/app-package.js';
import { encodePng } from '../adapters/teams/png.js';

const root = join(import.meta.dirname, '..');

export function main(
  args: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
  outFile = env.TEAMS_PACKAGE_OUT ?? join(root, 'build', 'vendorwatch-teams.zip'),
): number {
  const unknown = args.filter((a) => a !== '--redraw-icons');
  if (unknown.length > 0) {
    process.stderr.write(`teams:package: unknown argument ${unknown[0]} (the only option is --redraw-icons)\n`);
    return 1;
  }
  if (args.includes('--redraw-icons')) {
    writeFileSync(join(APP_PACKAGE_DIR, 'color.png'), encodePng(drawColorIcon()));
    writeFileSync(join(APP_PACKAGE_DIR, 'outline.png'), encodePng(drawOutlineIcon()));
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    const pkg = buildTeamsAppPackage({ appId: env.MicrosoftAppId ?? null, version });
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, pkg.zip);
    for (const warning of pkg.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(
      `wrote ${relative(process.cwd(), outFile) || outFile} (app id ${pkg.manifest.id}, version ${pkg.manifest.version})\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`teams:package: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) process.exitCode = main();
