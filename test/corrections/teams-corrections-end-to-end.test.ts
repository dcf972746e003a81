// Corrections from Teams through the real pipeline: loopback feeds, detection and the incident tracker, the outbox
// worker, the real Teams adapter (botbuilder) behind the bot's HTTP server, real Bot Framework activities (an
// Adaptive Card Action.Execute invoke for "Not this vendor", a channel message for `merge ID ID`) and the fake
// Bot Framework connector on loopback; the `vendorwatch` CLI over the same store.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { cardTexts } from '../teams/support/card-links.js';
import type { ConnectorCall } from '../teams/support/fake-connector.js';
import { cardOf, incidentIdOnCard, startTeamsAppHarness, TEAMS_CHANNEL, type TeamsAppHarness } from '../teams/support/teams-app-harness.js';
import { type Story, storyFeed } from './support/story-feed.js';

const DAY = 86_400_000;

const textOf = (call: ConnectorCall): string => cardTexts(cardOf(call)).join('\n');
/** The conversation id of a reply in the thread of the channel message `messageId`. */
const threadOf = (messageId: string): string => `${TEAMS_CHANNEL};messageid=${messageId}`;

let harness: TeamsAppHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Clicks a card button: the invoke Teams sends for an Action.Execute on the message `cardId`. */
async function clickOnCard(h: TeamsAppHarness, cardId: string, verb: string, incidentId: number) {
  const invoke = h.activity('invoke-card-action', { CARD_ID: cardId, VERB: verb });
  (invoke.value as { action: { data: { incidentId: number } } }).action.data.incidentId = incidentId;
  const response = await h.post(invoke);
  expect(response.status).toBe(200);
  return (await response.json()) as { statusCode: number; type: string; value: unknown };
}

// "Not this vendor": the games company Epic, which detection reads as the EHR maker Epic Systems (alias "Epic").
// Three separate incidents, months apart.
const games = (items: Story[]): string => storyFeed('Gaming Security Wire', items);
const spring: Story = {
  guid: 'epic-spring-ransomware',
  date: '2026-05-12T08:00:00Z',
  title: 'Epic, the Fortnite studio, says ransomware attack stole player data',
  text: 'Epic said a ransomware attack in May 2026 reached its account servers and that attackers took data of millions of gamers. Epic said it has notified players.',
};
const winter: Story = {
  guid: 'epic-winter-leak',
  date: '2026-12-03T08:00:00Z',
  title: 'Epic hit again as hackers leak unreleased game code',
  text: 'Epic said intruders got into its build systems in December 2026 and published unreleased game code. Epic is investigating.',
};
const nextSummer: Story = {
  guid: 'epic-summer-emails',
  date: '2027-06-15T08:00:00Z',
  title: 'Epic confirms another breach as hackers take gamer email addresses',
  text: 'Epic said attackers reached a customer support database in June 2027 and took email addresses of gamers. Epic said it reset passwords.',
};

// Merging: one CareCloud incident that grouping split in two (the second report dates the intrusion in October).
const clinics = (items: Story[]): string => storyFeed('Clinic Technology Wire', items);
const april: Story = {
  guid: 'carecloud-april-ransomware',
  date: '2026-04-08T08:00:00Z',
  title: 'CareCloud discloses ransomware attack on its practice management platform',
  text: 'CareCloud said a ransomware attack in April 2026 disrupted its practice management platform and exposed records of patients at medical groups it serves.',
};
const october: Story = {
  guid: 'carecloud-october-theft',
  date: '2026-10-14T08:00:00Z',
  title: 'CareCloud says hackers stole patient files in October 2026 breach',
  text: 'CareCloud said hackers who got into its practice management platform in October 2026 stole patient files of clinics it serves.',
};
const lawsuit: Story = {
  guid: 'carecloud-october-lawsuit',
  date: '2026-10-19T08:00:00Z',
  title: 'CareCloud October 2026 breach draws class action over stolen patient files',
  text: 'Patients filed a class action against CareCloud over the October 2026 breach of its practice management platform, in which hackers stole patient files.',
};

describe('corrections from Teams, end to end', () => {
  it('"Not this vendor" on the card dismisses the alert; the organisation alerts the vendor no more until the CLI removes the exclusion', async () => {
    harness = await startTeamsAppHarness({
      feeds: { '/games.xml': { kind: 'feed', body: games([spring]), etag: '"v1"' } },
      start: new Date('2026-05-12T12:00:00Z'),
    });
    const h = harness;
    expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
    await h.app.runCycle({ backfill: true });
    expect(h.sends()).toHaveLength(1);
    const [alert] = h.sends();
    expect(alert!.conversationId).toBe(TEAMS_CHANNEL);
    expect(textOf(alert!)).toContain('**Epic Systems**');
    expect(JSON.stringify(cardOf(alert!))).toContain('"verb":"notVendor"');
    const alertId = alert!.createdId!;

    // Priya presses "Not this vendor" on the card in the channel.
    const answer = await clickOnCard(h, alertId, 'notVendor', incidentIdOnCard(alert!));
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const dismissedLine = 'Dismissed by **Priya Raman** (teams) at 2026-05-12 12:00 UTC: not Epic Systems';
    expect(cardTexts(answer.value).join('\n')).toContain(dismissedLine);
    // Everyone's copy of the card is edited in place: no buttons left to acknowledge or dismiss.
    await h.app.worker.deliverDue();
    const edits = h.updates().filter((u) => u.activityId === alertId);
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.every((u) => u.conversationId === TEAMS_CHANNEL)).toBe(true);
    expect(textOf(edits.at(-1)!)).toContain(dismissedLine);
    expect(JSON.stringify(cardOf(edits.at(-1)!))).not.toContain('"verb":"notVendor"');

    // A new report about the same organisation, months later, that detection again reads as Epic Systems: no alert.
    h.feeds.route('/games.xml', { kind: 'feed', body: games([spring, winter]), etag: '"v2"' });
    h.clock.advance(205 * DAY);
    await h.app.runCycle({ backfill: false });
    const incidents = await h.app.store.incidents.all();
    expect(incidents).toHaveLength(2);
    expect(incidents.find((i) => i.title.includes('unreleased game code'))).toMatchObject({ vendor: null, alertState: 'none' });
    expect(h.sends()).toHaveLength(1);
    expect(h.replies()).toEqual([]);

    // The CLI lists the exclusion with who learned it from Teams, and removes it.
    const listed = await runCli(['watchlist', 'exclusions'], h.cliEnv);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('1  Epic Systems  not for "Epic"  by Priya Raman (teams) at 2026-05-12 12:00 UTC');
    const removed = await runCli(['watchlist', 'exclusions', '--remove', '1'], h.cliEnv);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed exclusion 1');
    expect((await runCli(['watchlist', 'exclusions'], h.cliEnv)).stdout).toContain('No exclusions learned yet');

    // With the exclusion gone, the next such report alerts the vendor in Teams again.
    h.feeds.route('/games.xml', { kind: 'feed', body: games([spring, winter, nextSummer]), etag: '"v3"' });
    h.clock.advance(194 * DAY);
    await h.app.runCycle({ backfill: false });
    expect(h.sends()).toHaveLength(2);
    expect(h.sends()[1]!.conversationId).toBe(TEAMS_CHANNEL);
    expect(textOf(h.sends()[1]!)).toContain('**Epic Systems**');
    expect(textOf(h.sends()[1]!)).toContain('gamer email addresses');
  });

  it('`merge ID ID` leaves one incident with all sources, a pointer reply under the merged alert, that alert edited to say so, and later reports in the first thread', async () => {
    harness = await startTeamsAppHarness({
      feeds: { '/clinics.xml': { kind: 'feed', body: clinics([april, october]), etag: '"v1"' } },
      start: new Date('2026-10-15T12:00:00Z'),
    });
    const h = harness;
    expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
    await h.app.runCycle({ backfill: true });
    expect(h.sends()).toHaveLength(2);
    const keptAlert = h.sends().find((s) => textOf(s).includes('ransomware attack on its practice management'))!;
    const mergedAlert = h.sends().find((s) => textOf(s).includes('October 2026 breach'))!;
    const kept = (await h.app.store.incidents.byId(incidentIdOnCard(keptAlert)))!;
    const merged = (await h.app.store.incidents.byId(incidentIdOnCard(mergedAlert)))!;
    expect(kept.id).not.toBe(merged.id);
    expect(await h.app.store.incidents.sourceItemIds(kept.id)).toHaveLength(1);

    // An admin mentions the bot in the channel: merge <first by id> <second by key>.
    const command = await h.post(h.activity('message-channel-mention', { TEXT: `merge ${kept.id} ${merged.key}` }));
    expect(command.status).toBe(200);
    const confirmation = h.replies().find((r) => textOf(r).includes('is merged into'));
    expect(confirmation).toBeDefined();
    expect(textOf(confirmation!)).toContain(`${merged.key} is merged into ${kept.key}, which now holds all 2 sources`);

    // One incident with every source.
    expect(await h.app.store.incidents.sourceItemIds(kept.id)).toHaveLength(2);
    expect(await h.app.store.incidents.sourceItemIds(merged.id)).toEqual([]);

    // The merged alert's thread gets the pointer: a reply to that alert's activity.
    await h.waitFor(() => h.replies().some((r) => r.activityId === mergedAlert.createdId));
    const pointer = h.replies().find((r) => r.activityId === mergedAlert.createdId)!;
    expect(pointer.conversationId).toBe(threadOf(mergedAlert.createdId!));
    // (Card markdown escapes the parentheses.)
    expect(textOf(pointer)).toContain(`Priya Raman merged this incident \\(${merged.key}\\) into ${kept.key}`);
    expect(textOf(pointer)).toContain('Later reports go there.');

    // The merged alert itself is edited: it says where its story went, who merged it and when, with no buttons left
    // to acknowledge or dismiss it; and the first alert now counts both sources.
    await h.app.worker.deliverDue();
    const mergedLine = `Merged into **${kept.key}** by **Priya Raman** (teams) at 2026-10-15 12:00 UTC; later reports go there`;
    const mergedEdits = h.updates().filter((u) => u.activityId === mergedAlert.createdId);
    expect(mergedEdits).toHaveLength(1);
    expect(mergedEdits[0]!.conversationId).toBe(TEAMS_CHANNEL);
    expect(textOf(mergedEdits[0]!)).toContain(mergedLine);
    expect(JSON.stringify(cardOf(mergedEdits[0]!))).not.toMatch(/"verb":"(ack|notVendor)"/);
    const keptEdits = h.updates().filter((u) => u.activityId === keptAlert.createdId);
    expect(textOf(keptEdits.at(-1)!)).toContain('**Sources (2)**');
    // Teams shows what the bot answers when a card refreshes itself: the merged card stays merged.
    const refreshed = await clickOnCard(h, mergedAlert.createdId!, 'refresh', merged.id);
    expect(cardTexts(refreshed.value).join('\n')).toContain(mergedLine);

    // A later report of the merged incident goes to the first: a reply in its thread, no new alert.
    h.feeds.route('/clinics.xml', { kind: 'feed', body: clinics([april, october, lawsuit]), etag: '"v2"' });
    h.clock.advance(5 * DAY);
    await h.app.runCycle({ backfill: false });
    expect(h.sends()).toHaveLength(2);
    expect(await h.app.store.incidents.sourceItemIds(kept.id)).toHaveLength(3);
    const update = h.replies().find((r) => r.activityId === keptAlert.createdId && textOf(r).includes('Update for **CareCloud**'));
    expect(update).toBeDefined();
    expect(update!.conversationId).toBe(threadOf(keptAlert.createdId!));
    expect(textOf(update!)).toContain('Update for **CareCloud**: 1 new source');
    expect(textOf(update!)).toContain('class action');
    // Nothing more in the merged incident's thread: no update there, and no reminder either.
    expect(h.replies().filter((r) => r.activityId === mergedAlert.createdId)).toHaveLength(1);

    expect((await runCli(['incidents'], h.cliEnv)).stdout).toContain(`[merged into ${kept.key} by Priya Raman`);
  });
});
