/** Bank link in Spanish (neutral, addressing the customer as "tú", like the shared messages). */
import { formatNumber } from "../../ui/i18n.js";
import type { BankLinkMessages } from "../messages.js";
import { plural } from "../../ui/i18n.js";

const app = (merchant: string): string => merchant || "esta aplicación";
const App = (merchant: string): string => merchant || "Esta aplicación";
const bank = (name: string): string => name || "tu banco";
const Bank = (name: string): string => name || "Tu banco";

export const es: BankLinkMessages = {
  documentTitle: "Conexión bancaria segura de Enclave",

  frame: {
    back: "Atrás",
    close: "Cerrar",
    brand: "Protegido por Enclave",
    step: (step, total) => `Paso ${formatNumber(step)} de ${formatNumber(total)}`,
    loading: "Cargando…",
    loadFailed: "La conexión bancaria no está disponible en este momento.",
  },

  consent: {
    title: (merchant) => `${App(merchant)} usa Enclave para conectar tu cuenta bancaria`,
    asks: (merchant) => `${App(merchant)} solicita acceso a:`,
    products: {
      accounts: { name: "Datos de las cuentas", text: "Nombre y tipo de cada cuenta, y los últimos cuatro dígitos de su número" },
      balances: { name: "Saldos", text: "Saldo actual y saldo disponible" },
      transactions: { name: "Movimientos", text: "Tu historial de movimientos recientes" },
    },
    credentialsPrivate: (merchant) => `Tu usuario y tu contraseña solo se envían a tu banco, nunca a ${app(merchant)}.`,
    sharedOnChoice: (merchant) => `${App(merchant)} solo verá tus datos después de que elijas qué cuentas compartir.`,
    continue: "Continuar",
  },

  search: {
    title: "Selecciona tu banco",
    searchLabel: "Buscar entidades",
    placeholder: "Busca por el nombre de tu banco",
    resultsLabel: "Entidades",
    popular: "Bancos populares",
    loadingPopular: "Cargando bancos…",
    searching: "Buscando…",
    resultCount: (count) =>
      `${plural(count, { one: `Se encontró ${formatNumber(count)} entidad.`, other: `Se encontraron ${formatNumber(count)} entidades.` })} Usa las flechas para desplazarte y Intro para seleccionar.`,
    noResults: (query) => `Ninguna entidad coincide con «${query}»`,
    noResultsHint: "Revisa la ortografía o prueba con el nombre completo de tu banco. En el entorno de pruebas, busca «Sandbox».",
    searchFailed: "No pudimos buscar entidades.",
    popularFailed: "No pudimos cargar la lista de bancos.",
    retry: "Volver a intentarlo",
  },

  credentials: {
    title: (name) => `Inicia sesión en ${bank(name)}`,
    lede: (name) => `Introduce el usuario y la contraseña que usas en la banca en línea de ${bank(name)}.`,
    username: "Usuario",
    password: "Contraseña",
    showPassword: "Mostrar contraseña",
    submit: "Enviar",
    connecting: (name) => `Conectando con ${bank(name)}…`,
    usernameMissing: "Introduce tu usuario.",
    passwordMissing: "Introduce tu contraseña.",
    sandboxHint: "Entorno de pruebas: inicia sesión con user_good / pass_good (user_mfa pide un código y user_locked está bloqueado).",
  },

  oauth: {
    title: (name) => `Ir a ${bank(name)}`,
    lede: (name) => `Iniciarás sesión en el sitio web de ${bank(name)}, en una ventana nueva. Tu contraseña queda solo entre tú y ${bank(name)}.`,
    stepSignIn: (name) => `Inicia sesión y autoriza el acceso en el sitio de ${bank(name)}.`,
    stepReturn: "Vuelve aquí para elegir las cuentas que quieres compartir.",
    continue: "Continuar",
    opening: (name) => `Abriendo ${bank(name)}…`,
    waiting: (name) => `Esperando a ${bank(name)}…`,
    waitingHint: (name) => `Termina en la página de ${bank(name)}, en la ventana que se abrió. Esta pantalla avanzará sola.`,
    reopen: (name) => `Volver a abrir ${bank(name)}`,
    blocked: (name) => `Tu navegador bloqueó la ventana de ${bank(name)}. Ábrela en una pestaña nueva; esta pantalla seguirá esperando.`,
    openInTab: (name) => `Abrir ${bank(name)} en una pestaña nueva`,
    denied: (name) => `${Bank(name)} no compartió tus cuentas: se denegó el acceso o se canceló el inicio de sesión.`,
    closed: (name) => `Se cerró la ventana de ${bank(name)} antes de que terminaras de iniciar sesión.`,
    failed: (name) => `No pudimos conectar con ${bank(name)}.`,
    tryAgain: "Volver a intentarlo",
  },

  mfa: {
    title: "Introduce tu código de verificación",
    sentTo: (name) => `${Bank(name)} envió un código de verificación al teléfono o al correo electrónico asociados a tu cuenta.`,
    label: "Código de verificación",
    submit: "Enviar",
    checking: "Comprobando el código…",
    missing: "Introduce el código de verificación.",
    wrongCode: (attemptsLeft) =>
      attemptsLeft <= 0
        ? "El código no es correcto."
        : `El código no es correcto. ${plural(attemptsLeft, { one: `Te queda ${formatNumber(attemptsLeft)} intento.`, other: `Te quedan ${formatNumber(attemptsLeft)} intentos.` })}`,
    signInAgain: "Volver a iniciar sesión",
    sandboxHint: "Entorno de pruebas: el código es 123456.",
  },

  accounts: {
    title: (merchant) => `Elige las cuentas que quieres compartir con ${app(merchant)}`,
    lede: (merchant) => `${App(merchant)} solo verá las cuentas que elijas.`,
    legend: (name) => `Cuentas en ${bank(name)}`,
    endingIn: (mask) => `, terminada en ${mask}`,
    subtypes: { checking: "Cuenta corriente", savings: "Cuenta de ahorro", "credit card": "Tarjeta de crédito" },
    types: { depository: "Cuenta bancaria", credit: "Cuenta de crédito" },
    balance: "Saldo",
    owed: "Saldo pendiente",
    noneChosen: "Elige al menos una cuenta para continuar.",
    continue: "Continuar",
    sharing: "Compartiendo tus cuentas…",
    failed: "No pudimos compartir estas cuentas. Vuelve a intentarlo.",
  },

  success: {
    title: (name) => `Conectado con ${bank(name)}`,
    shared: (merchant, count) => `${App(merchant)} ya puede ver ${plural(count, { one: "la cuenta que elegiste", other: `las ${formatNumber(count)} cuentas que elegiste` })}.`,
    done: "Listo",
  },

  exit: {
    title: "¿Salir sin conectar tu banco?",
    text: (merchant) => `Perderás tu progreso y ${app(merchant)} no tendrá acceso a ninguna de tus cuentas.`,
    leave: "Salir",
    stay: "Quedarme",
  },

  recovery: {
    chooseAnotherBank: "Elegir otro banco",
    exit: "Salir",
  },

  errors: {
    invalidCredentials: "El usuario o la contraseña no son correctos.",
    itemLocked: (name) =>
      `Tu cuenta en ${bank(name)} está bloqueada por demasiados intentos de inicio de sesión. Desbloquéala en el sitio web de ${bank(name)} y vuelve a intentarlo.`,
    mfaLocked: "Demasiados códigos incorrectos. Por tu seguridad, vuelve a iniciar sesión para recibir un código nuevo.",
    linkStepInvalid: "Este paso ya no es válido. Vuelve atrás e inicia sesión en tu banco de nuevo.",
  },
};
