import { FileCaseDto } from '../cases/cases.dto';
import { AppError } from '../common/errors/app-error';
import { RegisterDto } from '../users/users.dto';
import { bindForm, formFailure, formToJson, formValues, REQUIRED } from './page-forms';

describe('forms bound to the API’s DTOs', () => {
  it('turns dotted names into the nested JSON the API takes, typed as the DTO declares', () => {
    const json = formToJson(FileCaseDto, {
      lenderOrganizationId: 'a1b2',
      'loan.principal': '12000.00',
      'proposal.installments': '12',
      'proposal.requestWaiver': 'true',
      'proposal.note': '',
      'consents.onlineMediation': 'true',
      'consents.shareWithLender': 'false',
    });
    expect(json).toEqual({
      lenderOrganizationId: 'a1b2',
      loan: { principal: '12000.00' },
      proposal: { installments: 12, requestWaiver: true },
      consents: { onlineMediation: true, shareWithLender: false },
    });
  });

  it('keeps a value the DTO’s type cannot take as typed, for the DTO to refuse', () => {
    expect(formToJson(FileCaseDto, { 'proposal.installments': 'twelve' })).toEqual({
      proposal: { installments: 'twelve' },
    });
  });

  it('leaves the page’s own fields out of the DTO', () => {
    expect(formValues({ _csrf: 'x', _next: '/cases', lang: 'en', name: '张三' })).toEqual({
      name: '张三',
    });
  });

  it('refuses what the API refuses, with the API’s field errors', async () => {
    const err = await bindForm(RegisterDto, {
      name: '张三',
      email: 'zhang@example.test',
      phone: '13812345678',
      idNumber: '110105194912310021',
      password: 'long-enough-1',
      role: 'admin',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details.errors).toEqual(
      expect.arrayContaining([
        { field: 'idNumber', message: expect.stringContaining('resident ID') },
        { field: 'role', message: 'should not exist' },
      ]),
    );
  });

  it('shows an empty field as required, and a rule’s own message as the API says it', () => {
    const form = formFailure(
      AppError.validation([
        { field: 'name', message: 'must be a string' },
        { field: 'name', message: 'must be longer than or equal to 1 characters' },
        {
          field: 'consents.shareWithLender',
          message: 'must be true: the lender needs your data to answer',
        },
      ]),
      { name: '' },
    );
    expect(form.errors).toEqual({
      name: [REQUIRED],
      'consents.shareWithLender': ['must be true: the lender needs your data to answer'],
    });
    expect(form.status).toBe(400);
  });

  it('rethrows what is not the caller’s mistake', () => {
    expect(() => formFailure(new Error('db down'), {})).toThrow('db down');
    expect(() => formFailure(new AppError('INTERNAL', 'x'), {})).toThrow('x');
  });
});
