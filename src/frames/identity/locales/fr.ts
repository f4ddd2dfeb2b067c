/**
 * The identity flow in French (vous). French puts a no-break space (\u00a0) before
 * « : ? ; » and inside guillemets, so a line never starts with the punctuation.
 */
import { formatNumber } from "../../ui/i18n.js";
import type { IdentityCatalog } from "../messages.js";

export const fr: IdentityCatalog = {
  pageTitle: "Vérification d’identité",
  someMerchant: "Cette entreprise",

  frame: {
    back: "Retour",
    close: "Fermer",
    secured: "Sécurisé par Enclave",
    step: (step, total) => `Étape ${formatNumber(step)} sur ${formatNumber(total)}`,
  },

  documents: {
    passport: "Passeport",
    driving_license: "Permis de conduire",
    id_card: "Carte d’identité",
  },

  sides: {
    front: "Recto du document",
    back: "Verso du document",
    selfie: "Selfie",
  },

  consent: {
    title: "Vérifiez votre identité",
    lede: (merchant) => `${merchant} doit s’assurer que vous êtes bien la personne que vous dites être. Cela ne prend que quelques minutes.`,
    collectTitle: "Ce que nous allons vous demander",
    document: "Une photo d’une pièce d’identité officielle\u00a0: votre passeport, votre permis de conduire ou votre carte d’identité",
    selfie: "Un selfie, pour vérifier que vous êtes bien la personne figurant sur la pièce d’identité",
    useTitle: "Utilisation",
    use: (merchant) =>
      `${merchant} reçoit le résultat, avec vos nom et prénom, votre date de naissance et les informations de votre document. Vos photos servent uniquement à vérifier votre identité et sont conservées chiffrées.`,
    retentionTitle: "Durée de conservation",
    retention: (merchant, days) =>
      `Vos images sont supprimées dès que ${merchant} en demande la suppression, et au plus tard au bout de ${formatNumber(days)}\u00a0${days < 2 ? "jour" : "jours"}.`,
    continue: "Continuer",
    decline: "Refuser",
  },

  document: {
    title: "Choisissez votre pièce d’identité",
    lede: "Utilisez le document original, et non une copie ou une capture d’écran, et vérifiez qu’il n’a pas expiré.",
    typeLegend: "Type de document",
    hints: {
      passport: "Page avec la photo",
      driving_license: "Recto et verso",
      id_card: "Recto et verso",
    },
    country: "Pays de délivrance",
    chooseType: "Choisissez le type de votre document.",
    continue: "Continuer",
    saving: "Enregistrement de votre choix…",
  },

  capture: {
    steps: {
      passport: { title: "Page photo de votre passeport", lede: "Ouvrez votre passeport à la page qui porte votre photo et prenez-la en photo." },
      driving_license_front: { title: "Recto de votre permis de conduire", lede: "Prenez en photo le recto de votre permis de conduire." },
      driving_license_back: { title: "Verso de votre permis de conduire", lede: "Retournez votre permis de conduire et prenez le verso en photo." },
      id_card_front: { title: "Recto de votre carte d’identité", lede: "Prenez en photo le recto de votre carte d’identité." },
      id_card_back: { title: "Verso de votre carte d’identité", lede: "Retournez votre carte d’identité et prenez le verso en photo." },
      selfie: {
        title: "Prenez un selfie",
        lede: "Nous le comparerons à la photo de votre pièce d’identité. Placez-vous face à la caméra, dans un endroit bien éclairé, sans lunettes ni chapeau.",
      },
    },
    tipsTitle: "Pour une bonne photo",
    documentTips: {
      flat: "Posez-le à plat sur une surface sombre, bien éclairée",
      corners: "Gardez les quatre coins dans la photo",
      glare: "Évitez les reflets et ne masquez aucun texte",
    },
    selfieTips: {
      face: "Gardez tout votre visage dans le cadre",
      light: "Choisissez une lumière uniforme, sans ombres marquées",
      expression: "Gardez une expression neutre",
    },
    useCamera: "Utiliser la caméra",
    orPhone: "La caméra de votre téléphone prend généralement des photos plus nettes.",
    continueOnPhone: "Continuer sur votre téléphone",
    upload: {
      front: "Importer le recto du document",
      back: "Importer le verso du document",
      selfie: "Importer un selfie",
    },
    starting: "Démarrage de la caméra…",
    guideDocument: "Placez votre document dans le cadre et ne bougez plus.",
    guideSelfie: "Gardez votre visage dans l’ovale et ne bougez plus.",
    preview: "Aperçu de la caméra",
    takePhoto: "Prendre la photo",
    cancel: "Annuler",
    retake: "Reprendre",
    usePhoto: "Utiliser cette photo",
    photoAlt: {
      front: "Votre photo du recto du document",
      back: "Votre photo du verso du document",
      selfie: "Votre selfie",
    },
    checking: "Vérification de votre photo…",
    uploading: "Envoi de votre photo…",
    cameraProblems: {
      unavailable: "Aucune caméra n’a été trouvée sur cet appareil.",
      denied: "L’accès à la caméra est bloqué. Vous pouvez l’autoriser dans les paramètres de votre navigateur.",
      in_use: "Votre caméra est utilisée par une autre application. Fermez-la et réessayez.",
    },
    cameraAlternatives: "Importez plutôt une photo, ou continuez sur votre téléphone.",
    cameraAlternativesPhone: "Importez plutôt une photo.",
  },

  review: {
    title: "Vérifiez vos photos",
    lede: "Assurez-vous que chaque photo est nette, sans partie coupée ni masquée par un reflet.",
    ledePhone: "Assurez-vous que chaque photo est nette, puis envoyez-les à votre ordinateur.",
    addedElsewhere: "Ajoutée sur un autre appareil",
    thumbnailAlt: {
      front: "Votre photo\u00a0: recto du document",
      back: "Votre photo\u00a0: verso du document",
      selfie: "Votre photo\u00a0: selfie",
    },
    retake: "Reprendre",
    retakeName: {
      front: "Reprendre le recto du document",
      back: "Reprendre le verso du document",
      selfie: "Reprendre le selfie",
    },
    submit: "Envoyer",
    finish: "Terminer",
    submitting: "Envoi de vos photos pour vérification…",
    finishing: "Envoi de vos photos…",
  },

  status: {
    loading: "Chargement…",
    unavailableTitle: "La vérification n’est pas disponible",
    processingTitle: "Vérification de votre identité…",
    processing: "Cela prend généralement quelques secondes. Gardez cette fenêtre ouverte.",
    verifiedTitle: "Votre identité est vérifiée",
    verified: (merchant) => `Merci. ${merchant} a été informé que votre identité est confirmée.`,
    requiresInputTitle: "Nous n’avons pas pu vérifier votre identité",
    requiresInput: {
      document_unverified:
        "Nous n’avons pas pu vérifier votre document. Assurez-vous qu’il s’agit d’une pièce d’identité officielle valide et non expirée, que ses quatre coins sont visibles sur la photo et que le texte est lisible, puis réessayez.",
      selfie_mismatch:
        "Votre selfie ne correspond pas à la photo de votre document. Prenez un nouveau selfie face à la caméra, dans un endroit bien éclairé, sans lunettes ni chapeau, puis réessayez.",
      other: "Nous n’avons pas pu terminer votre vérification. Veuillez réessayer.",
    },
    tryAgain: "Réessayer",
    done: "Terminé",
    phoneDoneTitle: "C’est terminé\u00a0: revenez sur votre ordinateur",
    phoneDone: "Vos photos ont été envoyées de façon sécurisée. Poursuivez sur votre ordinateur\u00a0; vous pouvez fermer cette page.",
    phoneInvalidTitle: "Ce lien ne peut pas être utilisé",
    phoneInvalid: "Sur votre ordinateur, choisissez à nouveau «\u00a0Continuer sur votre téléphone\u00a0» pour obtenir un nouveau code.",
  },

  handoff: {
    title: "Continuer sur votre téléphone",
    lede: "Scannez ce code QR avec l’appareil photo de votre téléphone, puis prenez les photos sur celui-ci. Cette page passera automatiquement à la suite une fois que vous aurez terminé.",
    qrLabel: "Code QR qui ouvre cette vérification sur votre téléphone",
    linkIntro: "Ou ouvrez ce lien sur votre téléphone\u00a0:",
    copy: "Copier le lien",
    copied: "Lien copié.",
    copyByHand: "Sélectionnez le lien et copiez-le (Ctrl+C, ou ⌘C sur Mac).",
    oneUse: (time) => `Ce lien ne fonctionne qu’une fois et expire à ${time}. Ne le partagez pas.`,
    creating: "Création d’un lien sécurisé…",
    waiting: "En attente de votre téléphone…",
    connected: "Téléphone connecté",
    connectedHint: "Suivez les étapes sur votre téléphone et gardez cette page ouverte.",
    added: (count, total) => `Photos ajoutées\u00a0: ${formatNumber(count)} sur ${formatNumber(total)}.`,
    addedMark: "Ajoutée",
    pendingMark: "En attente",
    expired: "Ce code a expiré.",
    renew: "Obtenir un nouveau code",
    useThisDevice: "Utiliser plutôt cet appareil",
  },

  exit: {
    title: "Quitter la vérification\u00a0?",
    text: "Votre identité ne sera pas encore vérifiée. Vous pourrez revenir terminer plus tard.",
    leave: "Quitter",
    stay: "Rester",
  },

  errors: {
    unsupportedFileType: "Ce fichier n’est pas une photo que nous pouvons utiliser. Choisissez une image JPEG ou PNG.",
    emptyFile: "Ce fichier est vide. Choisissez une autre photo.",
    fileTooLarge: (size) => `Cette photo dépasse ${size}. Choisissez-en une plus légère.`,
    imageTooSmall: (width, height) => `Cette photo est trop petite pour être lue. Utilisez une photo d’au moins ${width} × ${height} pixels, ou prenez-en une avec la caméra.`,
    selfieTooSmall: (width, height) => `Cette photo est trop petite. Utilisez une photo d’au moins ${width} × ${height} pixels, ou prenez-en une avec la caméra.`,
    imageBlurry: "Cette photo est floue. Ne bougez pas, vérifiez que le document est net, puis réessayez.",
    selfieBlurry: "Cette photo est floue. Ne bougez pas, vérifiez que votre visage est net, puis réessayez.",
    documentIncomplete: "Ajoutez une photo de chaque face de votre document avant de l’envoyer.",
    handoffInvalid: "Ce lien a expiré ou a déjà été utilisé.",
    cameraUnavailable: "Impossible d’utiliser votre caméra.",
    network: "Impossible de joindre le service de vérification. Vérifiez votre connexion et réessayez.",
    sessionNotOpen: "Cette vérification n’est plus ouverte.",
  },
};
