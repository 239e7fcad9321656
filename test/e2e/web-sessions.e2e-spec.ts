import { Clock } from '../../src/common/clock';
import { borrowerRegistration } from './factories';
import { startTestApp, TestApp } from './harness';
import { browserAgent, signUpInBrowser } from './web-pages';

/** The clock of the app, moved by the test (the only thing faked: time, at the edge). */
class MovableClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000;
  }
}

describe('web pages: how long a session lasts', () => {
  const clock = new MovableClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' }, { clock });
  });
  afterAll(() => t.close());

  it('ends a session left idle for more than two hours', async () => {
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, borrowerRegistration());
    clock.advance(119);
    await agent.get('/cases').expect(200);
    clock.advance(119);
    await agent.get('/cases').expect(200);
    clock.advance(121);
    const res = await agent.get('/cases').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fcases');
  });

  it('ends a session twelve hours after sign-in, however busy', async () => {
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, borrowerRegistration());
    for (let hour = 1; hour < 12; hour++) {
      clock.advance(60);
      await agent.get('/cases').expect(200);
    }
    clock.advance(61);
    await agent.get('/cases').expect(303);
  });
});
