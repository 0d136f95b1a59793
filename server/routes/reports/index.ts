// Reports (rapporteren): definitions, published versions and their exports, shares and read links.
import { router } from '../../openapi.js';
import { choiceRoutes } from './choices.js';
import { reportCrudRoutes } from './crud.js';
import { readLinkRoutes } from './links.js';
import { shareRoutes } from './shares.js';
import { versionRoutes } from './versions.js';

// crud first: GET /reports/options must match before GET /reports/{id}
export const reportRoutes = router()
  .route('/', reportCrudRoutes)
  .route('/', versionRoutes)
  .route('/', shareRoutes)
  .route('/', readLinkRoutes)
  .route('/', choiceRoutes);
