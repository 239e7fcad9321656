import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationRepository } from '../organizations/organization.repository';
import { CreateStaffDto, UserResponse } from './users.dto';
import type { Role } from '../common/roles';
import { User } from './user.entity';
import { UserRepository } from './user.repository';
import { PasswordHasher } from './password-hasher';

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

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Inserts a user; an email already taken answers 400 on `email`. */
  async insert(manager: EntityManager, user: Partial<User> & { email: string }): Promise<User> {
    const email = user.email.toLowerCase();
    if (await this.users.emailTaken(manager, email)) throw emailTaken();
    try {
      return await this.users.insert(manager, { ...user, email });
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
          ? await this.organizations.findById(manager, dto.organizationId)
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
        passwordHash: await this.passwords.hash(dto.password),
        organizationId: dto.organizationId ?? null,
      });
      return toUserResponse(user);
    });
  }

  /** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, when there is no admin yet. */
  async ensureAdmin(email: string | null, password: string | null): Promise<boolean> {
    if (!email || !password) return false;
    return this.dataSource.transaction(async (manager) => {
      await this.users.lockFirstAdmin(manager);
      if (await this.users.anyWithRole(manager, 'admin')) return false;
      await this.insert(manager, {
        role: 'admin',
        name: 'Administrator',
        email,
        passwordHash: await this.passwords.hash(password),
      });
      return true;
    });
  }

  listMediators(organizationId: string): Promise<User[]> {
    return this.users.activeMediators(this.dataSource.manager, organizationId);
  }

  /** An active mediator of this centre, to be assigned a case (within the caller's transaction). */
  findActiveMediator(manager: EntityManager, id: string, centerId: string): Promise<User | null> {
    return this.users.findMediator(manager, id, centerId, true);
  }
}

function emailTaken(): AppError {
  return AppError.validation([{ field: 'email', message: 'is already registered' }]);
}
