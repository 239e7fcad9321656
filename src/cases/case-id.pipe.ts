import { IdPipe } from '../common/id.pipe';

/** A malformed id is a case that does not exist: 404, like any case the caller may not see. */
export const CaseIdPipe = new IdPipe('case', 'CASE_NOT_FOUND');
