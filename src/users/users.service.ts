import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { Organization } from '../organizations/organization.entity';
import { CreateStaffDto, UserResponse } from './users.dto';
import { Role, User } from './user.entity';

const ORG_TYPE_FOR_ROLE: Partial<Record<Role, Organization['type']>> = {
  clerk: 'mediation_center',
  mediator: 'mediation_center',
  lender: 'lender',
};

export const toUserResponse = (u: User): UserResponse => ({
  id: u.id,
  role: u.role,
  name: u.name,
  email: u.email,
  organizationId: u.organizationId,
});

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a user; an email already taken answers 400 on `email`. */
  async insert(manager: EntityManager, user: Partial<User>): Promise<User> {
    const email = user.email!.toLowerCase();
    if (await manager.existsBy(User, { email })) throw emailTaken();
    try {
      return await manager.save(User, manager.create(User, { ...user, email }));
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
  }

  async createStaff(dto: CreateStaffDto): Promise<UserResponse> {
    return this.dataSource.transaction(async (manager) => {
      const expectedType = ORG_TYPE_FOR_ROLE[dto.role];
      if (expectedType || dto.organizationId) {
        const org = dto.organizationId
          ? await manager.findOneBy(Organization, { id: dto.organizationId })
          : null;
        if (!org || (expectedType && org.type !== expectedType)) {
          throw AppError.validation([
            {
              field: 'organizationId',
              message: `must be an existing ${expectedType ?? 'organization'} organization`,
            },
          ]);
        }
      }
      const user = await this.insert(manager, {
        role: dto.role,
        name: dto.name,
        email: dto.email,
        passwordHash: await hashPassword(dto.password),
        organizationId: dto.organizationId ?? null,
      });
      return toUserResponse(user);
    });
  }

  /** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, when there is no admin yet. */
  async ensureAdmin(email: string | null, password: string | null): Promise<boolean> {
    if (!email || !password) return false;
    return this.dataSource.transaction(async (manager) => {
      // Serialise concurrent boots of several instances.
      await manager.query('SELECT pg_advisory_xact_lock(4271914)');
      if (await manager.existsBy(User, { role: 'admin' })) return false;
      await this.insert(manager, {
        role: 'admin',
        name: 'Administrator',
        email,
        passwordHash: await hashPassword(password),
      });
      return true;
    });
  }

  listMediators(organizationId: string): Promise<User[]> {
    return this.dataSource.manager.find(User, {
      where: { role: 'mediator', organizationId, active: true },
      order: { name: 'ASC' },
    });
  }
}

function emailTaken(): AppError {
  return AppError.validation([{ field: 'email', message: 'is already registered' }]);
}
