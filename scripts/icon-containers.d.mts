// Types for the tests that import icon-containers.mjs.
export declare const ICNS_TYPES: Array<[string, number]>;
export declare function encodeIco(images: Map<number, Buffer>): Buffer;
export declare function encodeIcns(images: Map<number, Buffer>): Buffer;
