/** The errors every flow shares, in Spanish (loaded only when a frame switches to Spanish). */
import type { CommonMessages } from "../common-messages.js";

export const es: CommonMessages = {
  network: "No pudimos conectar con el servicio. Comprueba tu conexión e inténtalo de nuevo.",
  unavailable: "El servicio no está disponible ahora mismo. Vuelve a intentarlo en unos minutos.",
  sessionExpired: "Esta sesión ha caducado. Cierra esta ventana y empieza de nuevo.",
  sessionOver: "Esta sesión ya ha terminado. Cierra esta ventana y empieza de nuevo.",
  notAllowed: "Esta página no puede mostrar este formulario. Si administras este sitio, añade su origen a los orígenes permitidos.",
  notEmbedded: "Este formulario solo funciona dentro del sitio que lo abrió.",
  generic: "Algo salió mal. Inténtalo de nuevo.",
  rateLimited: "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
};
