import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/roles.decorator';
import { PageController } from './page-controller.decorator';
import { PageRenderer, pagePrincipal } from './page-renderer';

/** `/`: what pre-litigation mediation is, its five steps, and how to check a notice. */
@PageController()
export class HomePageController {
  constructor(private readonly pages: PageRenderer) {}

  @Public()
  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const principal = pagePrincipal(req);
    return this.pages.render(req, reply, 'home', {
      steps: [1, 2, 3, 4, 5],
      isBorrower: principal?.role === 'borrower',
      signedIn: principal !== null,
    });
  }
}
