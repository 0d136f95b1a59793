// The editor's words (nl, en); the resident pages pass their own through `labels`.
import { messages } from '../../i18n.js';

export const t = messages({
  nl: {
    toolbar: 'Opmaak',
    bold: 'Vet',
    italic: 'Schuin',
    h2: 'Kop',
    h3: 'Kleine kop',
    bullets: 'Lijstje',
    numbers: 'Nummering',
    quote: 'Citaat',
    link: 'Link',
    url: 'Adres van de link',
    urlHint: 'Begint met https://, http:// of mailto:',
    apply: 'Link plaatsen',
    remove: 'Link weghalen',
    cancel: 'Annuleren',
    badUrl: 'Dit adres werkt niet. Gebruik een webadres (https://…) of een e-mailadres.',
  },
  en: {
    toolbar: 'Formatting',
    bold: 'Bold',
    italic: 'Italic',
    h2: 'Heading',
    h3: 'Subheading',
    bullets: 'Bullets',
    numbers: 'Numbers',
    quote: 'Quote',
    link: 'Link',
    url: 'Address of the link',
    urlHint: 'Starts with https://, http:// or mailto:',
    apply: 'Add link',
    remove: 'Remove link',
    cancel: 'Cancel',
    badUrl: 'This address does not work. Use a web address (https://…) or an email address.',
  },
});
