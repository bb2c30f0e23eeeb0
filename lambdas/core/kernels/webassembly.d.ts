/**
 * The part of the WebAssembly JavaScript API the kernels use. TypeScript declares it only in
 * its DOM and web-worker libraries, which a Node project leaves out; Node has it as a global.
 */
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
  }
}

export {};
