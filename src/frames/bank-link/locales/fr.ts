/**
 * Bank link in French ("vous"). French typography: a no-break space (\u00a0) before a colon
 * and inside « », a narrow no-break space (\u202f) before ? and !, so they never start a line.
 */
import { formatNumber } from "../../ui/i18n.js";
import type { BankLinkMessages } from "../messages.js";
import { plural } from "../../ui/i18n.js";

const app = (merchant: string): string => merchant || "cette application";
const App = (merchant: string): string => merchant || "Cette application";
const bank = (name: string): string => name || "votre banque";
const Bank = (name: string): string => name || "Votre banque";

export const fr: BankLinkMessages = {
  documentTitle: "Connexion bancaire sécurisée Enclave",

  frame: {
    back: "Retour",
    close: "Fermer",
    brand: "Sécurisé par Enclave",
    step: (step, total) => `Étape ${formatNumber(step)} sur ${formatNumber(total)}`,
    loading: "Chargement…",
    loadFailed: "La connexion bancaire ne peut pas s’afficher pour le moment.",
  },

  consent: {
    title: (merchant) => `${App(merchant)} utilise Enclave pour connecter votre compte bancaire`,
    asks: (merchant) => `${App(merchant)} demande l’accès à\u00a0:`,
    products: {
      accounts: { name: "Informations sur les comptes", text: "Nom et type des comptes, et les quatre derniers chiffres de leur numéro" },
      balances: { name: "Soldes", text: "Solde actuel et solde disponible" },
      transactions: { name: "Opérations", text: "L’historique de vos opérations récentes" },
    },
    credentialsPrivate: (merchant) => `Votre identifiant et votre mot de passe sont transmis uniquement à votre banque, jamais à ${app(merchant)}.`,
    sharedOnChoice: (merchant) => `${App(merchant)} n’accède à vos données qu’une fois que vous avez choisi les comptes à partager.`,
    continue: "Continuer",
  },

  search: {
    title: "Sélectionnez votre banque",
    searchLabel: "Rechercher un établissement",
    placeholder: "Nom de votre banque",
    resultsLabel: "Établissements",
    popular: "Banques les plus utilisées",
    loadingPopular: "Chargement des banques…",
    searching: "Recherche en cours…",
    resultCount: (count) =>
      `${plural(count, { one: `${formatNumber(count)}\u00a0établissement trouvé.`, other: `${formatNumber(count)}\u00a0établissements trouvés.` })} Parcourez la liste avec les flèches et validez avec Entrée.`,
    noResults: (query) => `Aucun établissement ne correspond à «\u00a0${query}\u00a0»`,
    noResultsHint: "Vérifiez l’orthographe ou essayez le nom complet de votre banque. Dans l’environnement de test, essayez «\u00a0Sandbox\u00a0».",
    searchFailed: "Impossible de rechercher des établissements.",
    popularFailed: "Impossible de charger la liste des banques.",
    retry: "Réessayer",
  },

  credentials: {
    title: (name) => `Connectez-vous à ${bank(name)}`,
    lede: (name) => `Saisissez l’identifiant et le mot de passe que vous utilisez pour la banque en ligne de ${bank(name)}.`,
    username: "Identifiant",
    password: "Mot de passe",
    showPassword: "Afficher le mot de passe",
    submit: "Valider",
    connecting: (name) => `Connexion à ${bank(name)}…`,
    usernameMissing: "Saisissez votre identifiant.",
    passwordMissing: "Saisissez votre mot de passe.",
    sandboxHint: "Environnement de test\u00a0: connectez-vous avec user_good / pass_good (user_mfa demande un code, user_locked est bloqué).",
  },

  oauth: {
    title: (name) => `Continuer vers ${bank(name)}`,
    lede: (name) => `Vous allez vous connecter sur le site de ${bank(name)}, dans une nouvelle fenêtre. Votre mot de passe reste chez ${bank(name)}.`,
    stepSignIn: (name) => `Connectez-vous et autorisez l’accès sur le site de ${bank(name)}.`,
    stepReturn: "Revenez ici pour choisir les comptes à partager.",
    continue: "Continuer",
    opening: (name) => `Ouverture du site de ${bank(name)}…`,
    waiting: (name) => `En attente de ${bank(name)}…`,
    waitingHint: (name) => `Terminez sur la page de ${bank(name)}, dans la fenêtre qui s’est ouverte. Cet écran passera tout seul à la suite.`,
    reopen: (name) => `Rouvrir la page de ${bank(name)}`,
    blocked: (name) => `Votre navigateur a bloqué la fenêtre de ${bank(name)}. Ouvrez-la plutôt dans un nouvel onglet\u00a0: cet écran reste en attente.`,
    openInTab: (name) => `Ouvrir ${bank(name)} dans un nouvel onglet`,
    denied: (name) => `${Bank(name)} n’a pas partagé vos comptes\u00a0: l’accès a été refusé ou la connexion a été annulée.`,
    closed: (name) => `La fenêtre de ${bank(name)} a été fermée avant la fin de la connexion.`,
    failed: (name) => `Impossible de joindre ${bank(name)}.`,
    tryAgain: "Réessayer",
  },

  mfa: {
    title: "Saisissez votre code de vérification",
    sentTo: (name) => `${Bank(name)} a envoyé un code de vérification au téléphone ou à l’adresse e-mail associés à votre compte.`,
    label: "Code de vérification",
    submit: "Valider",
    checking: "Vérification du code…",
    missing: "Saisissez le code de vérification.",
    wrongCode: (attemptsLeft) =>
      attemptsLeft <= 0
        ? "Ce code est incorrect."
        : `Ce code est incorrect. ${plural(attemptsLeft, { one: `Il vous reste ${formatNumber(attemptsLeft)}\u00a0tentative.`, other: `Il vous reste ${formatNumber(attemptsLeft)}\u00a0tentatives.` })}`,
    signInAgain: "Se reconnecter",
    sandboxHint: "Environnement de test\u00a0: le code est 123456.",
  },

  accounts: {
    title: (merchant) => `Choisissez les comptes à partager avec ${app(merchant)}`,
    lede: (merchant) => `${App(merchant)} ne verra que les comptes que vous aurez choisis.`,
    legend: (name) => `Comptes chez ${bank(name)}`,
    endingIn: (mask) => `, se terminant par ${mask}`,
    subtypes: { checking: "Compte courant", savings: "Compte épargne", "credit card": "Carte de crédit" },
    types: { depository: "Compte bancaire", credit: "Compte de crédit" },
    balance: "Solde",
    owed: "Montant dû",
    noneChosen: "Choisissez au moins un compte pour continuer.",
    continue: "Continuer",
    sharing: "Partage de vos comptes…",
    failed: "Impossible de partager ces comptes. Réessayez.",
  },

  success: {
    title: (name) => `Connecté à ${bank(name)}`,
    shared: (merchant, count) =>
      `${App(merchant)} peut désormais voir ${plural(count, { one: "le compte que vous avez choisi", other: `les ${formatNumber(count)}\u00a0comptes que vous avez choisis` })}.`,
    done: "Terminé",
  },

  exit: {
    title: "Quitter sans connecter votre banque\u202f?",
    text: (merchant) => `Votre progression sera perdue et ${app(merchant)} n’aura accès à aucun de vos comptes.`,
    leave: "Quitter",
    stay: "Rester",
  },

  recovery: {
    chooseAnotherBank: "Choisir une autre banque",
    exit: "Quitter",
  },

  errors: {
    invalidCredentials: "L’identifiant ou le mot de passe est incorrect.",
    itemLocked: (name) =>
      `Votre compte chez ${bank(name)} est bloqué après un trop grand nombre de tentatives de connexion. Débloquez-le sur le site de ${bank(name)}, puis réessayez.`,
    mfaLocked: "Trop de codes incorrects. Pour votre sécurité, reconnectez-vous pour recevoir un nouveau code.",
    linkStepInvalid: "Cette étape n’est plus valide. Revenez en arrière et reconnectez-vous à votre banque.",
  },
};
