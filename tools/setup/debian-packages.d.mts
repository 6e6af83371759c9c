// Types of debian-packages.mjs (plain JavaScript so CI can run it before `npm ci`).
export declare const DEBIAN_PACKAGES: readonly (readonly [name: string, file: string])[];
export declare function missingPackages(): string[];
export declare function installCommand(missing: readonly string[]): string;
export declare function ensureDebianPackages(options?: { log?: (text: string) => void }): { missing: string[]; command: string | null };
