// Vite's `?raw` imports as the renderer uses them: a file's text, inlined at build time.
declare module '*?raw' {
  const text: string;
  export default text;
}
