import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';

// Failure class 6 of issue 15: a breach whose healthcare nature shows only in the body, or whose breached party is a
// health-data company outside the provider and payer words (consumer genetics, health apps, benefits managers,
// billing and coding vendors), and the same in other languages. Every story is made up, with no watchlist vendor,
// so only the text decides.
const detector = createDetector([]);

function story(id: string, title: string, body: string[]): Article {
  return { id, title, text: [title, ...body].join('\n'), published: '2026-03-20', source: 'Example News' };
}

/** Whether the story, which must read as a breach, is a healthcare one; `why` is the message when it is not as expected. */
function healthcareOf(article: Article): { healthcare: boolean; why: string } {
  const detection = detector.detect(article);
  const why = detection.why.join(' | ');
  expect(detection.breach, why).toBe(true);
  return { healthcare: detection.healthcare, why };
}

describe('healthcare that shows only in the body', () => {
  const cases: Article[] = [
    story('body-patients', 'Northgate Services discloses ransomware attack', [
      'Northgate Services said a ransomware attack encrypted servers at its Ohio offices on March 2.',
      'The company said the attackers copied files before the encryption began.',
      'Investigators are still working out what the files held.',
      'The company runs outpatient clinics in three counties.',
      'Letters went out this week to about 18,000 patients whose names and treatment details were in the copied files.',
    ]),
    story('body-hospital', 'Redfern Group says hackers stole files', [
      'Redfern Group said hackers got into its network in February and stole files.',
      'The firm has hired an outside forensics company.',
      'It said the incident had no effect on its finances.',
      'Redfern operates two hospitals and a rehabilitation clinic near Leeds, and staff at the hospitals went back to paper records for a week.',
    ]),
    story('body-health-plan', 'Keystone Mutual reports a data breach', [
      'Keystone Mutual said an unauthorised party accessed a file server between January 4 and January 9.',
      'The company said it shut the server down and called in investigators.',
      'It has offered affected people two years of credit monitoring.',
      'The files held claims records of people enrolled in its member health plan, including diagnosis codes.',
    ]),
    story('care-settings', 'Brightwater Holdings reports ransomware attack', [
      'Brightwater Holdings said a ransomware attack encrypted its servers on February 11.',
      'The company runs 30 nursing homes, a hospice and two urgent care centres in Oregon.',
      'Staff kept working on paper while systems were restored.',
    ]),
    story('body-company-kind', 'Quillfield confirms data breach', [
      'Quillfield said an attacker broke into a cloud storage account and downloaded customer files on January 20.',
      'The breach was found during a routine review, according to a statement.',
      'Quillfield has reset the credentials and hired investigators.',
      'It did not say how many customers were affected.',
      'The company sells DNA test kits and ancestry reports to consumers by mail.',
    ]),
    story('body-affected-data', 'Ashcombe Holdings confirms cyberattack', [
      'Ashcombe Holdings said a cyberattack took down its email and file servers on March 3.',
      'The company said it restored most systems within a week.',
      'It has reported the incident to the state attorney general.',
      'Ashcombe said it would not pay a ransom.',
      'The stolen files held the names, diagnoses and lab results of people seen at its clinics.',
    ]),
  ];
  it.each(cases.map((c) => [c.id, c] as const))('%s: healthcare from the body', (_id, article) => {
    const { healthcare, why } = healthcareOf(article);
    expect(healthcare, why).toBe(true);
  });
});

describe('health-data companies outside the provider and payer words', () => {
  const cases: Article[] = [
    story('genetics', 'Hackers took customer data from Helixline', [
      'Helixline, a consumer genetics company that sells saliva test kits, said hackers logged in to customer accounts with reused passwords.',
      'The attackers downloaded ancestry reports and family-tree matches for about 300,000 customers.',
    ]),
    story('health-app', 'Bloomwise confirms data breach', [
      'Bloomwise, the maker of a fertility tracking app, said an attacker accessed a cloud database holding user records.',
      'The exposed records held cycle dates, email addresses and dates of birth.',
    ]),
    story('benefits-manager', 'Cardinal Plan Services hit by cyberattack', [
      'Cardinal Plan Services, a pharmacy benefit manager, said a cyberattack disrupted its systems on Monday.',
      'The company said attackers stole files containing member names and plan numbers.',
    ]),
    story('biobank', 'Ridgeway Services says ransomware hit its tracking servers', [
      'Ridgeway Services, which stores donor specimens for university biobanks, said ransomware encrypted its tracking servers in January.',
      'The company said consent forms and the files describing each sample were copied.',
    ]),
    story('clinical-research', 'Consentrix says intruder reached its cloud storage', [
      "Consentrix said an intruder used a contractor's login to reach its cloud storage in March.",
      'The storage held signed consent forms and ID images of trial participants in dozens of clinical studies.',
    ]),
    story('clinical-research-nl', 'Hackers stelen gegevens bij Proefhuis Amstel', [
      'Hackers hebben bij Proefhuis Amstel gegevens gestolen van duizenden proefpersonen die meededen aan klinisch onderzoek.',
    ]),
    story('study-data', 'Sextanta 8-K: Item 1.05 material cybersecurity incident', [
      'Sextanta detected unauthorized activity in its corporate IT environment, and a threat actor deployed ransomware.',
      'Files were taken from a server used to deliver study data exports to sponsors; exports can contain participant-level data such as coded subject IDs and dates of birth.',
    ]),
    story('ems-billing', 'Keyway says hackers copied billing files', [
      'Keyway, an ambulance billing company, said hackers copied billing files from its servers in March.',
      'It prepares the claims that emergency medical services send to insurers.',
    ]),
    story('blood-bank', 'Coastline Alliance confirms ransomware attack', [
      'Coastline Alliance, which runs blood banks and plasma centres in four states, confirmed a ransomware attack on its servers.',
    ]),
    story('public-health', 'Northvale Software says intruder reached state registry', [
      'Northvale Software said an intruder reached the state immunization registry it runs for the health department and copied vaccination records.',
    ]),
    story('billing-vendor', 'Meridian Claims Partners says data stolen in breach', [
      'Meridian Claims Partners, a medical billing and coding vendor, said hackers stole data from its servers.',
      'The company handles invoices for several hundred small practices.',
    ]),
    story('eap-provider', 'Lanternway says cyberattack took scheduling offline', [
      'Lanternway, which runs the employee assistance program for about 900 employers, said a cyberattack forced it to take scheduling offline.',
      'A gang claims to hold counseling intake forms and case notes.',
    ]),
    story('drug-testing-firm', 'Screening company Brevard Verify notifies 1.2 million people', [
      'Brevard Verify, a drug-testing firm that screens job applicants for employers, said an unauthorized party had access to part of its network for nine weeks.',
    ]),
    story('de-occupational-health', 'Ransomware-Angriff auf Betriebsarztzentrum Unterweser', [
      'Das Betriebsarztzentrum Unterweser ist Ziel eines Ransomware-Angriffs geworden; der arbeitsmedizinische Dienst betreut rund 400 Unternehmen.',
    ]),
    story('breach-portal-listing', 'Breach portal: Maple Hollow phishing incident affected 12,004', [
      'The email compromise at Maple Hollow reached more people than first thought, according to a listing on the federal breach portal last week.',
      "An intake coordinator's account was accessed for six days after she entered her password on a phishing page.",
    ]),
    story('distributor-no-patient-data', 'Drug wholesaler Harlow Drug Distribution finishes ransomware review', [
      'Harlow Drug Distribution said hackers copied finance files in June; letters went to 6,000 employees, and no patient records were involved.',
    ]),
  ];
  it.each(cases.map((c) => [c.id, c] as const))('%s: a health-data company is healthcare', (_id, article) => {
    const { healthcare, why } = healthcareOf(article);
    expect(healthcare, why).toBe(true);
  });
});

describe('health words in other languages', () => {
  const cases: Article[] = [
    story('pt', 'Grupo Vitalis confirma ataque hacker', [
      'O Grupo Vitalis confirmou que hackers invadiram seus sistemas na última semana e roubaram dados.',
      'A empresa administra um laboratório e duas clínicas em Curitiba.',
      'Dados de pacientes, como nomes e resultados de exames, foram expostos.',
    ]),
    story('de-ch-plasma', 'Cyberangriff legt Spendezentren von Haldora lahm', [
      'Haldora Plasma, die rund 80 Spendezentren für Blutplasma betreibt, musste nach einem Cyberangriff ihre Zentren schliessen.',
    ]),
    story('it-rsa', 'Attacco ransomware al Gruppo Valdimora', [
      'Da tre giorni le residenze sanitarie assistenziali del Gruppo Valdimora lavorano senza cartella clinica elettronica dopo un attacco ransomware.',
    ]),
    story('de-hearing', 'Cyberangriff auf Hörgeräte-Anbieter', [
      'Der Hörgeräte-Konzern Klingsor hat einen Cyberangriff gemeldet; betroffen sind Daten von Kunden, die über Akustiker Hörgeräte bezogen haben.',
    ]),
    story('es', 'Grupo Sanmarino sufre un ciberataque', [
      'Grupo Sanmarino confirmó un ciberataque que cifró sus servidores el martes.',
      'Los atacantes robaron datos de pacientes de su clínica de Valencia.',
    ]),
    story('fr', 'Le groupe Arvelle victime d’une cyberattaque', [
      'Le groupe Arvelle a confirmé une cyberattaque et le vol de données.',
      'Des données de santé de plusieurs milliers de personnes ont été dérobées.',
    ]),
    story('de', 'Hackerangriff auf Nordwerk Service GmbH', [
      'Die Nordwerk Service GmbH meldet einen Hackerangriff, bei dem Daten gestohlen wurden.',
      'Betroffen sind Versicherte einer Krankenkasse, für die das Unternehmen Abrechnungen erstellt, darunter ihre Diagnosen.',
    ]),
    story('it', "Attacco ransomware all'istituto Serravalle", [
      "L'istituto Serravalle è stato colpito da un attacco informatico di tipo ransomware che ha cifrato i server.",
      'Gli ambulatori sono fermi e gli studi clinici sono stati rinviati; il pronto soccorso prosegue regolarmente.',
    ]),
    story('it-booking', 'Attacco informatico alla piattaforma PrenotaPiù', [
      'PrenotaPiù, la piattaforma che fornisce a poliambulatori e cliniche private il modulo per prenotare visite ed esami online, ha subito un attacco informatico.',
      'Tra i dati sottratti figura il tipo di visita prenotata, per esempio ginecologia o psichiatria.',
    ]),
    story('de-radiology', 'Cyberangriff auf Bildnetz Südwest', [
      'Das Bildnetz Südwest meldet einen Cyberangriff, bei dem Daten gestohlen wurden.',
      'Betroffen sind die Radiologiepraxen des Verbunds; Röntgen- und Kernspinaufnahmen konnten tagelang nicht befundet werden.',
    ]),
    story('nl-homecare', 'Hackers bij thuiszorgorganisatie Eemzorg', [
      'Hackers hebben bij thuiszorgorganisatie Eemzorg gegevens gestolen; ook de huisartsenpost in de regio was getroffen.',
    ]),
    story('nl', 'Datalek bij Veldhoven Diensten', [
      'Veldhoven Diensten meldt een datalek na een hack van zijn servers.',
      'Hackers hebben gegevens van patiënten van een ziekenhuis in Brabant buitgemaakt.',
    ]),
  ];
  it.each(cases.map((c) => [c.id, c] as const))('%s: healthcare in another language', (_id, article) => {
    const { healthcare, why } = healthcareOf(article);
    expect(healthcare, why).toBe(true);
  });
});

describe('a breached party whose name says health, in any language', () => {
  const cases: Article[] = [
    story('name-genetics', 'Hackers scraped user profiles from Norland Genetics', [
      'Norland Genetics said attackers used passwords leaked elsewhere to log in and scrape profiles.',
      'The company has forced a password reset for every account.',
    ]),
    story('name-clinica', 'Clínica Santa Brígida sofre ataque hacker', [
      'A Clínica Santa Brígida confirmou um ataque hacker que tirou seus sistemas do ar.',
      'A empresa disse que investiga o incidente com especialistas.',
    ]),
    story('name-ziekenhuis', 'Hack bij Ziekenhuis Oostland', [
      'Ziekenhuis Oostland meldt een hack van zijn servers.',
      'Het bedrijf onderzoekt welke gegevens zijn buitgemaakt.',
    ]),
  ];
  it.each(cases.map((c) => [c.id, c] as const))('%s: the name alone says healthcare', (_id, article) => {
    const { healthcare, why } = healthcareOf(article);
    expect(healthcare, why).toBe(true);
  });
});

describe('the same words where the breach is not about health', () => {
  const cases: Article[] = [
    story('be-patient', 'Stonebridge Logistics says hackers stole shipping records', [
      'Stonebridge Logistics said hackers stole shipping records from a file server in March.',
      'The company asked customers to be patient while deliveries are delayed.',
      'Drivers were told to remain patient at the depots until the systems are back.',
    ]),
    story('genetic-algorithm', 'Quantline Software discloses breach of its code repository', [
      'Quantline Software said an intruder copied source code from its repository.',
      'The stolen code included a genetic algorithm the firm uses to plan delivery routes.',
    ]),
    story('passing-hospital', 'Harbourview Hotels confirms guest data stolen', [
      'Harbourview Hotels said hackers stole guest names and card details from its booking system.',
      'The same gang attacked a hospital in Texas last year, researchers said.',
    ]),
    story('body-other-incident', 'Millbrook Freight says hackers stole driver records', [
      'Millbrook Freight said hackers stole driver records from its payroll server in April.',
      'The company said it has notified the drivers and offered credit monitoring.',
      'It said deliveries were not affected.',
      'Millbrook has hired an outside forensics firm.',
      'Researchers said the same gang stole patient records from a hospital chain last year.',
    ]),
    story('name-algorithm', 'Hackers stole source code from Genetic Route Systems', [
      'Genetic Route Systems, which sells route-planning software to trucking firms, said hackers stole source code.',
      'The company said no customer data was in the repository.',
    ]),
    story('fitness-retailer', 'Trailhead Outfitters reports breach of its online store', [
      'Trailhead Outfitters said attackers planted card-skimming code on its online store.',
      'Shoppers who bought tents and running shoes in April may be affected.',
    ]),
    story('carrier-drug-tests', 'Oakhollow Haulage says hackers stole driver files', [
      'Oakhollow Haulage, a trucking carrier, said hackers stole driver files from its safety office in May.',
      "The files held licence numbers and the results of drivers' drug and alcohol tests.",
    ]),
    story('staffing-employee-data', 'Travel-nurse agency Pellworth says hackers stole worker files', [
      'Pellworth Partners, which places travel nurses at hospitals and clinics in six states, said hackers stole files from its credentialing server in March.',
      "The files held nurses' licence numbers and payroll details; only employee data was involved.",
    ]),
    story('es-patience', 'Grupo Almena sufre un ciberataque', [
      'Grupo Almena confirmó un ciberataque que cifró sus servidores.',
      'La empresa pidió paciencia a sus clientes mientras restablece las ventas.',
    ]),
  ];
  it.each(cases.map((c) => [c.id, c] as const))('%s: not healthcare', (_id, article) => {
    const { healthcare, why } = healthcareOf(article);
    expect(healthcare, why).toBe(false);
  });
});

describe('healthcare decided by what was hit, in any language', () => {
  it('reads a German story about a lab group as healthcare', () => {
    const article = story('de-lab', 'Nach Cyberangriff auf Veldmann Diagnostik: Erpresser veröffentlichen Daten', [
      'Vier Wochen nach dem Angriff auf die Tochter des Laborkonzerns Veldmann haben die Erpresser Daten ins Netz gestellt.',
      'Über Tage konnten in den Blutentnahmestellen und Laboren keine Proben angenommen werden.',
    ]);
    expect(healthcareOf(article).healthcare).toBe(true);
  });

  it('never reads an insurer of retirement plans as healthcare for the word "insurers" alone', () => {
    const article = story('life-insurer', 'Hackers stole client files at a retirement plan administrator for insurers', [
      'Harwell Plan Services, which runs annuity and retirement accounts for banks and life insurers, said hackers stole client files in November.',
      'The company said names and account numbers of 57,000 people were taken.',
    ]);
    expect(healthcareOf(article).healthcare).toBe(false);
  });
});

describe("the watchlist's own note on what a vendor holds", () => {
  const breach = story('payroll-vendor', 'Payroll vendor for nursing homes says hackers stole files', [
    'Carrowmere Payroll, which runs scheduling and payroll for nursing homes, hospitals and hospice agencies, said hackers stole files from its servers in January.',
    'The files held the names, addresses and bank details of nurses and aides at client care homes; patients at those homes were not affected.',
  ]);
  const vendor = (category: string) =>
    createDetector([{ name: 'Carrowmere Payroll', aliases: [], products: [], domains: [], criticality: 'medium', category }]);

  it('is not healthcare when the watchlist says the vendor holds employee data only', () => {
    const detection = vendor('staff scheduling and payroll for care facilities (employee data only)').detect(breach);
    expect(detection.breach).toBe(true);
    expect(detection.healthcare, detection.why.join(' | ')).toBe(false);
  });

  it('is read from the story as before when the watchlist says nothing of the kind', () => {
    const detection = vendor('nursing-home clinical records and payroll').detect(breach);
    expect(detection.healthcare, detection.why.join(' | ')).toBe(true);
  });
});
