/** The checkout in German ("Sie", as German shops and payment pages address customers). */
import type { CheckoutMessages } from "../messages.js";

export const de: CheckoutMessages = {
  pageTitle: "Sicheres Zahlungsformular von Enclave",
  loading: "Zahlungsdetails werden geladen",
  amountDue: "Zu zahlender Betrag",
  paying: (merchant) => `Zahlung an ${merchant}`,
  processing: "Ihre Zahlung wird verarbeitet…",
  waitingForBank: "Warten auf die Bestätigung durch Ihre Bank…",
  cannotShow: "Dieses Zahlungsformular kann gerade nicht angezeigt werden.",

  success: {
    title: "Zahlung erfolgreich",
    paidTo: (merchant) => `Bezahlt an ${merchant}.`,
    paid: "Bezahlt.",
  },

  fields: {
    cardNumber: "Kartennummer",
    expiry: "Ablaufdatum",
    expiryPlaceholder: "MM / JJ",
    securityCode: "Sicherheitscode",
    postalCode: "Postleitzahl",
    optional: "Freiwillige Angabe",
  },

  securityCodeHelp: {
    button: "Wo finde ich diesen Code?",
    heading: "Kartenprüfnummer",
    onBack: "Der dreistellige Code auf der Rückseite Ihrer Karte, neben dem Unterschriftsfeld.",
    onFront: "Der vierstellige Code auf der Vorderseite Ihrer Karte, über der Kartennummer.",
    eitherSide: "Der dreistellige Code auf der Rückseite Ihrer Karte, neben dem Unterschriftsfeld. Bei American Express ist er vierstellig und steht auf der Vorderseite.",
  },

  fieldErrors: {
    numberIncomplete: "Ihre Kartennummer ist unvollständig.",
    numberInvalid: "Ihre Kartennummer ist ungültig.",
    expiryIncomplete: "Das Ablaufdatum Ihrer Karte ist unvollständig.",
    expiryInPast: "Das Ablaufdatum Ihrer Karte liegt in der Vergangenheit.",
    expiryTooFarAhead: "Das Ablaufdatum Ihrer Karte liegt zu weit in der Zukunft.",
    securityCodeIncomplete: "Der Sicherheitscode Ihrer Karte ist unvollständig.",
    securityCodeLength: (digits) => `Der Sicherheitscode Ihrer Karte muss ${digits} Ziffern haben.`,
    postalCodeIncomplete: "Ihre Postleitzahl ist unvollständig.",
  },

  paymentErrors: {
    declined: "Ihre Karte wurde abgelehnt.",
    insufficientFunds: "Ihre Karte ist nicht ausreichend gedeckt.",
    expiredCard: "Ihre Karte ist abgelaufen.",
    incorrectSecurityCode: "Der Sicherheitscode Ihrer Karte ist falsch.",
    invalidExpiry: "Das Ablaufdatum Ihrer Karte ist ungültig.",
    invalidSecurityCode: "Der Sicherheitscode Ihrer Karte ist ungültig.",
    authenticationFailed: "Wir konnten Ihre Zahlung nicht authentifizieren. Versuchen Sie es erneut oder verwenden Sie eine andere Karte.",
    notCompleted: "Ihre Zahlung konnte nicht abgeschlossen werden. Prüfen Sie Ihre Kartendaten oder verwenden Sie eine andere Karte.",
    formExpired: "Dieses Zahlungsformular ist abgelaufen. Laden Sie die Seite neu, um es noch einmal zu versuchen.",
    paymentClosed: "Diese Zahlung ist nicht mehr offen: Sie wurde bereits abgeschlossen oder storniert.",
    amountChanged: "Der Gesamtbetrag hat sich geändert. Prüfen Sie den neuen Betrag und zahlen Sie erneut.",
  },

  threeDSecure: {
    title: "Zahlung bestätigen",
    challengeFrame: "Seite Ihrer Bank, auf der Sie die Prüfung beantworten",
    close: "Authentifizierung abbrechen",
  },
};
