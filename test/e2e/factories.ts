import { randomBytes } from 'node:crypto';
import { creditCodeCheckCharacter } from '../../src/organizations/credit-code';
import { residentIdCheckDigit } from '../../src/users/identity';
import { ADMIN, TestApp } from './harness';

export const uniq = () => randomBytes(5).toString('hex');
export const randomEmail = (prefix = 'user') => `${prefix}.${uniq()}@example.test`;

export function randomIdNumber(): string {
  const birth = `19${String(60 + Math.floor(Math.random() * 40))}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  const first17 = `110105${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A unified social credit code of a Shanghai company with a valid check character. */
export function randomCreditCode(): string {
  const pick = () => CREDIT_CODE_CHARACTERS[Math.floor(Math.random() * 31)];
  const first17 = `91310115${Array.from({ length: 9 }, pick).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** Today in Beijing (`YYYY-MM-DD`), the date a lender states its figures as of. */
export const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The lender's statement of the debt for `lender_accept`: 9650.40 in all, the default
 * application's outstanding amount, which the default agreement terms add up to.
 */
export const debtStatement = (overrides: Record<string, string> = {}) => ({
  asOf: beijingToday(),
  principal: '8000.00',
  interest: '900.00',
  penaltyInterest: '500.40',
  fees: '250.00',
  ...overrides,
});

export const randomPhone = () => `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

export interface Actor {
  id: string;
  token: string;
  email: string;
  name: string;
  organizationId: string | null;
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken;
}

export const adminToken = (t: TestApp) => login(t, ADMIN.email, ADMIN.password);

export async function createOrganization(
  t: TestApp,
  type: 'lender' | 'mediation_center',
  overrides: Record<string, string> = {},
): Promise<{ id: string; name: string; contactEmail: string; creditCode: string | null }> {
  const res = await t
    .http()
    .post('/api/v1/organizations')
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send({
      type,
      name: type === 'lender' ? `好分期金融 ${uniq()}` : `朝阳调解中心 ${uniq()}`,
      contactEmail: randomEmail(type),
      // What an agreement prints of them: a lender's registered details, a centre's court.
      ...(type === 'lender'
        ? { creditCode: randomCreditCode(), registeredAddress: '上海市浦东新区世纪大道 100 号' }
        : { courtName: '北京市朝阳区人民法院' }),
      ...overrides,
    })
    .expect(201);
  return res.body;
}

export async function createStaff(
  t: TestApp,
  role: 'clerk' | 'mediator' | 'lender' | 'admin',
  organizationId: string | null,
  name = `${role} ${uniq()}`,
): Promise<Actor> {
  const email = randomEmail(role);
  const password = 'staff-password-123';
  const res = await t
    .http()
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send({ role, name, email, password, ...(organizationId ? { organizationId } : {}) })
    .expect(201);
  return { id: res.body.id, token: await login(t, email, password), email, name, organizationId };
}

export function borrowerRegistration(overrides: Record<string, unknown> = {}) {
  return {
    name: `张${uniq().slice(0, 2)}`,
    email: randomEmail('borrower'),
    phone: randomPhone(),
    idNumber: randomIdNumber(),
    password: 'borrower-password-1',
    ...overrides,
  };
}

export async function registerBorrower(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<Actor & { phone: string; idNumber: string }> {
  const body = borrowerRegistration(overrides);
  await t.http().post('/api/v1/auth/register').send(body).expect(202);
  const res = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ email: body.email, password: body.password })
    .expect(200);
  return {
    id: res.body.user.id,
    token: res.body.accessToken,
    email: body.email,
    name: body.name,
    organizationId: null,
    phone: body.phone,
    idNumber: body.idNumber,
  };
}

/** The people of one case: a centre with a clerk and a mediator, a lender with a representative, a borrower. */
export async function newWorld(t: TestApp) {
  const center = await createOrganization(t, 'mediation_center');
  const lender = await createOrganization(t, 'lender');
  const [clerk, mediator, lenderRep, borrower] = await Promise.all([
    createStaff(t, 'clerk', center.id),
    createStaff(t, 'mediator', center.id),
    createStaff(t, 'lender', lender.id),
    registerBorrower(t),
  ]);
  return { center, lender, clerk, mediator, lenderRep, borrower };
}
export type World = Awaited<ReturnType<typeof newWorld>>;

export function application(lenderOrganizationId: string, overrides: Record<string, unknown> = {}) {
  return {
    lenderOrganizationId,
    loan: {
      contractNumber: `HFQ-2025-${uniq()}`,
      principal: '12000.00',
      outstandingAmount: '9650.40',
      overdueSince: '2026-06-15',
    },
    overdueReason: 'unemployment',
    reasonDetail: '公司裁员，目前正在找工作',
    proposal: { installments: 12, requestWaiver: true, note: '希望减免罚息' },
    preferredMode: 'online',
    locale: 'zh-CN',
    consents: {
      privacyNoticeVersion: '2026-12-01',
      onlineMediation: true,
      electronicService: true,
      shareWithLender: true,
    },
    ...overrides,
  };
}

export async function fileCase(t: TestApp, w: World, overrides: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set('Authorization', `Bearer ${w.borrower.token}`)
    .send(application(w.lender.id, { mediationCenterId: w.center.id, ...overrides }));
  if (res.status !== 201)
    throw new Error(`filing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; caseNumber: string; status: string; version: number };
}

export async function act(
  t: TestApp,
  token: string,
  caseId: string,
  action: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const req = t
    .http()
    .post(`/api/v1/cases/${caseId}/actions/${action}`)
    .set('Authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(body);
}
