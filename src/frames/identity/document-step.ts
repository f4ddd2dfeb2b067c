/**
 * The identity flow's document choice: which document (passport, driving licence, ID card)
 * and its issuing country, as the customer picks them and as the widget host saved them.
 * A new choice starts the photos over (the controller's part, in `chosen`). The country
 * preselected until then is the locale's (countries.ts), which comes with the document
 * screen's chunk rather than in the frame's first load.
 */
import { EnclaveError } from "../../protocol/errors.js";
import type { DocumentType } from "../../protocol/identity-api.js";
import { currentLocale } from "../ui/i18n.js";
import type { IdentityDocumentDetail } from "./events.js";
import type { IdentityApi } from "./identity-client.js";
import type { IdentityScreen } from "./model.js";

type DocumentScreen = Extract<IdentityScreen, { name: "document_type" }>;

/** What the document step needs of the controller. */
export interface DocumentHost {
  api(): IdentityApi | undefined;
  screen(): IdentityScreen;
  signal(): AbortSignal;
  show(screen: DocumentScreen): void;
  patchDocument(changes: Partial<DocumentScreen>): void;
  /** The widget host saved the choice: the photos start over. */
  chosen(type: DocumentType, country: string): void;
}

export class DocumentStep {
  type: DocumentType | null = null;
  /** The issuing country the customer or the session chose; "" until then (see `show`). */
  country = "";

  constructor(private readonly host: DocumentHost) {}

  show(): void {
    this.host.show({ name: "document_type", documentType: this.type, country: this.country, busy: false, errorCode: null });
    if (!this.country) void this.preselectCountry();
  }

  /**
   * The likeliest issuing country: the locale's region. Its module is the document screen's
   * own, fetched as this screen shows, so the choice is there as the screen is.
   */
  private async preselectCountry(): Promise<void> {
    const country = await import("./preselect-country.js").then(
      ({ defaultCountry }) => defaultCountry(currentLocale()),
      () => "US",
    );
    if (this.country) return;
    this.country = country;
    this.host.patchDocument({ country });
  }

  change({ documentType, country }: IdentityDocumentDetail): void {
    this.type = documentType;
    this.country = country;
    this.host.patchDocument({ documentType, country, errorCode: null });
  }

  async submit({ documentType, country }: IdentityDocumentDetail): Promise<void> {
    const host = this.host;
    const api = host.api();
    const screen = host.screen();
    if (!documentType || !api || screen.name !== "document_type" || screen.busy) return;
    this.type = documentType;
    this.country = country;
    const signal = host.signal();
    host.patchDocument({ documentType, country, busy: true, errorCode: null });
    try {
      await api.chooseDocument(documentType, country);
    } catch (error) {
      if (!signal.aborted) host.patchDocument({ busy: false, errorCode: EnclaveError.from(error).code });
      return;
    }
    if (!signal.aborted) host.chosen(documentType, country);
  }
}
