// The consent choices in plain words (Dutch B1, English), shared by the story form and the receipt page.
import { messages } from '../i18n.js';

export { consentLevels, type ConsentLevel } from '../../db/domain/enums.js';

export const consentText = messages({
  nl: {
    team: 'Alleen het team',
    teamExplain: 'Alleen de opbouwwerkers van dit project lezen je verhaal. Zij leren ervan. Je verhaal komt niet in een verslag.',
    report: 'In verslagen, zonder je naam',
    reportExplain: 'Het team mag je verhaal gebruiken in een verslag. Bijvoorbeeld voor de gemeente, die het werk betaalt. Je naam staat er niet bij. Ook andere dingen waaraan mensen jou herkennen, laten we weg.',
    public: 'Openbaar, met je naam',
    publicExplain: 'Iedereen mag je verhaal lezen, bijvoorbeeld in een verslag of op een website. De naam die je hieronder invult, staat erbij.',
  },
  en: {
    team: 'Only the team',
    teamExplain: 'Only the community workers of this project read your story. They learn from it. Your story does not go into a report.',
    report: 'In reports, without your name',
    reportExplain: 'The team may use your story in a report. For example for the municipality, which pays for the work. Your name is not in it. We also leave out other things that would let people recognise you.',
    public: 'Public, with your name',
    publicExplain: 'Anyone may read your story, for example in a report or on a website. The name you fill in below is shown with it.',
  },
});
