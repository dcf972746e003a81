import type { Rule } from '../rule.js';

/**
 * German and Dutch capitalise every noun, so a role noun stands capitalised before a name ("Batteriehersteller
 * Varta", "seine Tochter Tympan Hearing Network", "dochterbedrijf Medisoft"): it is no part of the name. Read by the
 * matcher (no foreign compound with the vendor's name) and by the name finder (stripped from a name's front).
 */
export const ROLE_NOUN: Rule = {
  label: 'German or Dutch role noun before a name',
  pattern:
    /^(?:\p{Lu}[\p{Ll}-]*(?:hersteller|konzern|bauer|anbieter|dienstleister|unternehmen|betreiber|händler|kette|versicherer|versicherung|riese|gigant|spezialist|zulieferer|verband|klinikbetreiber)|(?:tochter|dochter)\p{Ll}*|mutterkonzern|moederbedrijf|konzern|firma|bedrijf|unternehmen|anbieter|dienstleister|hersteller|leverancier)$/iu,
  example: 'Batteriehersteller',
  counterExample: 'Batterie',
};
