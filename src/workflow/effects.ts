import { TRANSITIONS } from './transitions';
import type { TransitionRow } from './transitions';

/** Every effect the table names: a handler must exist for each, and for nothing else. */
export type EffectName = TransitionRow['effects'][number];

/** The effects that run after the status and the event are written: they tell others. */
export const ANNOUNCEMENTS = ['notify', 'webhook'] as const satisfies readonly EffectName[];
export type AnnouncementName = (typeof ANNOUNCEMENTS)[number];
/** The effects that change the case or its records, before the status is written. */
export type ChangeEffectName = Exclude<EffectName, AnnouncementName>;

export const EFFECT_NAMES: readonly EffectName[] = [
  ...new Set<EffectName>(TRANSITIONS.flatMap((t) => t.effects)),
];

export const isAnnouncement = (e: EffectName): e is AnnouncementName =>
  (ANNOUNCEMENTS as readonly string[]).includes(e);

type RowNaming<R, E> = R extends { effects: readonly (infer N)[] }
  ? E extends N
    ? R
    : never
  : never;
type InputOf<R> = R extends { input: new () => infer I } ? I : Record<string, never>;

/**
 * What an effect's handler is given as the action's input: the union of the input DTOs of
 * every transition that names the effect (`{}` for a system action without input).
 */
export type EffectInput<E extends EffectName> = InputOf<RowNaming<TransitionRow, E>>;
