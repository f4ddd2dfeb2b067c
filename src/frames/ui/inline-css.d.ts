/** A stylesheet imported as its text (vite's `?inline`), for the frames to adopt through the CSSOM. */
declare module "*.css?inline" {
  const css: string;
  export default css;
}
