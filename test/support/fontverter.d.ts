// fontverter 2.0 ships no types: the one call test/build/math-font.test.ts makes (woff2 to an sfnt HarfBuzz reads).
declare module 'fontverter' {
  const fontverter: { convert(font: Uint8Array, format: 'sfnt' | 'truetype' | 'woff' | 'woff2'): Promise<Buffer> };
  export default fontverter;
}
