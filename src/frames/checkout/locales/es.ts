/** The checkout in Spanish (neutral, addressing the customer as "tú", as Stripe and most Spanish-language stores do). */
import type { CheckoutMessages } from "../messages.js";

export const es: CheckoutMessages = {
  pageTitle: "Formulario de pago seguro de Enclave",
  loading: "Cargando los datos del pago",
  amountDue: "Importe a pagar",
  paying: (merchant) => `Pago a ${merchant}`,
  processing: "Procesando tu pago…",
  waitingForBank: "Esperando a que tu banco confirme el pago…",
  cannotShow: "No se puede mostrar este formulario de pago en este momento.",

  success: {
    title: "Pago realizado",
    paidTo: (merchant) => `Pagado a ${merchant}.`,
    paid: "Pagado.",
  },

  fields: {
    cardNumber: "Número de tarjeta",
    expiry: "Fecha de caducidad",
    expiryPlaceholder: "MM / AA",
    securityCode: "Código de seguridad",
    postalCode: "Código postal",
    optional: "Opcional",
  },

  securityCodeHelp: {
    button: "¿Dónde encuentro este código?",
    heading: "Código de verificación de la tarjeta",
    onBack: "El código de 3 dígitos que aparece en el reverso de la tarjeta, junto a la banda de firma.",
    onFront: "El código de 4 dígitos impreso en el anverso de la tarjeta, encima del número.",
    eitherSide: "El código de 3 dígitos que aparece en el reverso de la tarjeta, junto a la banda de firma. En las tarjetas American Express tiene 4 dígitos y está en el anverso.",
  },

  fieldErrors: {
    numberIncomplete: "El número de tarjeta está incompleto.",
    numberInvalid: "El número de tarjeta no es válido.",
    expiryIncomplete: "La fecha de caducidad está incompleta.",
    expiryInPast: "La fecha de caducidad ya ha pasado.",
    expiryTooFarAhead: "La fecha de caducidad es demasiado lejana.",
    securityCodeIncomplete: "El código de seguridad está incompleto.",
    securityCodeLength: (digits) => `El código de seguridad debe tener ${digits} dígitos.`,
    postalCodeIncomplete: "El código postal está incompleto.",
  },

  paymentErrors: {
    declined: "Tu tarjeta ha sido rechazada.",
    insufficientFunds: "Tu tarjeta no tiene fondos suficientes.",
    expiredCard: "Tu tarjeta ha caducado.",
    incorrectSecurityCode: "El código de seguridad de tu tarjeta es incorrecto.",
    invalidExpiry: "La fecha de caducidad de tu tarjeta no es válida.",
    invalidSecurityCode: "El código de seguridad de tu tarjeta no es válido.",
    authenticationFailed: "No hemos podido autenticar tu pago. Inténtalo de nuevo o usa otra tarjeta.",
    notCompleted: "No se ha podido completar el pago. Revisa los datos de tu tarjeta o usa otra.",
    formExpired: "Este formulario de pago ha caducado. Actualiza la página para volver a intentarlo.",
    paymentClosed: "Este pago ya no está disponible: ya se ha completado o se ha cancelado.",
    amountChanged: "El total ha cambiado. Revisa el nuevo importe y vuelve a pagar.",
  },

  threeDSecure: {
    title: "Confirma este pago",
    challengeFrame: "Página de tu banco, donde respondes a su verificación",
    close: "Cancelar la autenticación",
  },
};
