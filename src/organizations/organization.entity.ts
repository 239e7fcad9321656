import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_TYPES = ['lender', 'mediation_center'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** The legal ceiling on a debt's annual cost a centre applies unless it sets its own: 24 %. */
export const DEFAULT_ANNUAL_COST_CEILING_BP = 2400;

@Entity('organizations')
@Check('organizations_type_check', `"type" IN ('lender', 'mediation_center')`)
@Check(
  'organizations_cost_ceiling_check',
  `"annual_cost_ceiling_bp" IS NULL OR "annual_cost_ceiling_bp" BETWEEN 1 AND 10000`,
)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: OrganizationType;

  /** The registered name (登记名称), as the agreement prints it. */
  @Column('text')
  name: string;

  @Column('text')
  contactEmail: string;

  /** 统一社会信用代码 (GB 32100), check character validated; an agreement needs the lender's. */
  @Column('text', { nullable: true })
  creditCode: string | null;

  /** The registered address (住所), printed on the agreement as where documents are served. */
  @Column('text', { nullable: true })
  registeredAddress: string | null;

  /** A mediation centre's basic-level people's court, named in the 司法确认 clause. */
  @Column('text', { nullable: true })
  courtName: string | null;

  /** A mediation centre's ceiling on a debt's annual cost, in basis points (null: 24 %). */
  @Column('integer', { nullable: true })
  annualCostCeilingBp: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
