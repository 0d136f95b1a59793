// About forty short stories for the demo, in residents' and workers' own words.
export type DemoStory = {
  project: 'moestuin' | 'taalcafe' | 'portiek';
  source: 'link' | 'heard' | 'practice';
  title: string;
  text: string;
  teller?: string;
  consent: 'team' | 'report' | 'public';
  phase?: 'ZIEN' | 'DENKEN' | 'DOEN' | 'VINDEN';
  date: string;
  language?: string;
  /** climate placements: [variable key, 0..100] */
  climate?: [string, number][];
  /** outcome indexes of the project (0 output, 1 kennen en helpen, 2 eigen initiatief) */
  tags?: number[];
  withdraw?: boolean;
};

export const demoStories: DemoStory[] = [
  { project: 'moestuin', source: 'link', title: 'Mijn eerste tomaten', text: 'Ik woon al twaalf jaar in deze flat en had nog nooit iets laten groeien. Nu heb ik tomaten. Mijn buurvrouw van drie hoog kwam kijken en we hebben samen thee gedronken.', teller: 'Fatma', consent: 'public', date: '2025-07-12', climate: [['atmosphere', 70]], tags: [1] },
  { project: 'moestuin', source: 'link', title: 'Niet meer alleen op zondag', text: 'Sinds mijn man overleden is, was zondag de langste dag. Nu ga ik naar de tuin. Er is altijd wel iemand.', consent: 'report', date: '2025-09-07', climate: [['atmosphere', 80]], tags: [1] },
  { project: 'moestuin', source: 'heard', title: 'Ruzie over de slang', text: 'Twee buren kregen ruzie over wie de tuinslang mocht gebruiken. We hebben samen een rooster gemaakt. Het hangt nu in het schuurtje.', teller: 'Henk', consent: 'report', phase: 'DOEN', date: '2025-06-20', climate: [['collective_action', 60]], tags: [2] },
  { project: 'moestuin', source: 'practice', title: 'Wie heeft de sleutel?', text: 'In het begin had alleen ik de sleutel van het hek. Nu hebben vijf bewoners er een. Ik hoef er niet meer bij te zijn om de tuin open te doen.', consent: 'report', phase: 'DOEN', date: '2025-05-02', climate: [['self_image', 65]], tags: [2] },
  { project: 'moestuin', source: 'link', title: 'De kinderen oogsten', text: 'Mijn zoon wist niet dat wortels onder de grond groeien. Nu wil hij elke dag gaan kijken.', teller: 'Youssef', consent: 'public', date: '2025-08-30', climate: [['atmosphere', 75]], tags: [0] },
  { project: 'moestuin', source: 'heard', title: 'Soep voor de hele flat', text: 'Mevrouw Pinas heeft van de pompoenen soep gekookt voor iedereen in de portiek. Mensen die elkaar nooit groetten, stonden samen met een kom soep in de hal.', teller: 'Els Pinas', consent: 'public', phase: 'DOEN', date: '2025-10-18', climate: [['atmosphere', 85], ['image', 70]], tags: [1, 2] },
  { project: 'moestuin', source: 'link', title: 'Zelf de oogstmarkt geregeld', text: 'We hebben zelf een kraam gemaakt met wat over was. Het geld gaat naar nieuwe zaden. Niemand heeft ons gezegd dat we het moesten doen.', teller: 'Noor', consent: 'public', date: '2025-09-27', climate: [['self_image', 85], ['collective_action', 75]], tags: [2] },
  { project: 'moestuin', source: 'link', title: 'Te veel regels', text: 'Ik vind dat er te veel regels zijn in de tuin. Wie bepaalt dat eigenlijk? Ik wil ook meepraten.', consent: 'report', date: '2025-11-04', climate: [['collective_action', 35]] },
  { project: 'moestuin', source: 'practice', title: 'De corporatie komt kijken', text: 'De woningcorporatie kwam op bezoek. De bewoners vertelden zelf wat ze nodig hebben: een waterpunt en een schuur. Ik hoefde alleen de afspraak te maken.', consent: 'report', phase: 'VINDEN', date: '2026-02-11', climate: [['self_image', 70]], tags: [2] },
  { project: 'moestuin', source: 'heard', title: 'Mijn vader praat weer', text: 'Mijn vader is na zijn beroerte stil geworden. In de tuin praat hij met de andere mannen over vroeger, over zijn land en zijn tuin daar.', teller: 'Bilal', consent: 'team', phase: 'DOEN', date: '2025-07-03', climate: [['atmosphere', 70]] },
  { project: 'moestuin', source: 'link', title: 'Vernielde bakken', text: 'Iemand heeft twee bakken kapotgetrapt. Ik was boos en verdrietig. De volgende dag stonden er zes mensen om ze te repareren.', consent: 'public', teller: 'Truus', date: '2026-03-15', climate: [['atmosphere', 55], ['collective_action', 70]], tags: [1] },
  { project: 'moestuin', source: 'link', title: 'Kruiden uit Marokko', text: 'Ik heb munt en koriander geplant zoals bij mijn moeder. Nu vragen de Nederlandse buren hoe je verse muntthee zet.', teller: 'Samira B.', consent: 'public', date: '2025-06-08', climate: [['image', 80]], tags: [1] },
  { project: 'moestuin', source: 'heard', title: 'Eindelijk naar buiten', text: 'Ik durfde niet goed naar buiten door mijn angst. De tuin is dichtbij, ik zie hem vanuit mijn raam. Nu ga ik elke ochtend even.', consent: 'report', phase: 'DOEN', date: '2026-04-22', climate: [['atmosphere', 65]], tags: [1], withdraw: true },
  { project: 'moestuin', source: 'link', title: 'Een bankje erbij', text: 'We hebben gevraagd om een bankje bij de tuin en het is er gekomen. Nu zitten er ook oudere mensen die niet meer kunnen tuinieren.', consent: 'report', date: '2026-05-09', climate: [['collective_action', 65]], tags: [2] },
  { project: 'moestuin', source: 'practice', title: 'Terugblik na een jaar', text: 'Een jaar geleden was dit een grasveld met hondenpoep. Nu is het een plek waar mensen elkaar kennen. Niet iedereen doet mee, maar de groep is van henzelf.', consent: 'report', phase: 'VINDEN', date: '2026-01-20', climate: [['atmosphere', 70], ['self_image', 70]], tags: [1, 2] },

  { project: 'taalcafe', source: 'link', title: 'Ik bel nu zelf de dokter', text: 'Vroeger nam mijn dochter altijd de telefoon. Nu bel ik zelf de huisarts. Ik oefende het gesprek in het taalcafé.', teller: 'Ayse', consent: 'public', date: '2025-03-14', climate: [['self_image', 80]], tags: [1] },
  { project: 'taalcafe', source: 'heard', title: 'Vrijwilliger en leerling', text: 'Meneer De Vries kwam om les te geven. Nu leert hij zelf Arabische woorden van de vrouwen aan zijn tafel. Hij zegt dat hij zich minder eenzaam voelt.', teller: 'Jan de Vries', consent: 'public', phase: 'DOEN', date: '2025-04-02', climate: [['image', 80]], tags: [1] },
  { project: 'taalcafe', source: 'link', title: 'Samen koken', text: 'We hebben een kookavond georganiseerd met gerechten uit zeven landen. Ik heb de boodschappen gedaan en de lijst gemaakt.', teller: 'Mehmet', consent: 'public', date: '2025-05-23', climate: [['self_image', 85], ['image', 75]], tags: [2] },
  { project: 'taalcafe', source: 'link', title: 'I found work', text: 'Because of the conversations here I dared to apply at the supermarket. I start on Monday.', consent: 'report', language: 'en', date: '2025-06-30', climate: [['self_image', 90]], tags: [1] },
  { project: 'taalcafe', source: 'practice', title: 'Het taalcafé draait zonder mij', text: 'Deze week was ik ziek. Het taalcafé ging gewoon door: de vrijwilligers hadden zelf de sleutel gehaald en koffie gezet.', consent: 'report', phase: 'VINDEN', date: '2025-10-07', climate: [['collective_action', 80]], tags: [2] },
  { project: 'taalcafe', source: 'heard', title: 'Brief van de gemeente', text: 'Ze kwam binnen met een brief die ze niet begreep. Samen hebben we hem gelezen. Het ging om toeslagen; we hebben een afspraak gemaakt bij het buurtteam.', teller: 'Grace', consent: 'team', phase: 'DOEN', date: '2025-02-18', climate: [['atmosphere', 60]] },
  { project: 'taalcafe', source: 'link', title: 'Mijn kinderen lachen om mijn Nederlands', text: 'Mijn kinderen lachen als ik Nederlands praat. Maar ze zijn ook trots. Op het schoolplein praat ik nu met de andere moeders.', teller: 'Dewi', consent: 'public', date: '2025-09-12', climate: [['image', 70]], tags: [1] },
  { project: 'taalcafe', source: 'link', title: 'Een wandelgroep', text: 'Na het taalcafé gaan we nu op donderdag wandelen in het Flevopark. Dat hebben we zelf bedacht. We praten Nederlands onderweg.', teller: 'Rachid', consent: 'public', date: '2025-11-06', climate: [['collective_action', 75]], tags: [2] },
  { project: 'taalcafe', source: 'heard', title: 'Te druk', text: 'Sommige bezoekers vinden het taalcafé te druk. Ze durven niet te praten als er veel mensen zijn. We denken na over een kleinere tafel.', consent: 'report', phase: 'DENKEN', date: '2026-01-16', climate: [['atmosphere', 45]] },
  { project: 'taalcafe', source: 'link', title: 'Mijn inburgering gehaald', text: 'Ik heb mijn examen gehaald! Ik kom nog steeds, nu om anderen te helpen.', teller: 'Kofi', consent: 'public', date: '2026-02-27', climate: [['self_image', 90]], tags: [1, 2] },
  { project: 'taalcafe', source: 'practice', title: 'De bibliotheek doet mee', text: 'De bibliotheek heeft een ruimte aangeboden voor een tweede avond. De vrijwilligers onderhandelden zelf over de tijden.', consent: 'report', phase: 'VINDEN', date: '2026-03-05', tags: [2] },
  { project: 'taalcafe', source: 'link', title: 'Vriendinnen', text: 'Ik kwam hier om de taal te leren. Ik vond twee vriendinnen. Een uit Syrië, een uit Eritrea. We zien elkaar ook in het weekend.', consent: 'report', date: '2026-04-10', climate: [['atmosphere', 80]], tags: [1] },
  { project: 'taalcafe', source: 'heard', title: 'Niet welkom gevoeld', text: 'Een bezoeker vertelde dat een buurman hem uitschold op straat. In het taalcafé hebben we erover gepraat. Hij wil niet dat zijn naam wordt genoemd.', consent: 'team', phase: 'ZIEN', date: '2026-05-14', climate: [['image', 30]] },
  { project: 'taalcafe', source: 'link', title: 'Oefenen voor het sollicitatiegesprek', text: 'We hebben met z’n vieren een sollicitatiegesprek nagespeeld. Ik was de baas. Iedereen moest lachen, maar ik heb veel geleerd.', teller: 'Priya', consent: 'public', date: '2026-06-02', climate: [['self_image', 75]], tags: [0] },
  { project: 'taalcafe', source: 'practice', title: 'Evaluatie met de groep', text: 'We hebben met de vaste bezoekers teruggekeken. Ze willen meer over werk en geld praten, minder over grammatica. Twee deelnemers willen het thema zelf voorbereiden.', consent: 'report', phase: 'VINDEN', date: '2026-06-25', tags: [2] },

  { project: 'portiek', source: 'heard', title: 'Vuilniszakken in de hal', text: 'Al maanden staan er vuilniszakken in de hal. Niemand weet van wie. De meneer op de begane grond zegt dat hij de ratten hoort.', teller: 'Piet', consent: 'report', phase: 'ZIEN', date: '2026-06-18', climate: [['atmosphere', 25]] },
  { project: 'portiek', source: 'link', title: 'Niemand luistert', text: 'Ik heb vijf keer gebeld met de corporatie over de kapotte deur. Niemand komt. Waarom zou ik nog iets melden?', consent: 'report', date: '2026-07-02', climate: [['self_image', 20], ['atmosphere', 30]] },
  { project: 'portiek', source: 'heard', title: 'De jongens op de trap', text: 'Oudere bewoners zijn bang voor de jongens die ’s avonds op de trap zitten. De jongens zeggen dat ze nergens anders heen kunnen.', consent: 'team', phase: 'ZIEN', date: '2026-07-09', climate: [['image', 20]] },
  { project: 'portiek', source: 'link', title: 'Een goed gesprek', text: 'Er kwam een opbouwwerker aan de deur. Ze vroeg wat ik van de portiek vind. Niemand had dat ooit gevraagd.', teller: 'Ingrid', consent: 'public', date: '2026-07-21', climate: [['atmosphere', 45]] },
  { project: 'portiek', source: 'practice', title: 'Twintig deuren, twintig verhalen', text: 'Deze week klopte ik op twintig deuren. Drie mensen wilden niet praten. Bijna iedereen noemde de vuilnis en de verlichting. Vier bewoners willen meedenken.', consent: 'report', phase: 'ZIEN', date: '2026-08-06', tags: [0] },
  { project: 'portiek', source: 'link', title: 'Samen de hal geverfd', text: 'Met drie buren hebben we de hal geverfd. De corporatie gaf de verf. Het ruikt nog, maar het is mooi.', teller: 'Emre', consent: 'public', date: '2026-09-12', climate: [['collective_action', 60]], tags: [2] },
  { project: 'portiek', source: 'heard', title: 'Licht in de portiek', text: 'Na het gesprek met de corporatie is de verlichting gemaakt. Mevrouw Kaya zegt dat ze nu ’s avonds weer naar haar zus durft.', teller: 'mevrouw Kaya', consent: 'report', phase: 'DENKEN', date: '2026-10-01', climate: [['atmosphere', 60]], tags: [1] },
  { project: 'portiek', source: 'practice', title: 'Eerste bewonersoverleg', text: 'Het eerste overleg: acht bewoners, één tolk, veel koffie. Ze kozen zelf twee mensen die het gesprek met de corporatie gaan voeren.', consent: 'report', phase: 'DENKEN', date: '2026-10-22', climate: [['self_image', 55]], tags: [2] },
  { project: 'portiek', source: 'link', title: 'Ik doe niet mee', text: 'Ik heb geen tijd voor vergaderingen. Ik werk in ploegen. Maar als er iets geregeld moet worden, help ik wel.', consent: 'team', date: '2026-11-03' },
  { project: 'portiek', source: 'link', title: 'De jongens hielpen', text: 'Toen mijn boodschappen scheurden, hielpen twee jongens van de trap me alles naar boven te dragen. Ik was eerst bang voor ze.', teller: 'Lotte', consent: 'public', date: '2026-11-10', climate: [['image', 65]], tags: [1] },
];

/** The coordinator's "wat we zien" for each project's output in the demo report. */
export const demoNarratives: Record<'moestuin' | 'taalcafe', string> = {
  moestuin: 'Elk kwartaal kwamen er meer mensen naar de tuindagen, maar net niet zoveel als we hoopten. In de winter kwamen vooral de vaste tuiniers.',
  taalcafe: 'Het taalcafé was bijna elke week open; vrijwilligers uit de buurt geven nu zelf een deel van de lessen.',
};
