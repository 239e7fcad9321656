import { newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { asBytes, loadPdfWorker, pdfText } from './support/pdf';
import { signedIn } from './support/pages';

const PASSWORD = 'staff-password-123';

/** The section of the print desk with this heading id, as HTML. */
const section = (html: string, id: string) =>
  /<section aria-labelledby="([^"]+)">[\s\S]*?<\/section>/g.exec(
    html.slice(html.indexOf(`aria-labelledby="${id}"`) - 30),
  )?.[0] ?? '';

describe('web pages: the print desk', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    await loadPdfWorker();
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('lists sealed agreements to print, opens the sealed PDF, and records who printed it', async () => {
    const settled = await newCase(t, w, { status: 'settled' });
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);

    const desk = await clerk.get('/print').expect(200);
    expect(desk.text).toContain('data-page="print"');
    const queue = section(desk.text, 'queue-heading');
    expect(queue).toContain(settled.caseNumber);
    expect(queue).toContain(`href="/cases/${settled.id}/agreement/pdf"`);
    expect(section(desk.text, 'printed-heading')).not.toContain(settled.caseNumber);

    const pdf = await asBytes(clerk.get(`/cases/${settled.id}/agreement/pdf`)).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain(settled.caseNumber);

    const after = await clerk.get('/print').expect(200);
    expect(section(after.text, 'queue-heading')).not.toContain(settled.caseNumber);
    const printed = section(after.text, 'printed-heading');
    expect(printed).toContain(settled.caseNumber);
    expect(printed).toContain(w.clerk.name);
    expect(printed).toContain('盖章件');

    const api = await t
      .http()
      .get('/api/v1/agreements/prints')
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    expect(api.body.items[0]).toMatchObject({
      caseNumber: settled.caseNumber,
      copy: 'sealed',
      printedBy: w.clerk.name,
    });
  });

  it('shows another centre’s clerk none of it', async () => {
    const settled = await newCase(t, w, { status: 'settled' });
    const elsewhere = await newWorld(t);
    const clerk = await signedIn(t, elsewhere.clerk.email, PASSWORD);
    const desk = await clerk.get('/print').expect(200);
    expect(desk.text).not.toContain(settled.caseNumber);
    await clerk.get(`/cases/${settled.id}/agreement/pdf`).expect(404);
  });
});
