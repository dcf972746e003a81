// One RSS feed built from a few short stories, for the end-to-end correction tests: each story becomes an item
// whose guid is also its link's last segment.

export interface Story {
  guid: string;
  date: string;
  title: string;
  text: string;
}

export const storyFeed = (channelTitle: string, items: Story[]): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${channelTitle}</title><link>https://news.example/</link><description>news</description>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://news.example/${i.guid}</link><guid>${i.guid}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${i.text}</description></item>`,
    )
    .join('')}</channel></rss>`;
