import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from '../cases/case.entity';

@Entity('evidence')
@Index('evidence_case_idx', ['caseId', 'createdAt'])
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;

  @Column('uuid')
  uploadedBy: string;

  @Column('text')
  filename: string;

  @Column('text')
  mimeType: string;

  @Column('integer')
  sizeBytes: number;

  @Column('text')
  sha256: string;

  /** Relative to DATA_DIR. */
  @Column('text')
  storagePath: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
