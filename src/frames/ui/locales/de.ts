/** The errors every flow shares, in German (loaded only when a frame switches to German). */
import type { CommonMessages } from "../common-messages.js";

export const de: CommonMessages = {
  network: "Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  unavailable: "Der Dienst ist gerade nicht verfügbar. Bitte versuchen Sie es in ein paar Minuten erneut.",
  sessionExpired: "Diese Sitzung ist abgelaufen. Schließen Sie dieses Fenster und beginnen Sie neu.",
  sessionOver: "Diese Sitzung ist bereits beendet. Schließen Sie dieses Fenster und beginnen Sie neu.",
  notAllowed: "Diese Seite darf dieses Formular nicht anzeigen. Wenn Sie diese Website betreiben, fügen Sie ihren Ursprung zu den erlaubten Ursprüngen hinzu.",
  notEmbedded: "Dieses Formular funktioniert nur auf der Website, die es geöffnet hat.",
  generic: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
  rateLimited: "Zu viele Versuche. Bitte warten Sie ein paar Minuten und versuchen Sie es dann erneut.",
};
