import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rate-limiter-flexible's own table (its column names), so failed logins are counted across instances. */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn('varchar', { length: 255 })
  key: string;

  @Column('integer', { default: 0 })
  points: number;

  @Column('bigint', { nullable: true })
  expire: string | null;
}
