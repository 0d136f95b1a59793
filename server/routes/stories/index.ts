// Stories recorded by workers, their consent, submission links, and a teller's privacy rights.
import { router } from '../../openapi.js';
import { consentRoutes } from './consent.js';
import { storyCrudRoutes } from './crud.js';
import { linkRoutes } from './links.js';
import { storyMediaRoutes } from './media.js';
import { privacyRoutes } from './privacy.js';
import { receiptRoutes } from './receipt.js';

export const storyRoutes = router()
  .route('/', storyCrudRoutes)
  .route('/', consentRoutes)
  .route('/', linkRoutes)
  .route('/', privacyRoutes)
  .route('/', storyMediaRoutes)
  .route('/', receiptRoutes);
