import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import type { ActionContext, EffectOutcome } from '../cases/case-action.types';
import { AppError } from '../common/errors/app-error';
import { OrganizationRepository } from '../organizations/organization.repository';
import type { EffectInput } from '../workflow/effects';
import type { SignerCapacity } from './agreement-document';
import { agreementMail } from './agreement-mail';
import {
  AGREEMENT_PARTIES,
  AgreementParty,
  AgreementSignature,
} from './agreement-signature.entity';
import type { AgreementVersion } from './agreement-version.entity';
import { AgreementRepository } from './agreement.repository';

export interface Signer {
  name: string;
  capacity: SignerCapacity;
  title: string | null;
}

/**
 * The version a signer names must be the current one, and the hash the one of its draft PDF:
 * they confirm exactly what they read. 409 AGREEMENT_MISMATCH otherwise.
 */
export async function currentVersionSigned(
  agreements: AgreementRepository,
  manager: EntityManager,
  caseId: string,
  input: { version: number; sha256: string },
): Promise<AgreementVersion> {
  const current = await agreements.current(manager, caseId);
  if (!current) throw new AppError('AGREEMENT_MISMATCH', 'this case has no agreement to sign');
  if (input.version !== current.version) {
    throw new AppError(
      'AGREEMENT_MISMATCH',
      `version ${input.version} is not the current agreement; read version ${current.version} and sign that`,
      { currentVersion: current.version },
    );
  }
  if (input.sha256 !== current.draftSha256) {
    throw new AppError(
      'AGREEMENT_MISMATCH',
      `the SHA-256 is not that of version ${current.version}'s PDF; download it again and read it`,
      { currentVersion: current.version },
    );
  }
  return current;
}

/**
 * sign_agreement, inside the action's transaction on the locked case: a party's signature on
 * the current version, by the signer's own name. It never settles the case: once both parties
 * signed, the mediator confirms (confirm_agreement), which seals it.
 */
@Injectable()
export class AgreementSigningService {
  constructor(
    private readonly agreements: AgreementRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  async sign(ctx: ActionContext<EffectInput<'agreement:sign'>>): Promise<EffectOutcome> {
    const { manager, case: c, now, request, input, principal } = ctx;
    if (!principal) throw new Error('an agreement is signed by a party');
    if (input.confirm === false) {
      throw AppError.validation([
        { field: 'confirm', message: 'must be true (or left out) to sign' },
      ]);
    }
    const current = await currentVersionSigned(this.agreements, manager, c.id, input);
    const party: AgreementParty = principal.role === 'borrower' ? 'borrower' : 'lender';
    const existing = await this.agreements.signatures(manager, current.id);
    if (existing.some((s) => s.party === party)) {
      throw new AppError('CONFLICT', `the ${party} has already signed version ${current.version}`);
    }
    const signer = await this.signerOf(manager, principal);
    const signature = Object.assign(new AgreementSignature(), {
      agreementVersionId: current.id,
      party,
      signerName: signer.name,
      signerCapacity: signer.capacity,
      signerTitle: signer.title,
      signerUserId: principal.userId,
      signerApiKeyId: principal.apiKeyId,
      organizationId: principal.organizationId,
      sha256: input.sha256,
      ip: request.ip,
      userAgent: request.userAgent?.slice(0, 500) ?? null,
      signedAt: now,
    });
    await this.agreements.insertSignature(manager, signature);

    const signed = [...existing.map((s) => s.party), party];
    const bothSigned = AGREEMENT_PARTIES.every((p) => signed.includes(p));
    return {
      changes: { signedParties: AGREEMENT_PARTIES.filter((p) => signed.includes(p)) },
      eventData: {
        agreementVersion: current.version,
        sha256: input.sha256,
        party,
        signer: { name: signer.name, capacity: signer.capacity, title: signer.title },
        signedAt: now.toISOString(),
        bothSigned,
      },
      mail: agreementMail(current, { settled: false, signedBy: party, bothSigned }),
    };
  }

  /**
   * Who signs, by name: a borrower as themself, a lender's representative as the person they
   * are, a lender's system as the signing agent its API key names. A key without one may not
   * sign (403): a signature needs a named person behind it.
   */
  private async signerOf(manager: EntityManager, p: Principal): Promise<Signer> {
    if (p.kind === 'user') {
      return {
        name: p.name,
        capacity: p.role === 'borrower' ? 'self' : 'representative',
        title: null,
      };
    }
    const key = await this.organizations.findApiKey(manager, p.apiKeyId);
    if (!key?.signingAgentName || !key.signingAgentTitle) {
      throw new AppError(
        'ACTION_NOT_PERMITTED',
        'this API key names no signing agent, so it cannot sign: an admin issues a key with a signingAgent (name and title)',
      );
    }
    return { name: key.signingAgentName, capacity: 'signing_agent', title: key.signingAgentTitle };
  }
}
