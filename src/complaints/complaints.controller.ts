import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { IdPipe } from '../common/id.pipe';
import {
  ComplaintAnswerDto,
  ComplaintListQuery,
  ComplaintResponse,
  FileComplaintDto,
} from './complaints.dto';
import { ComplaintsService } from './complaints.service';

@ApiTags('complaints')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiResponse({ status: 401, type: ErrorResponse })
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @AnyRole()
  @Post()
  @ApiOperation({
    summary: 'File a complaint (any party), with a reference number',
    description: 'Banking and insurance consumers may also call the regulator’s hotline 12378.',
  })
  @ApiResponse({ status: 201, type: ComplaintResponse })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'caseId is not a case you see' })
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
  @ApiResponse({ status: 200, type: [ComplaintResponse] })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() q: ComplaintListQuery,
  ): Promise<ComplaintResponse[]> {
    return this.complaints.list(p, q);
  }

  @AnyRole()
  @Get(':id')
  @ApiOperation({ summary: 'One complaint with its timeline' })
  @ApiResponse({ status: 200, type: ComplaintResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
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
  @ApiResponse({ status: 200, type: ComplaintResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse })
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
  @ApiResponse({ status: 200, type: ComplaintResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
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
  @ApiResponse({ status: 200, type: ComplaintResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse })
  lenderAnswer(
    @CurrentPrincipal() p: Principal,
    @Param('id', IdPipe) id: string,
    @Body() dto: ComplaintAnswerDto,
  ): Promise<ComplaintResponse> {
    return this.complaints.lenderAnswer(p, id, dto.answer);
  }
}
