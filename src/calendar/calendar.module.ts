import { Module } from '@nestjs/common';
import { CalendarAdminController } from './calendar-admin.controller';
import { CalendarYearRepository } from './calendar-year.repository';
import { CalendarService } from './calendar.service';

/** The official calendar and deadlines counted on it; other features use CalendarService. */
@Module({
  controllers: [CalendarAdminController],
  providers: [CalendarService, CalendarYearRepository],
  exports: [CalendarService],
})
export class CalendarModule {}
