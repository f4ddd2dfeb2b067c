/** The errors every flow shares, in French (loaded only when a frame switches to French). */
import type { CommonMessages } from "../common-messages.js";

export const fr: CommonMessages = {
  network: "Impossible de joindre le service. Vérifiez votre connexion et réessayez.",
  unavailable: "Le service est indisponible pour le moment. Réessayez dans quelques minutes.",
  sessionExpired: "Cette session a expiré. Fermez cette fenêtre et recommencez.",
  sessionOver: "Cette session est déjà terminée. Fermez cette fenêtre et recommencez.",
  notAllowed: "Cette page n’est pas autorisée à afficher ce formulaire. Si vous gérez ce site, ajoutez son origine aux origines autorisées.",
  notEmbedded: "Ce formulaire ne fonctionne que dans le site qui l’a ouvert.",
  generic: "Une erreur s’est produite. Veuillez réessayer.",
  rateLimited: "Trop de tentatives. Patientez quelques minutes, puis réessayez.",
};
