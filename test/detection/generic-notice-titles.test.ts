import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';

// Failure class 5 of issue 15: a breach notice posted under a generic title ("NOTICE OF DATA EVENT") names its
// organisation only in the body, in the notice's own formula. Every notice is made up, with no watchlist vendor, so
// only the text decides.
const detector = createDetector([]);

function notice(id: string, title: string, body: string[]): Article {
  return { id, title, text: [title, ...body].join('\n'), published: '2026-04-14', source: 'Example Notices' };
}

describe('a generic notice title lets the body name the breached organisation', () => {
  const breaches: { article: Article; organisation: string }[] = [
    {
      organisation: 'Orrin Valley Credit Union',
      article: notice('data-event', 'NOTICE OF DATA EVENT', [
        'Orrin Valley Credit Union ("Orrin Valley") is providing notice of an event that may affect the privacy of some information.',
        'Orrin Valley takes this matter seriously and has set up a call centre for questions.',
      ]),
    },
    {
      organisation: 'Castellan Home Services',
      article: notice('privacy-incident', 'Notice of Privacy Incident', [
        'Castellan Home Services is notifying individuals about an incident that may have involved some of their personal information.',
        'The information may have included names and dates of birth.',
      ]),
    },
    {
      organisation: 'Tamsin Freight Lines',
      article: notice('security-incident', 'Notice of Data Security Incident', [
        'Tamsin Freight Lines is giving notice of a recent incident which may have affected information held about former drivers.',
        'There is no evidence that any information has been misused, and the company is offering credit monitoring.',
      ]),
    },
    {
      organisation: 'Wrenfield Academy Trust',
      article: notice('incident-notification', 'Data Security Incident Notification', [
        'Wrenfield Academy Trust is posting this notice about a data security incident that may have impacted some parent records.',
        'The trust has written to every family whose records were held in the system.',
      ]),
    },
    {
      organisation: 'Laboratorios Quintana',
      article: notice('aviso', 'Aviso de incidente de seguridad de datos', [
        'Laboratorios Quintana informa a sus clientes de un incidente que pudo afectar a parte de su información personal.',
        'La empresa ha reforzado sus sistemas.',
      ]),
    },
  ];

  for (const { article, organisation } of breaches) {
    it(`"${article.title}": ${organisation} is the breached party`, () => {
      const detection = detector.detect(article);
      const why = detection.why.join(' | ');
      expect(detection.breach, why).toBe(true);
      expect(detection.organisations[0], why).toBe(organisation);
    });
  }

  it('a notice that is not about data ("Notice of Annual Meeting") is not a breach', () => {
    const detection = detector.detect(
      notice('annual-meeting', 'Notice of Annual Meeting', [
        'Orrin Valley Credit Union will hold its annual meeting of members on May 3 at its head office.',
        'Members may vote by post until April 30.',
      ]),
    );
    expect(detection.breach, detection.why.join(' | ')).toBe(false);
  });

  it('a "Notice of Data Event" whose body says no information was affected is not a breach', () => {
    const detection = detector.detect(
      notice('no-effect', 'Notice of Data Event', [
        'Pemberton Mills discovered suspicious activity on its network on March 2 and shut the affected server down.',
        'Pemberton Mills is providing this notice to confirm that no personal information was affected.',
      ]),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(false);
    expect(why).toContain('a generic notice that says no information was affected');
  });

  it('the generic title is never taken as the organisation', () => {
    const detection = detector.detect(
      notice('title-not-org', 'Aviso de Incidente de Seguridad', [
        'Clínica Sotomayor informa a los pacientes de un incidente que pudo afectar a parte de su información personal.',
      ]),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.organisations, why).toEqual(['Clínica Sotomayor']);
  });
});

describe('class 5 in the first person: a notice telling its own incident is its author’s, whatever its title', () => {
  // Each posted on the organisation's own site, under its letterhead, with a title that names neither an
  // organisation nor a breach; a customer's first-person notice naming its vendor stays the vendor's.
  const letters: { article: Article; organisation: string }[] = [
    {
      organisation: 'Halvorsen Kemp LLP',
      article: {
        id: 'letter-firm',
        title: 'A message to our clients',
        source: 'Halvorsen Kemp LLP',
        published: '2025-10-01',
        text: [
          'Halvorsen Kemp LLP',
          'About | People | News',
          'We are writing to let you know about a security incident at our firm.',
          'On September 3, 2025, we found that an unauthorized person had accessed one partner’s email account for two days.',
          'The mailbox held draft contracts and client correspondence.',
          'Sincerely,',
          'The Partners of Halvorsen Kemp LLP',
        ].join('\n'),
      },
    },
    {
      organisation: 'Dovecote Schools Ltd',
      article: {
        id: 'letter-school',
        title: 'Update for our families',
        source: 'Dovecote Schools Ltd',
        published: '2025-03-12',
        text: [
          'Dovecote Schools Ltd',
          'Locations | Enrol | Contact',
          'Last week our IT team detected that someone had copied files from our enrolment server.',
          'The files held names, birth dates and home addresses of children and parents.',
          'We have reported the matter to the police.',
          'The directors of Dovecote Schools Ltd',
        ].join('\n'),
      },
    },
    {
      organisation: 'Castlegate Physio',
      article: {
        id: 'letter-clinic-news-page',
        title: 'An update from the clinic',
        source: 'castlegatephysio.example',
        published: '2024-11-02',
        text: [
          'Castlegate Physio',
          'Home | Services | Book online',
          'In October we discovered that an outsider had gained access to our booking system and viewed appointment notes.',
          'We closed the access the same day and are writing to every affected patient.',
          'With apologies, the team at Castlegate Physio',
        ].join('\n'),
      },
    },
  ];

  for (const { article, organisation } of letters) {
    it(`"${article.title}": ${organisation} is the breached party`, () => {
      const detection = detector.detect(article);
      const why = detection.why.join(' | ');
      expect(detection.breach, why).toBe(true);
      expect(detection.organisations[0], why).toBe(organisation);
    });
  }

  it('a notice in the first person on an organisation’s own site is the site’s, named only in its masthead', () => {
    const detection = detector.detect({
      id: 'letter-masthead-only',
      title: 'Update for our community',
      source: 'Pellworth Memorial Hospital',
      published: '2025-06-27',
      text: [
        'Pellworth Memorial Hospital',
        'Emergency? Call 911 | Find a Provider | Pay a Bill',
        'To our patients and neighbors,',
        'We want to share what we have learned about a security incident involving our email system.',
        'The investigation found that an unauthorized person was able to get into several staff mailboxes between May 5 and May 9, 2025.',
      ].join('\n'),
    });
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.organisations[0], why).toBe('Pellworth Memorial Hospital');
  });

  it('a quoted "we discovered" in a news story does not make the first organisation named the author', () => {
    const detection = detector.detect({
      id: 'news-quote',
      title: 'Inside a busy week for regional lenders',
      source: 'Harbour Business Daily',
      published: '2025-05-02',
      text: [
        'Harbour Business Daily | Markets | Banking',
        'Ferrow Savings Bank reported higher deposits this quarter, and analysts expect more branches to open.',
        '"We discovered the problem quickly," a spokesperson for a nearby credit union said of a printing error on statements.',
      ].join('\n'),
    });
    expect(detection.breach, detection.why.join(' | ')).toBe(false);
  });
});
