// Sensemaking (duiden, issue 4): one router mounted by app.ts.
import { router } from '../../openapi.js';
import { climateRoutes } from './climate.js';
import { climateVariableRoutes } from './climate-variables.js';
import { mscRoutes } from './msc.js';
import { outcomeRoutes } from './outcomes.js';
import { qdaRoutes } from './qda.js';
import { taggingRoutes } from './tagging/index.js';

export const sensemakingRoutes = router()
  .route('/', outcomeRoutes)
  .route('/', climateVariableRoutes)
  .route('/', taggingRoutes)
  .route('/', climateRoutes)
  .route('/', mscRoutes)
  .route('/', qdaRoutes);
