// What residents reach without an account: the story form behind a project's link, and their own
// story behind its receipt code. Every route is rate-limited per client address (and per link).
import { router } from '../../openapi.js';
import { receiptRoutes } from './receipts.js';
import { storyFormRoutes } from './story-form.js';

export const publicRoutes = router().route('/', storyFormRoutes).route('/', receiptRoutes);
