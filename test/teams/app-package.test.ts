import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { drawColorIcon, drawOutlineIcon } from '../../adapters/teams/app-icons.js';
import { APP_PACKAGE_DIR, buildTeamsAppPackage } from '../../adapters/teams/app-package.js';
import { decodePng, encodePng, pngSize } from '../../adapters/teams/png.js';

const root = join(import.meta.dirname, '..', '..');
const APP_ID = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';

// Written from Teams' manifest reference, independently of the adapter's own schema.
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const RequiredManifest = z.object({
  $schema: z.string().url().includes('json-schemas/teams/v1.'),
  manifestVersion: z.string().refine((v) => Number(v.split('.')[1]) >= 17, 'a current manifest version (1.17 or newer)'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: guid,
  developer: z.object({
    name: z.string().min(1),
    websiteUrl: z.string().startsWith('https://'),
    privacyUrl: z.string().startsWith('https://'),
    termsOfUseUrl: z.string().startsWith('https://'),
  }),
  name: z.object({ short: z.string().min(1).max(30) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  bots: z.array(
    z.object({
      botId: guid,
      scopes: z.array(z.string()),
      commandLists: z.array(
        z.object({ scopes: z.array(z.string()), commands: z.array(z.object({ title: z.string(), description: z.string().min(1) })) }),
      ),
    }),
  ),
  validDomains: z.array(z.string()),
});

function entries(zip: Buffer): Map<string, Buffer> {
  return new Map(new AdmZip(zip).getEntries().map((e) => [e.entryName, e.getData()]));
}

describe('Teams app package', () => {
  it('npm run teams:package writes a zip whose manifest validates and carries the MicrosoftAppId', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vw-teams-')), 'vendorwatch-teams.zip');
    const { stdout } = await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'teams-package.ts')], {
      cwd: root,
      env: { ...process.env, MicrosoftAppId: APP_ID, TEAMS_PACKAGE_OUT: out },
    });
    expect(stdout).toContain(`app id ${APP_ID}`);

    const files = entries(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = RequiredManifest.parse(JSON.parse(files.get('manifest.json')!.toString('utf8')));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['personal', 'team']);
    expect(manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual(['incidents', 'recent', 'help']);
    expect(manifest.version).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const files = entries(buildTeamsAppPackage({ appId: APP_ID }).zip);
    expect(pngSize(files.get('color.png')!)).toEqual({ width: 192, height: 192 });
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = [outline.pixels[i]!, outline.pixels[i + 1]!, outline.pixels[i + 2]!, outline.pixels[i + 3]!];
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(transparent).toBeGreaterThan(300);
    expect(white).toBeGreaterThan(100);
  });

  it('the committed icons are the ones the code draws (npm run teams:package -- --redraw-icons)', () => {
    expect(readFileSync(join(APP_PACKAGE_DIR, 'color.png')).equals(encodePng(drawColorIcon()))).toBe(true);
    expect(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')).equals(encodePng(drawOutlineIcon()))).toBe(true);
  });

  it('without MicrosoftAppId it still builds, with a placeholder id and a warning', () => {
    const pkg = buildTeamsAppPackage({ appId: null });
    expect(pkg.manifest.id).toBe('00000000-0000-0000-0000-000000000000');
    expect(pkg.warnings.join('\n')).toContain('MicrosoftAppId is not set');
  });

  it('refuses an app id that is not a GUID, naming the variable', () => {
    expect(() => buildTeamsAppPackage({ appId: 'my-bot' })).toThrow(/MicrosoftAppId: "my-bot" is not a GUID/);
  });
});
