import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EFFECT_NAMES, isAnnouncement } from '../workflow/effects';
import type { AnnouncementName, ChangeEffectName, EffectName } from '../workflow/effects';
import type {
  ActionContext,
  AnnouncementHandler,
  EffectHandler,
  EffectOutcome,
  EffectPreparation,
  PrepareContext,
} from './case-action.types';

type StoredHandler = (ctx: ActionContext<never>) => Promise<EffectOutcome | void>;
type StoredPreparation = (ctx: PrepareContext<never>) => Promise<unknown>;

/**
 * Where the features claim the effects the transition table names: one handler per effect,
 * typed with the inputs of the transitions that name it. Start-up fails on an effect with no
 * handler, or with two, naming it.
 */
@Injectable()
export class CaseEffectRegistry implements OnApplicationBootstrap {
  private readonly changes = new Map<ChangeEffectName, StoredHandler>();
  private readonly announcements = new Map<AnnouncementName, AnnouncementHandler>();
  private readonly preparations = new Map<ChangeEffectName, StoredPreparation>();

  /** An effect that changes the case or its records, run before the status is written. */
  handle<E extends ChangeEffectName>(effect: E, handler: EffectHandler<E>): void {
    this.claim(effect);
    this.changes.set(effect, handler);
  }

  /**
   * Slow work for an effect that needs no lock (rendering a sealed PDF), done before the case
   * is locked so that racing actions wait less; the effect's handler gets its result as
   * `prepared`, checks it still fits, and does the work itself when it does not.
   */
  prepare<E extends ChangeEffectName>(effect: E, preparation: EffectPreparation<E>): void {
    if (this.preparations.has(effect)) throw new Error(`the effect ${effect} has two preparations`);
    this.preparations.set(effect, preparation);
  }

  preparation(effect: ChangeEffectName): StoredPreparation | undefined {
    return this.preparations.get(effect);
  }

  /** An effect that tells others of the transition, run once the event is written. */
  announce(effect: AnnouncementName, handler: AnnouncementHandler): void {
    this.claim(effect);
    this.announcements.set(effect, handler);
  }

  change(effect: ChangeEffectName): StoredHandler {
    const handler = this.changes.get(effect);
    if (!handler) throw new Error(`the effect ${effect} has no handler`);
    return handler;
  }

  announcement(effect: AnnouncementName): AnnouncementHandler {
    const handler = this.announcements.get(effect);
    if (!handler) throw new Error(`the effect ${effect} has no handler`);
    return handler;
  }

  onApplicationBootstrap(): void {
    this.assertComplete();
  }

  /** Every effect of the table has its handler (called at start-up). */
  assertComplete(): void {
    const missing = EFFECT_NAMES.filter((e) => !this.claimed(e));
    if (missing.length) {
      throw new Error(`effects without a handler: ${missing.join(', ')}`);
    }
  }

  private claimed(effect: EffectName): boolean {
    return isAnnouncement(effect) ? this.announcements.has(effect) : this.changes.has(effect);
  }

  private claim(effect: EffectName): void {
    if (this.claimed(effect)) throw new Error(`the effect ${effect} has two handlers`);
  }
}
