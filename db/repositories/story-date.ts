// The day a story counts on: the day it happened, else the day it was recorded (the date part of
// its ISO timestamp). One expression, built with Kysely's builder, for every engine.
import { expressionBuilder } from 'kysely';
import type { DB } from '../schema.js';

const eb = expressionBuilder<DB, 'stories'>();

export const storyDate = eb.fn.coalesce('stories.happenedOn', eb.fn<string>('substr', ['stories.createdAt', eb.lit(1), eb.lit(10)]));
