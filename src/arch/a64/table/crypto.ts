// A64 table: Cryptographic extension: AES, SHA1, SHA256, SHA512, SHA3, SM3, SM4 (ARM ARM C4.1.96).
import type { EncodingGroup } from '../encoding';

export const CRYPTO: EncodingGroup[] = [
];
