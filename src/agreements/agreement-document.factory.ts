import type { AgreementDocument, AgreementTerms } from './agreement-document';
import { buildSchedule } from './schedule';

export interface SampleAgreementOverrides extends Partial<
  Omit<AgreementDocument, 'terms' | 'borrower' | 'lender' | 'facts'>
> {
  terms?: Partial<AgreementTerms>;
  borrower?: Partial<AgreementDocument['borrower']>;
  lender?: Partial<AgreementDocument['lender']>;
  facts?: Partial<AgreementDocument['facts']>;
}

/**
 * A complete, plausible agreement for tests, the bench and demos. Nested parts merge with their
 * defaults, and the schedule follows the terms unless one is given.
 */
export function sampleAgreementDocument(
  overrides: SampleAgreementOverrides = {},
): AgreementDocument {
  const terms: AgreementTerms = {
    settlementFen: 800000,
    waivedFen: 165040,
    installments: 12,
    firstDueDate: '2026-12-15',
    clauses: ['申请人可以随时提前偿还剩余款项，被申请人不收取提前还款费用。'],
    ...overrides.terms,
  };
  return {
    locale: 'zh-CN',
    caseNumber: '(2026)沪浦调字第00123号',
    version: 1,
    mediationCenter: { name: '上海市浦东新区金融纠纷人民调解委员会' },
    mediator: { name: '李明' },
    verificationCode: 'K7QF-3M9D-XR2P',
    verifyUrl: 'https://mediation.example.cn/verify/K7QF-3M9D-XR2P',
    draftedAt: new Date('2026-11-26T06:03:00Z'),
    signatures: {},
    ...overrides,
    borrower: {
      name: '张伟',
      idNumber: '310***********1234',
      phone: '138****5678',
      ...overrides.borrower,
    },
    lender: {
      name: '某某消费金融有限公司',
      contactEmail: 'mediation@lender.example.cn',
      ...overrides.lender,
    },
    facts: {
      contractNumber: 'XF-2024-00098765',
      principalFen: 1200000,
      outstandingFen: 965040,
      overdueSince: '2026-03-15',
      overdueReason: 'unemployment',
      reasonDetail: '2026 年 2 月公司裁员后失业，目前已重新就业，收入可以支持分期还款。',
      ...overrides.facts,
    },
    terms,
    schedule: overrides.schedule ?? buildSchedule(terms),
  };
}
