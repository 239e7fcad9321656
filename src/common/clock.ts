import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests can move time at the edge instead of faking the database. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
