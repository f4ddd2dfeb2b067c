/** The identity flow in Spanish (tú, as the frames' shared words). */
import { formatNumber } from "../../ui/i18n.js";
import type { IdentityCatalog } from "../messages.js";

export const es: IdentityCatalog = {
  pageTitle: "Verificación de identidad",
  someMerchant: "Esta empresa",

  frame: {
    back: "Atrás",
    close: "Cerrar",
    secured: "Protegido por Enclave",
    step: (step, total) => `Paso ${formatNumber(step)} de ${formatNumber(total)}`,
  },

  documents: {
    passport: "Pasaporte",
    driving_license: "Permiso de conducir",
    id_card: "Documento de identidad",
  },

  sides: {
    front: "Anverso del documento",
    back: "Reverso del documento",
    selfie: "Selfie",
  },

  consent: {
    title: "Verifica tu identidad",
    lede: (merchant) => `${merchant} necesita confirmar que eres quien dices ser. Solo te llevará un par de minutos.`,
    collectTitle: "Qué te pediremos",
    document: "Una foto de un documento de identidad oficial: tu pasaporte, tu permiso de conducir o tu documento de identidad",
    selfie: "Un selfie, para comprobar que eres la persona del documento",
    useTitle: "Cómo se usa",
    use: (merchant) =>
      `${merchant} recibe el resultado junto con tu nombre, tu fecha de nacimiento y los datos de tu documento. Tus fotos solo se usan para verificar tu identidad y se guardan cifradas.`,
    retentionTitle: "Cuánto tiempo se conservan",
    retention: (merchant, days) =>
      `Tus imágenes se eliminan cuando ${merchant} solicita su eliminación o, como máximo, al cabo de ${formatNumber(days)} ${days === 1 ? "día" : "días"}.`,
    continue: "Continuar",
    decline: "Rechazar",
  },

  document: {
    title: "Elige tu documento",
    lede: "Usa el documento original, no una copia ni una captura de pantalla, y asegúrate de que no esté caducado.",
    typeLegend: "Tipo de documento",
    hints: {
      passport: "Página de la foto",
      driving_license: "Anverso y reverso",
      id_card: "Anverso y reverso",
    },
    country: "País de expedición",
    chooseType: "Elige el tipo de documento.",
    continue: "Continuar",
    saving: "Guardando tu elección…",
  },

  capture: {
    steps: {
      passport: { title: "Página de la foto de tu pasaporte", lede: "Abre el pasaporte por la página de tu foto y hazle una foto." },
      driving_license_front: { title: "Anverso de tu permiso de conducir", lede: "Haz una foto del anverso de tu permiso de conducir." },
      driving_license_back: { title: "Reverso de tu permiso de conducir", lede: "Da la vuelta a tu permiso de conducir y haz una foto del reverso." },
      id_card_front: { title: "Anverso de tu documento de identidad", lede: "Haz una foto del anverso de tu documento de identidad." },
      id_card_back: { title: "Reverso de tu documento de identidad", lede: "Da la vuelta a tu documento de identidad y haz una foto del reverso." },
      selfie: { title: "Hazte un selfie", lede: "Lo compararemos con la foto de tu documento. Mira a la cámara con buena luz y quítate las gafas y el sombrero." },
    },
    tipsTitle: "Para que la foto salga bien",
    documentTips: {
      flat: "Colócalo plano sobre una superficie oscura y con buena luz",
      corners: "Haz que se vean las cuatro esquinas",
      glare: "Evita los reflejos y no tapes ningún texto",
    },
    selfieTips: {
      face: "Que se te vea la cara entera en el encuadre",
      light: "Busca una luz uniforme, sin sombras marcadas",
      expression: "Mantén una expresión neutra",
    },
    useCamera: "Usar la cámara",
    orPhone: "La cámara del móvil suele hacer fotos más nítidas.",
    continueOnPhone: "Continuar en el móvil",
    upload: {
      front: "Subir el anverso del documento",
      back: "Subir el reverso del documento",
      selfie: "Subir un selfie",
    },
    starting: "Iniciando la cámara…",
    guideDocument: "Encaja el documento en el marco y no te muevas.",
    guideSelfie: "Mantén la cara dentro del óvalo y no te muevas.",
    preview: "Vista previa de la cámara",
    takePhoto: "Hacer la foto",
    cancel: "Cancelar",
    retake: "Repetir",
    usePhoto: "Usar esta foto",
    photoAlt: {
      front: "Tu foto del anverso del documento",
      back: "Tu foto del reverso del documento",
      selfie: "Tu selfie",
    },
    checking: "Comprobando la foto…",
    uploading: "Subiendo la foto…",
    cameraProblems: {
      unavailable: "No hemos encontrado ninguna cámara en este dispositivo.",
      denied: "El acceso a la cámara está bloqueado. Puedes permitirlo en la configuración del navegador.",
      in_use: "Otra aplicación está usando la cámara. Ciérrala y vuelve a intentarlo.",
    },
    cameraAlternatives: "Sube una foto o continúa en el móvil.",
    cameraAlternativesPhone: "Sube una foto en su lugar.",
  },

  review: {
    title: "Revisa tus fotos",
    lede: "Asegúrate de que todas las fotos sean nítidas y de que no haya nada cortado ni tapado por reflejos.",
    ledePhone: "Asegúrate de que todas las fotos sean nítidas y envíalas a tu ordenador.",
    addedElsewhere: "Añadida en otro dispositivo",
    thumbnailAlt: {
      front: "Tu foto: anverso del documento",
      back: "Tu foto: reverso del documento",
      selfie: "Tu foto: selfie",
    },
    retake: "Repetir",
    retakeName: {
      front: "Repetir el anverso del documento",
      back: "Repetir el reverso del documento",
      selfie: "Repetir el selfie",
    },
    submit: "Enviar",
    finish: "Terminar",
    submitting: "Enviando tus fotos para verificarlas…",
    finishing: "Enviando tus fotos…",
  },

  status: {
    loading: "Cargando…",
    unavailableTitle: "La verificación no está disponible",
    processingTitle: "Verificando tu identidad…",
    processing: "Suele tardar unos segundos. No cierres esta ventana.",
    verifiedTitle: "Identidad verificada",
    verified: (merchant) => `Gracias. Hemos informado a ${merchant} de que tu identidad está confirmada.`,
    requiresInputTitle: "No hemos podido verificar tu identidad",
    requiresInput: {
      document_unverified:
        "No hemos podido verificar tu documento. Comprueba que sea un documento oficial válido y no caducado, que se vean las cuatro esquinas en la foto y que el texto se lea bien, y vuelve a intentarlo.",
      selfie_mismatch: "Tu selfie no coincide con la foto de tu documento. Hazte otro mirando a la cámara, con buena luz y sin gafas ni sombrero, y vuelve a intentarlo.",
      other: "No hemos podido completar la verificación. Vuelve a intentarlo.",
    },
    tryAgain: "Volver a intentarlo",
    done: "Listo",
    phoneDoneTitle: "Listo: vuelve a tu ordenador",
    phoneDone: "Tus fotos se han enviado de forma segura. Continúa en tu ordenador; ya puedes cerrar esta página.",
    phoneInvalidTitle: "Este enlace no se puede usar",
    phoneInvalid: "En tu ordenador, elige de nuevo «Continuar en el móvil» para obtener un código nuevo.",
  },

  handoff: {
    title: "Continuar en el móvil",
    lede: "Escanea este código QR con la cámara del móvil y haz allí las fotos. Esta página avanzará sola cuando termines.",
    qrLabel: "Código QR que abre esta verificación en tu móvil",
    linkIntro: "O abre este enlace en el móvil:",
    copy: "Copiar enlace",
    copied: "Enlace copiado.",
    copyByHand: "Selecciona el enlace y cópialo (Ctrl+C, o ⌘C en un Mac).",
    oneUse: (time) => `El enlace solo se puede usar una vez y caduca a las ${time}. No lo compartas.`,
    creating: "Creando un enlace seguro…",
    waiting: "Esperando a tu móvil…",
    connected: "Móvil conectado",
    connectedHint: "Sigue los pasos en el móvil y no cierres esta página.",
    added: (count, total) => `Fotos añadidas: ${formatNumber(count)} de ${formatNumber(total)}.`,
    addedMark: "Añadida",
    pendingMark: "Pendiente",
    expired: "Este código ha caducado.",
    renew: "Obtener un código nuevo",
    useThisDevice: "Usar este dispositivo",
  },

  exit: {
    title: "¿Salir de la verificación?",
    text: "Tu identidad aún no estará verificada. Puedes volver y terminar más tarde.",
    leave: "Salir",
    stay: "Quedarme",
  },

  errors: {
    unsupportedFileType: "Este archivo no es una foto que podamos usar. Elige una imagen JPEG o PNG.",
    emptyFile: "Este archivo está vacío. Elige otra foto.",
    fileTooLarge: (size) => `Esta foto ocupa más de ${size}. Elige una más pequeña.`,
    imageTooSmall: (width, height) => `Esta foto es demasiado pequeña para poder leerla. Usa una foto de al menos ${width} × ${height} píxeles o hazla con la cámara.`,
    selfieTooSmall: (width, height) => `Esta foto es demasiado pequeña. Usa una foto de al menos ${width} × ${height} píxeles o hazla con la cámara.`,
    imageBlurry: "Esta foto está borrosa. No te muevas, asegúrate de que el documento esté enfocado y vuelve a intentarlo.",
    selfieBlurry: "Esta foto está borrosa. No te muevas, asegúrate de que tu cara esté enfocada y vuelve a intentarlo.",
    documentIncomplete: "Añade una foto de cada cara del documento antes de enviarlo.",
    handoffInvalid: "Este enlace ha caducado o ya se ha usado.",
    cameraUnavailable: "No hemos podido usar la cámara.",
    network: "No hemos podido conectar con el servicio de verificación. Comprueba tu conexión y vuelve a intentarlo.",
    sessionNotOpen: "Esta verificación ya no está abierta.",
  },
};
