/**
 * One HTTP request with exactly the headers given (fetch would add Accept-Encoding and
 * decode the body), answered with the bytes as sent: what the static-file suites check.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function onTheWire(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}
