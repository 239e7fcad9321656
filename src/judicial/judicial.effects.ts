import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { JudicialClock } from './judicial-clock';

/**
 * Claims `judicial:start_clock` of confirm_agreement's row, after `agreement:confirm`: the
 * agreement takes effect, so its 30 days to apply for 司法确认 start, and both parties'
 * reminders (7 and 2 days before the last day) are queued in the same transaction, whether
 * anyone asks or not. Asking later queues the same keys, so nothing is queued twice.
 */
@Injectable()
export class JudicialEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly clock: JudicialClock,
  ) {}

  onModuleInit(): void {
    this.effects.handle('judicial:start_clock', async (ctx) => {
      const reading = await this.clock.read(ctx.manager, ctx.case.id);
      if (!reading) throw new Error(`case ${ctx.case.id} settles without a sealed version`);
      await this.clock.queueReminders(ctx.manager, ctx.case.id, reading.deadline, ctx.now);
    });
  }
}
