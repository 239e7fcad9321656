import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_TYPES = ['lender', 'mediation_center'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

@Entity('organizations')
@Check('organizations_type_check', `"type" IN ('lender', 'mediation_center')`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: OrganizationType;

  @Column('text')
  name: string;

  @Column('text')
  contactEmail: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
