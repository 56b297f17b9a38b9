// A64 table: Cryptographic extension: AES, SHA1, SHA256 (Armv8.0) and the Armv8.2 optional SHA512, SHA3,
// SM3 and SM4 (ARM ARM C4.1.96). Several of these sit inside the AdvSIMD vector encoding space.
import type { EncodingGroup, EncodingSpec } from '../encoding';

const V16B = ['Vd.16b', 'Vn.16b'];

function aes(mnemonic: string, opcode: string): EncodingSpec {
  return { mnemonic, bits: `01001110 00 10100 ${opcode} 10 Rn:5 Rd:5`, ops: V16B, feature: 'aes' };
}

function sha3reg(mnemonic: string, opcode: string, ops: string[], feature: 'sha1' | 'sha2'): EncodingSpec {
  return { mnemonic, bits: `01011110 00 0 Rm:5 0 ${opcode} 00 Rn:5 Rd:5`, ops, feature };
}

function sha2reg(mnemonic: string, opcode: string, ops: string[], feature: 'sha1' | 'sha2'): EncodingSpec {
  return { mnemonic, bits: `01011110 00 10100 ${opcode} 10 Rn:5 Rd:5`, ops, feature };
}

const V4S3 = ['Vd.4s', 'Vn.4s', 'Vm.4s'];
const V2D3 = ['Vd.2d', 'Vn.2d', 'Vm.2d'];

function sha512reg3(mnemonic: string, o: string, opcode: string, ops: string[], feature: 'sha512' | 'sha3' | 'sm3' | 'sm4'): EncodingSpec {
  return { mnemonic, bits: `11001110 011 Rm:5 1 ${o} 00 ${opcode} Rn:5 Rd:5`, ops, feature };
}

function sm3tt(mnemonic: string, opcode: string): EncodingSpec {
  return {
    mnemonic, bits: `11001110 010 Rm:5 10 imm2:2 ${opcode} Rn:5 Rd:5`, ops: ['Vd.4s', 'Vn.4s', 'VEm.2.imm2'], feature: 'sm3',
  };
}

export const CRYPTO: EncodingGroup[] = [
  {
    cls: 'crypto', group: 'cryptoaes', rows: [
      aes('aese', '00100'), aes('aesd', '00101'), aes('aesmc', '00110'), aes('aesimc', '00111'),
    ],
  },
  {
    cls: 'crypto', group: 'cryptosha3', rows: [
      sha3reg('sha1c', '000', ['$Qd', '$Sn', 'Vm.4s'], 'sha1'),
      sha3reg('sha1p', '001', ['$Qd', '$Sn', 'Vm.4s'], 'sha1'),
      sha3reg('sha1m', '010', ['$Qd', '$Sn', 'Vm.4s'], 'sha1'),
      sha3reg('sha1su0', '011', V4S3, 'sha1'),
      sha3reg('sha256h', '100', ['$Qd', '$Qn', 'Vm.4s'], 'sha2'),
      sha3reg('sha256h2', '101', ['$Qd', '$Qn', 'Vm.4s'], 'sha2'),
      sha3reg('sha256su1', '110', V4S3, 'sha2'),
    ],
  },
  {
    cls: 'crypto', group: 'cryptosha2', rows: [
      sha2reg('sha1h', '00000', ['$Sd', '$Sn'], 'sha1'),
      sha2reg('sha1su1', '00001', ['Vd.4s', 'Vn.4s'], 'sha1'),
      sha2reg('sha256su0', '00010', ['Vd.4s', 'Vn.4s'], 'sha2'),
    ],
  },
  {
    cls: 'crypto', group: 'cryptosha512_3', rows: [
      sha512reg3('sha512h', '0', '00', ['$Qd', '$Qn', 'Vm.2d'], 'sha512'),
      sha512reg3('sha512h2', '0', '01', ['$Qd', '$Qn', 'Vm.2d'], 'sha512'),
      sha512reg3('sha512su1', '0', '10', V2D3, 'sha512'),
      sha512reg3('rax1', '0', '11', V2D3, 'sha3'),
      sha512reg3('sm3partw1', '1', '00', V4S3, 'sm3'),
      sha512reg3('sm3partw2', '1', '01', V4S3, 'sm3'),
      sha512reg3('sm4ekey', '1', '10', V4S3, 'sm4'),
    ],
  },
  {
    cls: 'crypto', group: 'cryptosha512_2', rows: [
      { mnemonic: 'sha512su0', bits: '11001110 11000000 100000 Rn:5 Rd:5', ops: ['Vd.2d', 'Vn.2d'], feature: 'sha512' },
      { mnemonic: 'sm4e', bits: '11001110 11000000 100001 Rn:5 Rd:5', ops: ['Vd.4s', 'Vn.4s'], feature: 'sm4' },
    ],
  },
  {
    cls: 'crypto', group: 'crypto4', rows: [
      { mnemonic: 'eor3', bits: '11001110 0 00 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Vd.16b', 'Vn.16b', 'Vm.16b', 'Va.16b'], feature: 'sha3' },
      { mnemonic: 'bcax', bits: '11001110 0 01 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Vd.16b', 'Vn.16b', 'Vm.16b', 'Va.16b'], feature: 'sha3' },
      { mnemonic: 'sm3ss1', bits: '11001110 0 10 Rm:5 0 Ra:5 Rn:5 Rd:5', ops: ['Vd.4s', 'Vn.4s', 'Vm.4s', 'Va.4s'], feature: 'sm3' },
    ],
  },
  {
    cls: 'crypto', group: 'crypto3_imm6', rows: [
      { mnemonic: 'xar', bits: '11001110 100 Rm:5 imm6:6 Rn:5 Rd:5', ops: [...V2D3, '#=imm6'], feature: 'sha3' },
    ],
  },
  {
    cls: 'crypto', group: 'crypto3_imm2', rows: [
      sm3tt('sm3tt1a', '00'), sm3tt('sm3tt1b', '01'), sm3tt('sm3tt2a', '10'), sm3tt('sm3tt2b', '11'),
    ],
  },
];
