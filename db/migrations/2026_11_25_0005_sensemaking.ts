import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

// Sensemaking (issue 4): the climate catalogue's seed, the codebook, excerpt coding and
// Most Significant Change rounds. Frozen once shipped: add a new migration instead of editing.

// From shared/domain/climate-variables.json (seeds/003, 'Condities voor opbouwwerk'), copied inline.
// [key, group_key, group_nl, group_en, name_nl, name_en, weak_nl, weak_en, strong_nl, strong_en, sort]
const variables: [string, string, string, string, string, string, string, string, string, string, number][] = [
  [
    'image',
    'social',
    'Sociaal klimaat',
    'Social climate',
    'beeldvorming',
    'how people see each other',
    'wij-zij stereotypen',
    'us-versus-them stereotypes',
    'open naar elkaar en naar de externe omgeving',
    'open to each other and to the outside world',
    10,
  ],
  [
    'atmosphere',
    'social',
    'Sociaal klimaat',
    'Social climate',
    'atmosfeer',
    'atmosphere',
    'angst en wantrouwen',
    'fear and distrust',
    'veiligheid en vertrouwen',
    'safety and trust',
    20,
  ],
  [
    'collective_action',
    'social',
    'Sociaal klimaat',
    'Social climate',
    'collectief handelen',
    'collective action',
    'onvoorspelbaar/explosief',
    'unpredictable/explosive',
    'gereguleerd/geritualiseerd',
    'regulated/ritualised',
    30,
  ],
  [
    'self_image',
    'social',
    'Sociaal klimaat',
    'Social climate',
    'zelfbeeld',
    'self-image',
    'slachtofferschap/afhankelijk',
    'victimhood/dependence',
    'zelfredzaam/zelfverantwoordelijk',
    'self-reliant/self-responsible',
    40,
  ],
  [
    'norms',
    'cultural',
    'Cultureel klimaat',
    'Cultural climate',
    'normen en waarden',
    'norms and values',
    'heterogeen/conflicterend',
    'heterogeneous/conflicting',
    'gedeeld',
    'shared',
    50,
  ],
  [
    'ritual',
    'cultural',
    'Cultureel klimaat',
    'Cultural climate',
    'collectief ritueel',
    'collective ritual',
    'ieder op zichzelf',
    'everyone for themselves',
    'viering en feesten',
    'celebrations and festivities',
    60,
  ],
  [
    'transmission',
    'cultural',
    'Cultureel klimaat',
    'Cultural climate',
    'cultuuroverdracht',
    'passing on culture',
    'passief naar jeugd en jongeren',
    'passive towards children and youth',
    'actief naar jeugd en jongeren',
    'active towards children and youth',
    70,
  ],
  [
    'social_control',
    'cultural',
    'Cultureel klimaat',
    'Cultural climate',
    'sociale controle',
    'social control',
    'allen oog voor eigenbelang',
    'everyone minds their own interest',
    'oog voor en op elkaar',
    'looking out for each other',
    80,
  ],
  [
    'roles',
    'cultural',
    'Cultureel klimaat',
    'Cultural climate',
    'positietoewijzing',
    'allocation of positions',
    'belangen- of machtsstrijd om leiderschap',
    'struggles over interests or leadership',
    'geaccepteerde sociale rollen',
    'accepted social roles',
    90,
  ],
  [
    'income',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'inkomen',
    'income',
    'laag/minimaal',
    'low/minimum',
    'hoog/midden',
    'high/middle',
    100,
  ],
  [
    'education',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'opleidingsniveau',
    'education level',
    'lo en vmbo',
    'primary and pre-vocational',
    'mbo, hbo en wo',
    'vocational, applied and academic',
    110,
  ],
  [
    'school_careers',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'schoolcarrières',
    'school careers',
    'veel schooluitval, hoge doorstroming naar lbo/vmbo',
    'many drop-outs, mostly to pre-vocational tracks',
    'weinig schooluitval, veel doorstroming havo-vwo vanuit basisonderwijs',
    'few drop-outs, many to higher secondary tracks',
    120,
  ],
  [
    'unemployment',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'werkloosheid',
    'unemployment',
    'structureel hoog',
    'structurally high',
    'structureel laag',
    'structurally low',
    130,
  ],
  [
    'employment',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'werkgelegenheid',
    'employment',
    'productie-intensief, homogeen',
    'production-intensive, homogeneous',
    'kennisintensief, heterogeen',
    'knowledge-intensive, heterogeneous',
    140,
  ],
  [
    'tradition',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'traditie',
    'tradition',
    'gelaten',
    'resigned',
    'ondernemend',
    'enterprising',
    150,
  ],
  [
    'health',
    'socioeconomic',
    'Sociaaleconomische variabelen',
    'Socio-economic variables',
    'gezondheid en welzijnsbevinding',
    'health and well-being',
    'onder gemiddeld',
    'below average',
    'gemiddeld of hoger',
    'average or above',
    160,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  const now = engine(db).now;

  await db
    .insertInto('climate_variables')
    .values(
      variables.map(([key, groupKey, groupNl, groupEn, nameNl, nameEn, weakNl, weakEn, strongNl, strongEn, sort]) => ({
        key,
        group_key: groupKey,
        group_nl: groupNl,
        group_en: groupEn,
        name_nl: nameNl,
        name_en: nameEn,
        weak_nl: weakNl,
        weak_en: weakEn,
        strong_nl: strongNl,
        strong_en: strongEn,
        sort,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();

  // The organisation's codebook for coding passages of stories.
  await db.schema
    .createTable('codes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('codes_name')
    .on('codes')
    .expression(sql`lower(name)`)
    .unique()
    .execute();

  // A coded passage: character offsets into stories.body_text plus the quoted text, so the range
  // can be found again after the story is edited ('moved') or flagged when it no longer fits ('stale').
  await db.schema
    .createTable('story_excerpts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('outcome_id', 'integer', (c) => c.references('outcomes.id'))
    .addColumn('variable_id', 'integer', (c) => c.references('climate_variables.id'))
    .addColumn('position', 'integer', (c) => c.check(sql`position between 0 and 100`))
    .addColumn('code_id', 'integer', (c) => c.references('codes.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ok')
        .check(sql`status in ('ok','moved','stale')`),
    )
    .addColumn('by_user', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'story_excerpts_one_target',
      sql`(case when outcome_id is null then 0 else 1 end) + (case when variable_id is null then 0 else 1 end) + (case when code_id is null then 0 else 1 end) = 1`,
    )
    .execute();
  await db.schema.createIndex('story_excerpts_story').on('story_excerpts').column('story_id').execute();
  await db.schema.createIndex('story_excerpts_code').on('story_excerpts').column('code_id').execute();
  await db.schema.createIndex('story_excerpts_outcome').on('story_excerpts').column('outcome_id').execute();

  // Most Significant Change: a selection round per domain of change and period.
  await db.schema
    .createTable('msc_rounds')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('period_from', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open','closed')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('closed_at', 'text')
    .addColumn('fed_back_at', 'text')
    .execute();

  await db.schema
    .createTable('msc_round_projects')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('msc_rounds.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('msc_round_projects_pk', ['round_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('msc_panel_members')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('msc_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('msc_panel_members_pk', ['round_id', 'user_id'])
    .execute();

  // One pick per panel member per round; it may change until the round closes.
  await db.schema
    .createTable('msc_picks')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('msc_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('msc_picks_pk', ['round_id', 'user_id'])
    .execute();

  // What closing a round recorded: each selected story with every reason given for it.
  await db.schema
    .createTable('msc_selections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('round_id', 'integer', (c) => c.notNull().references('msc_rounds.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('msc_selections_story').on('msc_selections').column('story_id').execute();
  await db.schema.createIndex('msc_selections_round').on('msc_selections').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['msc_selections', 'msc_picks', 'msc_panel_members', 'msc_round_projects', 'msc_rounds', 'story_excerpts', 'codes']) {
    await db.schema.dropTable(t).execute();
  }
  await db
    .deleteFrom('climate_variables')
    .where(
      'key',
      'in',
      variables.map((v) => v[0]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('story_placements').select('id').whereRef('story_placements.variable_id', '=', 'climate_variables.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('project_climate_variables').select('variable_id').whereRef('project_climate_variables.variable_id', '=', 'climate_variables.id'))),
    )
    .execute();
}
