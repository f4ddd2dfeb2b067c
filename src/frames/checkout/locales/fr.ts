/** The checkout in French ("vous", with French typography: ’ and a narrow no-break space before ? and :). */
import type { CheckoutMessages } from "../messages.js";

export const fr: CheckoutMessages = {
  pageTitle: "Formulaire de paiement sécurisé Enclave",
  loading: "Chargement des informations de paiement",
  amountDue: "Montant à payer",
  paying: (merchant) => `Paiement à ${merchant}`,
  processing: "Traitement de votre paiement…",
  waitingForBank: "En attente de la confirmation de votre banque…",
  cannotShow: "Ce formulaire de paiement ne peut pas être affiché pour le moment.",

  success: {
    title: "Paiement réussi",
    paidTo: (merchant) => `Payé à ${merchant}.`,
    paid: "Payé.",
  },

  fields: {
    cardNumber: "Numéro de carte",
    expiry: "Date d’expiration",
    expiryPlaceholder: "MM / AA",
    securityCode: "Code de sécurité",
    postalCode: "Code postal",
    optional: "Facultatif",
  },

  securityCodeHelp: {
    button: "Où trouver ce code\u202f?",
    heading: "Cryptogramme visuel",
    onBack: "Le code à 3 chiffres au dos de votre carte, à côté de la bande de signature.",
    onFront: "Le code à 4 chiffres imprimé au recto de votre carte, au-dessus du numéro de carte.",
    eitherSide: "Le code à 3 chiffres au dos de votre carte, à côté de la bande de signature. Sur les cartes American Express, il compte 4 chiffres et figure au recto.",
  },

  fieldErrors: {
    numberIncomplete: "Le numéro de carte est incomplet.",
    numberInvalid: "Le numéro de carte n’est pas valide.",
    expiryIncomplete: "La date d’expiration est incomplète.",
    expiryInPast: "La date d’expiration est dépassée.",
    expiryTooFarAhead: "La date d’expiration est trop lointaine.",
    securityCodeIncomplete: "Le code de sécurité est incomplet.",
    securityCodeLength: (digits) => `Le code de sécurité doit comporter ${digits} chiffres.`,
    postalCodeIncomplete: "Le code postal est incomplet.",
  },

  paymentErrors: {
    declined: "Votre carte a été refusée.",
    insufficientFunds: "Le solde de votre carte est insuffisant.",
    expiredCard: "Votre carte a expiré.",
    incorrectSecurityCode: "Le code de sécurité de votre carte est incorrect.",
    invalidExpiry: "La date d’expiration de votre carte n’est pas valide.",
    invalidSecurityCode: "Le code de sécurité de votre carte n’est pas valide.",
    authenticationFailed: "Nous n’avons pas pu authentifier votre paiement. Réessayez ou utilisez une autre carte.",
    notCompleted: "Votre paiement n’a pas pu aboutir. Vérifiez les informations de votre carte ou utilisez-en une autre.",
    formExpired: "Ce formulaire de paiement a expiré. Actualisez la page pour réessayer.",
    paymentClosed: "Ce paiement n’est plus disponible\u202f: il a déjà été effectué ou annulé.",
    amountChanged: "Le total a changé. Vérifiez le nouveau montant et payez à nouveau.",
  },

  threeDSecure: {
    title: "Confirmez ce paiement",
    challengeFrame: "Page de votre banque, où vous répondez à sa vérification",
    close: "Annuler l’authentification",
  },
};
