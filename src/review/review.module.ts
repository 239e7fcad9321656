import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { UsersModule } from '../users/users.module';
import { ReviewEffects } from './review.effects';

/** Step 2, review: what the clerk's and the borrower's review actions change on the case. */
@Module({ imports: [CasesModule, UsersModule], providers: [ReviewEffects] })
export class ReviewModule {}
