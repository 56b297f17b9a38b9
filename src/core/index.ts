// Entry of the WebAssembly CPU core (AssemblyScript). For now it exports the generated A64 decoder,
// which the CPU's execute loop will dispatch on.
export { decode, ROW_COUNT } from './generated/decoder';
