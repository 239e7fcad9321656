import { Module } from '@nestjs/common';
import { SealKeyring } from './seal-keyring';

/** The centres' signing identities; the agreement code seals with `sealPdf` and these. */
@Module({ providers: [SealKeyring], exports: [SealKeyring] })
export class SealModule {}
