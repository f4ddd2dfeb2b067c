/** The identity flow in German (Sie, as the frames' shared words). */
import { formatNumber } from "../../ui/i18n.js";
import type { IdentityCatalog } from "../messages.js";

export const de: IdentityCatalog = {
  pageTitle: "Identitätsprüfung",
  someMerchant: "Dieses Unternehmen",

  frame: {
    back: "Zurück",
    close: "Schließen",
    secured: "Geschützt durch Enclave",
    step: (step, total) => `Schritt ${formatNumber(step)} von ${formatNumber(total)}`,
  },

  documents: {
    passport: "Reisepass",
    driving_license: "Führerschein",
    id_card: "Personalausweis",
  },

  sides: {
    front: "Vorderseite des Dokuments",
    back: "Rückseite des Dokuments",
    selfie: "Selfie",
  },

  consent: {
    title: "Bestätigen Sie Ihre Identität",
    lede: (merchant) => `${merchant} muss sich vergewissern, dass Sie die Person sind, für die Sie sich ausgeben. Das dauert nur ein paar Minuten.`,
    collectTitle: "Was wir von Ihnen benötigen",
    document: "Ein Foto eines amtlichen Ausweisdokuments: Ihres Reisepasses, Führerscheins oder Personalausweises",
    selfie: "Ein Selfie, um zu prüfen, dass Sie die Person auf dem Ausweis sind",
    useTitle: "Wofür es verwendet wird",
    use: (merchant) =>
      `${merchant} erhält das Ergebnis zusammen mit Ihrem Namen, Ihrem Geburtsdatum und den Angaben Ihres Dokuments. Ihre Fotos werden ausschließlich für die Prüfung verwendet und verschlüsselt gespeichert.`,
    retentionTitle: "Wie lange es gespeichert wird",
    retention: (merchant, days) =>
      `Ihre Bilder werden gelöscht, sobald ${merchant} die Löschung veranlasst, spätestens aber nach ${formatNumber(days)} ${days === 1 ? "Tag" : "Tagen"}.`,
    continue: "Weiter",
    decline: "Ablehnen",
  },

  document: {
    title: "Wählen Sie Ihr Ausweisdokument",
    lede: "Verwenden Sie das Originaldokument, keine Kopie und keinen Screenshot, und achten Sie darauf, dass es noch gültig ist.",
    typeLegend: "Art des Dokuments",
    hints: {
      passport: "Seite mit Foto",
      driving_license: "Vorder- und Rückseite",
      id_card: "Vorder- und Rückseite",
    },
    country: "Ausstellungsland",
    chooseType: "Wählen Sie die Art Ihres Dokuments.",
    continue: "Weiter",
    saving: "Ihre Auswahl wird gespeichert…",
  },

  capture: {
    steps: {
      passport: { title: "Fotoseite Ihres Reisepasses", lede: "Schlagen Sie Ihren Reisepass auf der Seite mit Ihrem Foto auf und fotografieren Sie sie." },
      driving_license_front: { title: "Vorderseite Ihres Führerscheins", lede: "Fotografieren Sie die Vorderseite Ihres Führerscheins." },
      driving_license_back: { title: "Rückseite Ihres Führerscheins", lede: "Drehen Sie Ihren Führerschein um und fotografieren Sie die Rückseite." },
      id_card_front: { title: "Vorderseite Ihres Personalausweises", lede: "Fotografieren Sie die Vorderseite Ihres Personalausweises." },
      id_card_back: { title: "Rückseite Ihres Personalausweises", lede: "Drehen Sie Ihren Personalausweis um und fotografieren Sie die Rückseite." },
      selfie: {
        title: "Machen Sie ein Selfie",
        lede: "Wir vergleichen es mit dem Foto auf Ihrem Ausweis. Schauen Sie bei guter Beleuchtung in die Kamera und nehmen Sie Brille und Kopfbedeckung ab.",
      },
    },
    tipsTitle: "Für ein gutes Foto",
    documentTips: {
      flat: "Legen Sie es bei guter Beleuchtung flach auf eine dunkle Unterlage",
      corners: "Achten Sie darauf, dass alle vier Ecken zu sehen sind",
      glare: "Vermeiden Sie Spiegelungen und verdecken Sie keinen Text",
    },
    selfieTips: {
      face: "Ihr ganzes Gesicht muss im Bild sein",
      light: "Sorgen Sie für gleichmäßiges Licht ohne starke Schatten",
      expression: "Behalten Sie einen neutralen Gesichtsausdruck bei",
    },
    useCamera: "Kamera verwenden",
    orPhone: "Die Kamera Ihres Smartphones macht meist schärfere Fotos.",
    continueOnPhone: "Auf dem Smartphone fortfahren",
    upload: {
      front: "Vorderseite des Dokuments hochladen",
      back: "Rückseite des Dokuments hochladen",
      selfie: "Selfie hochladen",
    },
    starting: "Kamera wird gestartet…",
    guideDocument: "Richten Sie Ihr Dokument im Rahmen aus und halten Sie still.",
    guideSelfie: "Halten Sie Ihr Gesicht im Oval und bewegen Sie sich nicht.",
    preview: "Kameravorschau",
    takePhoto: "Foto aufnehmen",
    cancel: "Abbrechen",
    retake: "Neu aufnehmen",
    usePhoto: "Dieses Foto verwenden",
    photoAlt: {
      front: "Ihr Foto der Vorderseite Ihres Dokuments",
      back: "Ihr Foto der Rückseite Ihres Dokuments",
      selfie: "Ihr Selfie",
    },
    checking: "Ihr Foto wird geprüft…",
    uploading: "Ihr Foto wird hochgeladen…",
    cameraProblems: {
      unavailable: "Auf diesem Gerät wurde keine Kamera gefunden.",
      denied: "Der Zugriff auf die Kamera ist blockiert. Sie können ihn in den Einstellungen Ihres Browsers erlauben.",
      in_use: "Ihre Kamera wird von einer anderen App verwendet. Schließen Sie diese und versuchen Sie es erneut.",
    },
    cameraAlternatives: "Laden Sie stattdessen ein Foto hoch oder fahren Sie auf Ihrem Smartphone fort.",
    cameraAlternativesPhone: "Laden Sie stattdessen ein Foto hoch.",
  },

  review: {
    title: "Prüfen Sie Ihre Fotos",
    lede: "Achten Sie darauf, dass jedes Foto scharf ist und nichts abgeschnitten oder von Spiegelungen verdeckt ist.",
    ledePhone: "Achten Sie darauf, dass jedes Foto scharf ist, und senden Sie die Fotos dann an Ihren Computer.",
    addedElsewhere: "Auf einem anderen Gerät hinzugefügt",
    thumbnailAlt: {
      front: "Ihr Foto: Vorderseite des Dokuments",
      back: "Ihr Foto: Rückseite des Dokuments",
      selfie: "Ihr Foto: Selfie",
    },
    retake: "Neu aufnehmen",
    retakeName: {
      front: "Vorderseite des Dokuments neu aufnehmen",
      back: "Rückseite des Dokuments neu aufnehmen",
      selfie: "Selfie neu aufnehmen",
    },
    submit: "Absenden",
    finish: "Fertig",
    submitting: "Ihre Fotos werden zur Prüfung gesendet…",
    finishing: "Ihre Fotos werden gesendet…",
  },

  status: {
    loading: "Wird geladen…",
    unavailableTitle: "Die Prüfung ist nicht verfügbar",
    processingTitle: "Ihre Identität wird geprüft…",
    processing: "Das dauert meist nur wenige Sekunden. Lassen Sie dieses Fenster geöffnet.",
    verifiedTitle: "Ihre Identität ist bestätigt",
    verified: (merchant) => `Vielen Dank. ${merchant} wurde mitgeteilt, dass Ihre Identität bestätigt ist.`,
    requiresInputTitle: "Wir konnten Ihre Identität nicht bestätigen",
    requiresInput: {
      document_unverified:
        "Wir konnten Ihr Dokument nicht prüfen. Achten Sie darauf, dass es ein gültiger amtlicher Ausweis ist, dass alle vier Ecken auf dem Foto sind und der Text gut lesbar ist, und versuchen Sie es dann erneut.",
      selfie_mismatch:
        "Ihr Selfie stimmt nicht mit dem Foto auf Ihrem Dokument überein. Machen Sie ein neues Selfie mit Blick in die Kamera, bei guter Beleuchtung und ohne Brille oder Kopfbedeckung, und versuchen Sie es dann erneut.",
      other: "Wir konnten die Prüfung nicht abschließen. Bitte versuchen Sie es erneut.",
    },
    tryAgain: "Erneut versuchen",
    done: "Fertig",
    phoneDoneTitle: "Fertig – zurück zu Ihrem Computer",
    phoneDone: "Ihre Fotos wurden sicher übermittelt. Fahren Sie auf Ihrem Computer fort; Sie können diese Seite schließen.",
    phoneInvalidTitle: "Dieser Link kann nicht verwendet werden",
    phoneInvalid: "Wählen Sie auf Ihrem Computer erneut „Auf dem Smartphone fortfahren“, um einen neuen Code zu erhalten.",
  },

  handoff: {
    title: "Auf dem Smartphone fortfahren",
    lede: "Scannen Sie diesen QR-Code mit der Kamera Ihres Smartphones und nehmen Sie die Fotos dort auf. Diese Seite geht automatisch weiter, sobald Sie fertig sind.",
    qrLabel: "QR-Code, der diese Prüfung auf Ihrem Smartphone öffnet",
    linkIntro: "Oder öffnen Sie diesen Link auf Ihrem Smartphone:",
    copy: "Link kopieren",
    copied: "Link kopiert.",
    copyByHand: "Markieren Sie den Link und kopieren Sie ihn (Strg+C, auf dem Mac ⌘C).",
    oneUse: (time) => `Der Link funktioniert nur einmal und läuft um ${time} ab. Geben Sie ihn nicht weiter.`,
    creating: "Sicherer Link wird erstellt…",
    waiting: "Warten auf Ihr Smartphone…",
    connected: "Smartphone verbunden",
    connectedHint: "Folgen Sie den Schritten auf Ihrem Smartphone und lassen Sie diese Seite geöffnet.",
    added: (count, total) => `${formatNumber(count)} von ${formatNumber(total)} ${total === 1 ? "Foto" : "Fotos"} hinzugefügt.`,
    addedMark: "Hinzugefügt",
    pendingMark: "Ausstehend",
    expired: "Dieser Code ist abgelaufen.",
    renew: "Neuen Code anfordern",
    useThisDevice: "Stattdessen dieses Gerät verwenden",
  },

  exit: {
    title: "Prüfung verlassen?",
    text: "Ihre Identität ist dann noch nicht bestätigt. Sie können später zurückkommen und die Prüfung abschließen.",
    leave: "Verlassen",
    stay: "Bleiben",
  },

  errors: {
    unsupportedFileType: "Diese Datei ist kein Foto, das wir verwenden können. Wählen Sie ein JPEG- oder PNG-Bild.",
    emptyFile: "Diese Datei ist leer. Wählen Sie ein anderes Foto.",
    fileTooLarge: (size) => `Dieses Foto ist größer als ${size}. Wählen Sie ein kleineres.`,
    imageTooSmall: (width, height) =>
      `Dieses Foto ist zu klein, um es zu lesen. Verwenden Sie ein Foto mit mindestens ${width} × ${height} Pixeln oder nehmen Sie eines mit der Kamera auf.`,
    selfieTooSmall: (width, height) => `Dieses Foto ist zu klein. Verwenden Sie ein Foto mit mindestens ${width} × ${height} Pixeln oder nehmen Sie eines mit der Kamera auf.`,
    imageBlurry: "Dieses Foto ist unscharf. Halten Sie still, achten Sie darauf, dass das Dokument scharf ist, und versuchen Sie es erneut.",
    selfieBlurry: "Dieses Foto ist unscharf. Halten Sie still, achten Sie darauf, dass Ihr Gesicht scharf ist, und versuchen Sie es erneut.",
    documentIncomplete: "Fügen Sie vor dem Absenden von jeder Seite Ihres Dokuments ein Foto hinzu.",
    handoffInvalid: "Dieser Link ist abgelaufen oder wurde bereits verwendet.",
    cameraUnavailable: "Ihre Kamera konnte nicht verwendet werden.",
    network: "Der Prüfdienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    sessionNotOpen: "Diese Prüfung ist nicht mehr offen.",
  },
};
