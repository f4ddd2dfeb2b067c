/**
 * For a story that opens a modal dialog as it renders (the 3-D Secure challenge, the
 * leave confirmation): on a docs page, where stories share one document, its dialog would
 * cover the whole page, so it gets a document of its own there — `parameters: opensModalDialog`.
 */
export const opensModalDialog = { docs: { story: { inline: false, height: "640px" } } };
