import type { AgreementDocument, AgreementTerms } from './agreement-document';
import { buildSchedule } from './schedule';

export interface SampleAgreementOverrides extends Partial<
  Omit<AgreementDocument, 'terms' | 'borrower' | 'lender' | 'facts' | 'debt' | 'mediationCenter'>
> {
  terms?: Partial<AgreementTerms>;
  borrower?: Partial<AgreementDocument['borrower']>;
  lender?: Partial<AgreementDocument['lender']>;
  facts?: Partial<AgreementDocument['facts']>;
  debt?: Partial<AgreementDocument['debt']>;
  mediationCenter?: Partial<AgreementDocument['mediationCenter']>;
}

/** The signatures of a final agreement: both parties and the mediator, by name. */
export const SAMPLE_SIGNATURES: AgreementDocument['signatures'] = {
  borrower: { name: '张伟', capacity: 'self', signedAt: new Date('2026-11-26T06:03:00Z') },
  lender: { name: '王芳', capacity: 'representative', signedAt: new Date('2026-11-27T16:30:00Z') },
  mediator: { name: '李明', capacity: 'mediator', signedAt: new Date('2026-11-28T02:00:00Z') },
};

export const SAMPLE_VERIFICATION = {
  code: 'K7QF-3M9D-XR2P',
  url: 'https://mediation.example.cn/api/v1/verify/K7QF-3M9D-XR2P',
};

/**
 * A complete, plausible draft for tests, the bench and demos (add `signatures` and
 * `verification` for the final). Nested parts merge with their defaults, and the schedule
 * follows the terms unless one is given. The confirmed debt is 9650.40, which the default
 * settlement and waiver add up to.
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
    payment: {
      kind: 'account',
      accountName: '某某消费金融有限公司',
      bankName: '中国工商银行上海市分行营业部',
      accountNumber: '1001 2345 6789 0123 456',
    },
    ...overrides.terms,
  };
  return {
    locale: 'zh-CN',
    caseNumber: '(2026)沪浦调字第00123号',
    version: 1,
    mediator: { name: '李明' },
    draftedAt: new Date('2026-11-26T06:03:00Z'),
    signatures: {},
    ...overrides,
    mediationCenter: {
      name: '上海市浦东新区金融纠纷人民调解委员会',
      courtName: '上海市浦东新区人民法院',
      ...overrides.mediationCenter,
    },
    borrower: {
      name: '张伟',
      idNumber: '310***********1234',
      phone: '138****5678',
      email: 'zhang.wei@example.cn',
      postalAddress: '上海市浦东新区张杨路 500 号 1201 室',
      ...overrides.borrower,
    },
    lender: {
      name: '某某消费金融有限公司',
      creditCode: '91350100M000100Y43',
      registeredAddress: '上海市浦东新区世纪大道 100 号 20 层',
      contactEmail: 'mediation@lender.example.cn',
      ...overrides.lender,
    },
    facts: {
      contractNumber: 'XF-2024-00098765',
      principalFen: 1200000,
      outstandingFen: 965040,
      overdueSince: '2026-03-15',
      overdueReason: 'unemployment',
      ...overrides.facts,
    },
    debt: {
      asOf: '2026-11-20',
      principalFen: 800000,
      interestFen: 90000,
      penaltyInterestFen: 50040,
      feesFen: 25000,
      ...overrides.debt,
    },
    terms,
    schedule: overrides.schedule ?? buildSchedule(terms),
  };
}
