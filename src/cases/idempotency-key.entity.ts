import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A request answered under an `Idempotency-Key`, so a retry gets the same answer. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** The caller (user or API key) the key belongs to. */
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  requestHash: string;

  @Column('integer', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
