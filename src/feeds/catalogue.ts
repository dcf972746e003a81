// The feeds polled when VENDORWATCH_FEEDS and the config file name none: security and healthcare trade press,
// breach trackers and regulators, where a vendor breach that matters to a hospital is reported first.

import type { FeedSource } from '../core/types.js';

/** SEC EDGAR's latest 8-K filings (Item 1.05 is where listed companies disclose material cyber incidents). */
export const SEC_EDGAR_8K_FEED_URL =
  'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&company=&dateb=&owner=include&count=100&output=atom';

export const FEED_CATALOGUE: readonly FeedSource[] = Object.freeze([
  // Security news
  { name: 'BleepingComputer', url: 'https://www.bleepingcomputer.com/feed/', tags: ['security-news'] },
  { name: 'The Hacker News', url: 'https://feeds.feedburner.com/TheHackersNews', tags: ['security-news'] },
  { name: 'SecurityWeek', url: 'https://www.securityweek.com/feed/', tags: ['security-news'] },
  { name: 'Dark Reading', url: 'https://www.darkreading.com/rss.xml', tags: ['security-news'] },
  { name: 'Krebs on Security', url: 'https://krebsonsecurity.com/feed/', tags: ['security-news'] },
  { name: 'The Record', url: 'https://therecord.media/feed', tags: ['security-news'] },
  { name: 'CyberScoop', url: 'https://cyberscoop.com/feed/', tags: ['security-news'] },
  { name: 'Cybersecurity Dive', url: 'https://www.cybersecuritydive.com/feeds/news/', tags: ['security-news'] },
  { name: 'Help Net Security', url: 'https://www.helpnetsecurity.com/feed/', tags: ['security-news'] },
  { name: 'The Register Security', url: 'https://www.theregister.com/security/headlines.atom', tags: ['security-news'] },
  // Breach trackers
  { name: 'DataBreaches.net', url: 'https://databreaches.net/feed/', tags: ['breach-tracker'] },
  { name: 'DataBreachToday', url: 'https://www.databreachtoday.com/rssFeeds.php?type=main', tags: ['breach-tracker', 'security-news'] },
  // Healthcare
  { name: 'HIPAA Journal', url: 'https://www.hipaajournal.com/feed/', tags: ['healthcare', 'breach-tracker'] },
  {
    name: 'HealthcareInfoSecurity',
    url: 'https://www.healthcareinfosecurity.com/rssFeeds.php?type=main',
    tags: ['healthcare', 'security-news'],
  },
  { name: 'Healthcare IT News', url: 'https://www.healthcareitnews.com/home/feed', tags: ['healthcare'] },
  { name: 'Healthcare Dive', url: 'https://www.healthcaredive.com/feeds/news/', tags: ['healthcare'] },
  { name: 'Fierce Healthcare', url: 'https://www.fiercehealthcare.com/rss/xml', tags: ['healthcare'] },
  // Regulators
  { name: 'CISA News', url: 'https://www.cisa.gov/news.xml', tags: ['regulator'] },
  { name: 'CISA Cybersecurity Advisories', url: 'https://www.cisa.gov/cybersecurity-advisories/all.xml', tags: ['regulator'] },
  { name: 'SEC EDGAR 8-K filings', url: SEC_EDGAR_8K_FEED_URL, tags: ['regulator'] },
] satisfies FeedSource[]);
