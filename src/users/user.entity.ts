import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Role } from '../common/roles';
import { Organization } from '../organizations/organization.entity';

@Entity('users')
@Check('users_role_check', `"role" IN ('borrower', 'clerk', 'mediator', 'lender', 'admin')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  role: Role;

  @Column('text')
  name: string;

  @Index('users_email_key', { unique: true })
  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  idNumber: string | null;

  @Column('text')
  passwordHash: string;

  @Index('users_organization_idx')
  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('boolean', { default: true })
  active: boolean;

  /** Raised by a password change, a reset or a deactivation: older tokens and sessions end. */
  @Column('integer', { default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
