import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read of a borrower's unmasked personal data by staff (PIPL art. 51, 54, 55): who read,
 * when, in which case, which fields, through what. Kept three years (docs/security.md).
 */
@Entity('personal_data_reads')
@Index('personal_data_reads_read_at_idx', ['readAt', 'id'])
export class PersonalDataRead {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'personal_data_reads_pkey' })
  id: string;

  @Index('personal_data_reads_reader_idx')
  @Column('uuid')
  readerId: string;

  @Column('text')
  readerRole: string;

  @Index('personal_data_reads_case_idx')
  @Column('uuid')
  caseId: string;

  /** The fields read whole, e.g. `borrower.idNumber`, `borrower.phone`, `evidence`. */
  @Column('text', { array: true })
  fields: string[];

  /** What showed them: `case`, `case_list`, `case_action`, `evidence:<id>`. */
  @Column('text')
  source: string;

  @Column('timestamptz')
  readAt: Date;
}
