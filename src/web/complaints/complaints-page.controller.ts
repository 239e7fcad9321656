import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../../access/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { COMPLAINT_CATEGORIES } from '../../complaints/complaint.entity';
import { ComplaintAnswerDto, FileComplaintDto } from '../../complaints/complaints.dto';
import { ComplaintsService, REGULATOR_HOTLINE } from '../../complaints/complaints.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';

const categoryOptions = COMPLAINT_CATEGORIES.map((c) => ({
  value: c,
  key: `complaints.categories.${c}`,
}));

/** `/complaints`: the complaint channel of `/api/v1/complaints`, for every signed-in party. */
@PageController('complaints')
export class ComplaintsPageController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly pages: PageRenderer,
  ) {}

  @AnyRole()
  @Get()
  async list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    const items = await this.complaints.list(p, {});
    return this.pages.render(
      req,
      reply,
      'complaints/list',
      {
        items,
        hotline: REGULATOR_HOTLINE,
      },
      { titleKey: 'complaints.title', page: 'complaints' },
    );
  }

  @AnyRole()
  @Get('new')
  async form(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('caseId') caseId?: string,
  ): Promise<void> {
    return this.renderForm(req, reply, emptyForm(caseId ? { caseId } : {}));
  }

  @AnyRole()
  @Post()
  async file(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Body() body: FormBody,
  ): Promise<void> {
    const out = await submitForm(FileComplaintDto, body, (dto) => this.complaints.file(p, dto));
    if (!out.ok) return this.renderForm(req, reply, out.form);
    return this.pages.redirect(reply, `/complaints/${out.result.id}`, {
      kind: 'success',
      key: 'flash.complaintFiled',
    });
  }

  @AnyRole()
  @Get(':id')
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', new IdPipe('complaint')) id: string,
  ): Promise<void> {
    return this.renderOne(req, reply, p, id, emptyForm());
  }

  @Roles('clerk')
  @Post(':id/take-up')
  async takeUp(
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', new IdPipe('complaint')) id: string,
  ): Promise<void> {
    await this.complaints.takeUp(p, id);
    return this.pages.redirect(reply, `/complaints/${id}`, {
      kind: 'success',
      key: 'flash.complaintTakenUp',
    });
  }

  @Roles('clerk', 'lender')
  @Post(':id/answer')
  async answer(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', new IdPipe('complaint')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const out = await submitForm(ComplaintAnswerDto, body, (dto) =>
      p.role === 'lender'
        ? this.complaints.lenderAnswer(p, id, dto.answer)
        : this.complaints.answer(p, id, dto.answer),
    );
    if (!out.ok) return this.renderOne(req, reply, p, id, out.form);
    return this.pages.redirect(reply, `/complaints/${id}`, {
      kind: 'success',
      key: 'flash.complaintAnswered',
    });
  }

  private renderForm(req: FastifyRequest, reply: FastifyReply, form: FormState) {
    return this.pages.render(
      req,
      reply,
      'complaints/new',
      { form, categoryOptions, hotline: REGULATOR_HOTLINE },
      { status: form.status, titleKey: 'complaints.new.title', page: 'complaint-new' },
    );
  }

  private async renderOne(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    form: FormState,
  ) {
    const k = await this.complaints.get(p, id);
    const canAnswer =
      k.status !== 'answered' && (p.role === 'clerk' || (p.role === 'lender' && !k.lenderAnswer));
    return this.pages.render(
      req,
      reply,
      'complaints/show',
      {
        complaint: k,
        form,
        canTakeUp: p.role === 'clerk' && k.status === 'received',
        canAnswer,
        hotline: REGULATOR_HOTLINE,
      },
      { status: form.status, titleKey: 'complaints.show.title', page: 'complaint' },
    );
  }
}
