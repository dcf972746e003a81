// Builds the Teams app package (the zip an admin uploads): manifest.json with the bot's MicrosoftAppId,
// and the two icons, each checked against what Teams requires before anything is written.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { pngSize } from './png.js';

export const APP_PACKAGE_DIR = join(import.meta.dirname, 'appPackage');
const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const httpsUrl = z
  .string()
  .url()
  .max(2048)
  .refine((u) => u.startsWith('https://'), 'must be an https URL');
const COMMAND_SCOPES = z.enum(['team', 'personal', 'groupChat']);

/** The fields of the Teams app manifest (schema v1.17 and later) that Teams needs from a bot-only app. */
const TeamsManifestSchema = z
  .object({
    $schema: z
      .string()
      .regex(/^https:\/\/developer\.microsoft\.com\/(en-us\/)?json-schemas\/teams\/v1\.(1[7-9]|2\d)\/MicrosoftTeams\.schema\.json$/),
    manifestVersion: z.string().regex(/^1\.(1[7-9]|2\d)$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be MAJOR.MINOR.PATCH'),
    id: z.string().regex(GUID, 'must be a GUID (the MicrosoftAppId)'),
    developer: z
      .object({ name: z.string().min(1).max(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl })
      .passthrough(),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
    icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    bots: z
      .array(
        z
          .object({
            botId: z.string().regex(GUID),
            scopes: z.array(COMMAND_SCOPES).min(1),
            commandLists: z
              .array(
                z.object({
                  scopes: z.array(COMMAND_SCOPES).min(1),
                  commands: z.array(z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) })).max(10),
                }),
              )
              .max(3)
              .optional(),
          })
          .passthrough(),
      )
      .length(1),
    validDomains: z.array(z.string().max(2048)).optional(),
  })
  .passthrough();

export type TeamsManifest = z.infer<typeof TeamsManifestSchema>;

export interface AppPackage {
  zip: Buffer;
  manifest: TeamsManifest;
  /** Problems that do not stop the build but must be fixed before uploading. */
  warnings: string[];
}

export interface BuildAppPackageOptions {
  /** The bot's MicrosoftAppId; null leaves the placeholder (with a warning). */
  appId: string | null;
  /** Manifest version; Teams only accepts an update with a higher one. */
  version?: string;
  packageDir?: string;
}

export function buildTeamsAppPackage(options: BuildAppPackageOptions): AppPackage {
  const dir = options.packageDir ?? APP_PACKAGE_DIR;
  const warnings: string[] = [];
  const appId = options.appId?.trim() || null;
  if (appId !== null && !GUID.test(appId)) {
    throw new Error(
      `MicrosoftAppId: "${appId.slice(0, 60)}" is not a GUID; copy the Application (client) ID of the bot's app registration`,
    );
  }
  if (appId === null)
    warnings.push(
      `MicrosoftAppId is not set: the package uses the placeholder id ${PLACEHOLDER_APP_ID}, which Teams will not accept. Set MicrosoftAppId and run npm run teams:package again.`,
    );

  const template = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const bots = (Array.isArray(template.bots) ? template.bots : []) as Record<string, unknown>[];
  const id = appId ?? PLACEHOLDER_APP_ID;
  const candidate = {
    ...template,
    id,
    ...(options.version ? { version: options.version } : {}),
    bots: bots.map((bot) => ({ ...bot, botId: id })),
  };
  const parsed = TeamsManifestSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(
      `appPackage/manifest.json is not a valid Teams manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const manifest = parsed.data;
  if (manifest.developer.websiteUrl.includes('example.org'))
    warnings.push(
      "developer URLs in appPackage/manifest.json are placeholders: set your organisation's before publishing to the org catalog.",
    );

  const color = readFileSync(join(dir, manifest.icons.color));
  const outline = readFileSync(join(dir, manifest.icons.outline));
  checkIcon('color', color, 192);
  checkIcon('outline', outline, 32);

  const zip = new AdmZip();
  // Teams wants the three files at the root of the zip, not in a folder.
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile(manifest.icons.color, color);
  zip.addFile(manifest.icons.outline, outline);
  return { zip: zip.toBuffer(), manifest, warnings };
}

function checkIcon(which: string, png: Buffer, size: number): void {
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`appPackage ${which} icon must be ${size}×${size} pixels, not ${width}×${height}`);
}
