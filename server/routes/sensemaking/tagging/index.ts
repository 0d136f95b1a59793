// Tagging stories to outcomes and climate dyads, the tagging inbox, bulk tagging, excerpt coding

// and the codebook. Coordinators and admins tag; workers on the story's project suggest; funders never tag.
import { router } from '../../../openapi.js';
import { codeRoutes } from './codes.js';
import { excerptRoutes } from './excerpts.js';
import { inboxRoutes } from './inbox.js';
import { storyTagRoutes } from './tags.js';

export const taggingRoutes = router().route('/', storyTagRoutes).route('/', inboxRoutes).route('/', excerptRoutes).route('/', codeRoutes);
