/**
 * Bank link in German ("Sie"). A bank's or merchant's name does not decline, but the
 * stand-ins do: "Ihre Bank" after "auf" or as the subject, "Ihrer Bank" after "bei", "von",
 * "zu" and "mit" — hence the dative helpers.
 */
import { formatNumber } from "../../ui/i18n.js";
import type { BankLinkMessages } from "../messages.js";
import { plural } from "../../ui/i18n.js";

/** Nominative and accusative. */
const app = (merchant: string): string => merchant || "diese App";
const App = (merchant: string): string => merchant || "Diese App";
const appDative = (merchant: string): string => merchant || "dieser App";
/** Nominative and accusative ("Ihre Bank" reads the same at the start of a sentence). */
const bank = (name: string): string => name || "Ihre Bank";
const bankDative = (name: string): string => name || "Ihrer Bank";

export const de: BankLinkMessages = {
  documentTitle: "Sichere Bankverbindung mit Enclave",

  frame: {
    back: "Zurück",
    close: "Schließen",
    brand: "Gesichert durch Enclave",
    step: (step, total) => `Schritt ${formatNumber(step)} von ${formatNumber(total)}`,
    loading: "Wird geladen…",
    loadFailed: "Die Bankverbindung kann gerade nicht angezeigt werden.",
  },

  consent: {
    title: (merchant) => `${App(merchant)} nutzt Enclave, um Ihr Bankkonto zu verbinden`,
    asks: (merchant) => `${App(merchant)} möchte Folgendes sehen:`,
    products: {
      accounts: { name: "Kontodaten", text: "Kontonamen, Kontoarten und die letzten vier Ziffern der Kontonummern" },
      balances: { name: "Kontostände", text: "Aktueller und verfügbarer Kontostand" },
      transactions: { name: "Umsätze", text: "Ihre letzten Kontoumsätze" },
    },
    credentialsPrivate: (merchant) => `Ihr Benutzername und Ihr Passwort gehen nur an Ihre Bank – niemals an ${app(merchant)}.`,
    sharedOnChoice: (merchant) => `${App(merchant)} sieht Ihre Daten erst, nachdem Sie ausgewählt haben, welche Konten Sie freigeben.`,
    continue: "Weiter",
  },

  search: {
    title: "Wählen Sie Ihre Bank aus",
    searchLabel: "Institute suchen",
    placeholder: "Nach Banknamen suchen",
    resultsLabel: "Institute",
    popular: "Beliebte Banken",
    loadingPopular: "Banken werden geladen…",
    searching: "Suche läuft…",
    resultCount: (count) =>
      `${plural(count, { one: `${formatNumber(count)} Institut gefunden.`, other: `${formatNumber(count)} Institute gefunden.` })} Wählen Sie mit den Pfeiltasten aus und bestätigen Sie mit der Eingabetaste.`,
    noResults: (query) => `Keine Institute gefunden für „${query}“`,
    noResultsHint: "Prüfen Sie die Schreibweise oder versuchen Sie es mit dem vollständigen Namen Ihrer Bank. In der Testumgebung finden Sie Banken unter „Sandbox“.",
    searchFailed: "Die Suche nach Instituten ist fehlgeschlagen.",
    popularFailed: "Die Liste der Banken konnte nicht geladen werden.",
    retry: "Erneut versuchen",
  },

  credentials: {
    title: (name) => `Bei ${bankDative(name)} anmelden`,
    lede: (name) => `Geben Sie den Benutzernamen und das Passwort ein, die Sie für das Onlinebanking von ${bankDative(name)} verwenden.`,
    username: "Benutzername",
    password: "Passwort",
    showPassword: "Passwort anzeigen",
    submit: "Absenden",
    connecting: (name) => `Verbindung zu ${bankDative(name)} wird hergestellt…`,
    usernameMissing: "Geben Sie Ihren Benutzernamen ein.",
    passwordMissing: "Geben Sie Ihr Passwort ein.",
    sandboxHint: "Testumgebung: Melden Sie sich mit user_good / pass_good an (user_mfa fragt nach einem Code, user_locked ist gesperrt).",
  },

  oauth: {
    title: (name) => `Weiter zu ${bankDative(name)}`,
    lede: (name) => `Sie melden sich in einem neuen Fenster auf der Website von ${bankDative(name)} an. Ihr Passwort bleibt bei ${bankDative(name)}.`,
    stepSignIn: (name) => `Melden Sie sich auf der Website von ${bankDative(name)} an und erlauben Sie den Zugriff.`,
    stepReturn: "Kehren Sie dann hierher zurück, um die Konten auszuwählen, die Sie freigeben möchten.",
    continue: "Weiter",
    opening: (name) => `Website von ${bankDative(name)} wird geöffnet…`,
    waiting: (name) => `Warten auf ${bank(name)}…`,
    waitingHint: (name) => `Schließen Sie den Vorgang auf der Seite von ${bankDative(name)} im geöffneten Fenster ab. Dieser Bildschirm geht dann von selbst weiter.`,
    reopen: (name) => `Website von ${bankDative(name)} erneut öffnen`,
    blocked: (name) => `Ihr Browser hat das Fenster von ${bankDative(name)} blockiert. Öffnen Sie die Seite stattdessen in einem neuen Tab – dieser Bildschirm wartet weiter.`,
    openInTab: (name) => `Website von ${bankDative(name)} in neuem Tab öffnen`,
    denied: (name) => `${bank(name)} hat Ihre Konten nicht freigegeben: Der Zugriff wurde abgelehnt oder die Anmeldung abgebrochen.`,
    closed: (name) => `Das Fenster von ${bankDative(name)} wurde geschlossen, bevor Sie die Anmeldung abgeschlossen haben.`,
    failed: (name) => `Wir konnten ${bank(name)} nicht erreichen.`,
    tryAgain: "Erneut versuchen",
  },

  mfa: {
    title: "Bestätigungscode eingeben",
    sentTo: (name) => `${bank(name)} hat einen Bestätigungscode an die Telefonnummer oder E-Mail-Adresse Ihres Kontos gesendet.`,
    label: "Bestätigungscode",
    submit: "Absenden",
    checking: "Code wird geprüft…",
    missing: "Geben Sie den Bestätigungscode ein.",
    wrongCode: (attemptsLeft) =>
      attemptsLeft <= 0
        ? "Dieser Code ist falsch."
        : `Dieser Code ist falsch. ${plural(attemptsLeft, { one: `Sie haben noch ${formatNumber(attemptsLeft)} Versuch.`, other: `Sie haben noch ${formatNumber(attemptsLeft)} Versuche.` })}`,
    signInAgain: "Erneut anmelden",
    sandboxHint: "Testumgebung: Der Code lautet 123456.",
  },

  accounts: {
    title: (merchant) => `Wählen Sie die Konten aus, die Sie mit ${appDative(merchant)} teilen möchten`,
    lede: (merchant) => `${App(merchant)} sieht nur die Konten, die Sie auswählen.`,
    legend: (name) => `Konten bei ${bankDative(name)}`,
    endingIn: (mask) => `, endet auf ${mask}`,
    subtypes: { checking: "Girokonto", savings: "Sparkonto", "credit card": "Kreditkarte" },
    types: { depository: "Bankkonto", credit: "Kreditkonto" },
    balance: "Kontostand",
    owed: "Offener Betrag",
    noneChosen: "Wählen Sie mindestens ein Konto aus, um fortzufahren.",
    continue: "Weiter",
    sharing: "Ihre Konten werden freigegeben…",
    failed: "Die Konten konnten nicht freigegeben werden. Versuchen Sie es erneut.",
  },

  success: {
    title: (name) => `Mit ${bankDative(name)} verbunden`,
    shared: (merchant, count) => `${App(merchant)} kann jetzt ${plural(count, { one: "das ausgewählte Konto", other: `die ${formatNumber(count)} ausgewählten Konten` })} sehen.`,
    done: "Fertig",
  },

  exit: {
    title: "Beenden, ohne Ihre Bank zu verbinden?",
    text: (merchant) => `Ihr Fortschritt geht verloren, und ${app(merchant)} erhält keinen Zugriff auf Ihre Konten.`,
    leave: "Beenden",
    stay: "Bleiben",
  },

  recovery: {
    chooseAnotherBank: "Andere Bank wählen",
    exit: "Beenden",
  },

  errors: {
    invalidCredentials: "Benutzername oder Passwort ist falsch.",
    itemLocked: (name) =>
      `Ihr Konto bei ${bankDative(name)} wurde nach zu vielen Anmeldeversuchen gesperrt. Entsperren Sie es auf der Website von ${bankDative(name)} und versuchen Sie es dann erneut.`,
    mfaLocked: "Zu viele falsche Codes. Melden Sie sich zu Ihrer Sicherheit erneut an, um einen neuen Code zu erhalten.",
    linkStepInvalid: "Dieser Schritt ist nicht mehr gültig. Gehen Sie zurück und melden Sie sich erneut bei Ihrer Bank an.",
  },
};
