import { applyDecorators, Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageRoute } from '../access/roles.decorator';

/**
 * A controller of web pages: served at the site's root (not under /api/v1), signed in
 * by the page session cookie, left out of the OpenAPI document. Its routes still state
 * `@Public()` or `@Roles(...)`, checked by the same global AuthGuard as the API.
 */
export const PageController = (path = '') =>
  applyDecorators(Controller(path), PageRoute(), ApiExcludeController());
