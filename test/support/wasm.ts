// Instantiates the built WebAssembly core for tests (the ES2022 lib has no WebAssembly typings).
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

export async function instantiateCore(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error('wasm abort'); } } });
  return instance.exports;
}
