// The feeds polled when VENDORWATCH_FEEDS and the config file name none: security and healthcare trade press,
// breach trackers and regulators, where a vendor breach that matters to a hospital is reported first. Each names
// its type (src/sources/): how its body is read.

import type { TypedFeedSource } from './feed-type.js';

/** SEC EDGAR's latest 8-K filings (Item 1.05 is where listed companies disclose material cyber incidents). */
export const SEC_EDGAR_8K_FEED_URL =
  'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&count=100&output=atom';

export const FEED_CATALOGUE: readonly TypedFeedSource[] = Object.freeze([
  // Security news
  { name: 'BleepingComputer', url: 'https://www.bleepingcomputer.com/feed/', tags: ['security-news'], type: 'rss' },
  { name: 'The Hacker News', url: 'https://feeds.feedburner.com/TheHackersNews', tags: ['security-news'], type: 'rss' },
  { name: 'SecurityWeek', url: 'https://www.securityweek.com/feed/', tags: ['security-news'], type: 'rss' },
  { name: 'Dark Reading', url: 'https://www.darkreading.com/rss.xml', tags: ['security-news'], type: 'rss' },
  { name: 'Krebs on Security', url: 'https://krebsonsecurity.com/feed/', tags: ['security-news'], type: 'rss' },
  { name: 'The Record', url: 'https://therecord.media/feed', tags: ['security-news'], type: 'rss' },
  { name: 'CyberScoop', url: 'https://cyberscoop.com/feed/', tags: ['security-news'], type: 'rss' },
  { name: 'Cybersecurity Dive', url: 'https://www.cybersecuritydive.com/feeds/news/', tags: ['security-news'], type: 'rss' },
  { name: 'Help Net Security', url: 'https://www.helpnetsecurity.com/feed/', tags: ['security-news'], type: 'rss' },
  { name: 'The Register Security', url: 'https://www.theregister.com/security/headlines.atom', tags: ['security-news'], type: 'rss' },
  // Breach trackers
  { name: 'DataBreaches.net', url: 'https://databreaches.net/feed/', tags: ['breach-tracker'], type: 'rss' },
  {
    name: 'DataBreachToday',
    url: 'https://www.databreachtoday.com/rssFeeds.php?type=main',
    tags: ['breach-tracker', 'security-news'],
    type: 'rss',
  },
  // Healthcare
  { name: 'HIPAA Journal', url: 'https://www.hipaajournal.com/feed/', tags: ['healthcare', 'breach-tracker'], type: 'rss' },
  {
    name: 'HealthcareInfoSecurity',
    url: 'https://www.healthcareinfosecurity.com/rssFeeds.php?type=main',
    tags: ['healthcare', 'security-news'],
    type: 'rss',
  },
  { name: 'Healthcare IT News', url: 'https://www.healthcareitnews.com/home/feed', tags: ['healthcare'], type: 'rss' },
  { name: 'Healthcare Dive', url: 'https://www.healthcaredive.com/feeds/news/', tags: ['healthcare'], type: 'rss' },
  { name: 'Fierce Healthcare', url: 'https://www.fiercehealthcare.com/rss/xml', tags: ['healthcare'], type: 'rss' },
  // Regulators
  { name: 'CISA News', url: 'https://www.cisa.gov/news.xml', tags: ['regulator'], type: 'rss' },
  { name: 'CISA Cybersecurity Advisories', url: 'https://www.cisa.gov/cybersecurity-advisories/all.xml', tags: ['regulator'], type: 'rss' },
  { name: 'SEC EDGAR 8-K filings', url: SEC_EDGAR_8K_FEED_URL, tags: ['regulator'], type: 'sec-8k' },
] satisfies TypedFeedSource[]);
