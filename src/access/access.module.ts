import { Global, Module } from '@nestjs/common';
import { PrincipalCache } from './principal-cache';

/** What every module may need of "who is calling": the callers each process keeps. */
@Global()
@Module({ providers: [PrincipalCache], exports: [PrincipalCache] })
export class AccessModule {}
