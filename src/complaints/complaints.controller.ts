import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { IdPipe } from '../common/id.pipe';
import {
  ComplaintAnswerDto,
  ComplaintListQuery,
  ComplaintResponse,
  FileComplaintDto,
} from './complaints.dto';
import { ComplaintsService } from './complaints.service';

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @AnyRole()
  @Post()
  @ApiOperation({
    summary: 'File a complaint (any party), with a reference number',
    description: 'Banking and insurance consumers may also call the regulator’s hotline 12378.',
  })
  @ApiResponse({ status: 201, type: ComplaintResponse, description: 'The complaint, received' })
  @ApiErrors({
    FORBIDDEN: 'a complaint is filed by a person, not an API key',
    CASE_NOT_FOUND: '`caseId` is not a case you see',
    CONFLICT: 'no mediation centre has been set up yet',
  })
  file(
    @CurrentPrincipal() p: Principal,
    @Body() dto: FileComplaintDto,
  ): Promise<ComplaintResponse> {
    return this.complaints.file(p, dto);
  }

  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'Complaints: yours; a clerk’s centre’s queue; a lender’s conduct complaints',
  })
  @ApiResponse({ status: 200, type: [ComplaintResponse], description: 'The complaints you see' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ComplaintListQuery,
  ): Promise<ComplaintResponse[]> {
    return this.complaints.list(p, q);
  }

  @AnyRole()
  @Get(':id')
  @ApiOperation({ summary: 'One complaint with its timeline' })
  @ApiResponse({ status: 200, type: ComplaintResponse, description: 'The complaint' })
  @ApiErrors({ NOT_FOUND: 'no such complaint, or not one you see' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('id', IdPipe) id: string,
  ): Promise<ComplaintResponse> {
    return this.complaints.get(p, id);
  }

  @Roles('clerk')
  @Post(':id/take-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take up a complaint: received → in_progress (clerk)' })
  @ApiResponse({ status: 200, type: ComplaintResponse, description: 'The complaint, in progress' })
  @ApiErrors({ NOT_FOUND: 'no such complaint', CONFLICT: 'the complaint is not `received`' })
  takeUp(
    @CurrentPrincipal() p: Principal,
    @Param('id', IdPipe) id: string,
  ): Promise<ComplaintResponse> {
    return this.complaints.takeUp(p, id);
  }

  @Roles('clerk')
  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a complaint; the complainant reads it (clerk)' })
  @ApiResponse({ status: 200, type: ComplaintResponse, description: 'The complaint, answered' })
  @ApiErrors({ NOT_FOUND: 'no such complaint', CONFLICT: 'the complaint is answered already' })
  answer(
    @CurrentPrincipal() p: Principal,
    @Param('id', IdPipe) id: string,
    @Body() dto: ComplaintAnswerDto,
  ): Promise<ComplaintResponse> {
    return this.complaints.answer(p, id, dto.answer);
  }

  @Roles('lender')
  @Post(':id/lender-answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'The lender answers a conduct complaint on its case (once)' })
  @ApiResponse({ status: 200, type: ComplaintResponse, description: 'The complaint' })
  @ApiErrors({
    NOT_FOUND: 'no such complaint on a case of yours',
    FORBIDDEN: 'only the lender of the case answers here',
    CONFLICT: 'you have answered already',
  })
  lenderAnswer(
    @CurrentPrincipal() p: Principal,
    @Param('id', IdPipe) id: string,
    @Body() dto: ComplaintAnswerDto,
  ): Promise<ComplaintResponse> {
    return this.complaints.lenderAnswer(p, id, dto.answer);
  }
}
