import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * pg hands `date[]` back as Dates at local midnight (its scalar `date` TypeORM converts, its
 * arrays not); the local getters give the day back whatever the process's zone.
 */
const dateArray = {
  to: (v: string[]) => v,
  from: (v: (string | Date)[] | null): string[] =>
    (v ?? []).map((d) =>
      typeof d === 'string'
        ? d
        : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
    ),
};

/**
 * A year of the State Council's holiday schedule entered by an admin, ahead of a package
 * release. It replaces the packaged data for that year whole; re-entering it overwrites.
 */
@Entity('calendar_years')
@Check('calendar_years_year_check', `"year" BETWEEN 2000 AND 2100`)
export class CalendarYearRecord {
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'calendar_years_pkey' })
  year: number;

  @Column('date', { array: true, transformer: dateArray })
  holidays: string[];

  @Column('date', { array: true, transformer: dateArray })
  makeupWorkdays: string[];

  /** The notice it was copied from, e.g. 国办发明电〔2026〕号 and its gov.cn address. */
  @Column('text', { nullable: true })
  notice: string | null;

  @Column('uuid')
  enteredBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'calendar_years_entered_by_fk' })
  enteredByUser?: User;

  @Column('timestamptz')
  enteredAt: Date;
}
