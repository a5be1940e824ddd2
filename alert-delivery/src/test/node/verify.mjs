// Verifies webhook requests with the Standard Webhooks reference library, as a receiver would.
// stdin: {"secret": "...", "raw": true|false, "requests": [{"headers": {...}, "body": "<base64>"}]}
// stdout: one line per request, "ok" or "refused: <the library's reason>".
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const input = JSON.parse(readFileSync(0, "utf8"));
const webhook = input.raw ? new Webhook(input.secret, { format: "raw" }) : new Webhook(input.secret);
for (const request of input.requests) {
  try {
    webhook.verify(Buffer.from(request.body, "base64").toString("utf8"), request.headers);
    console.log("ok");
  } catch (e) {
    console.log("refused: " + e.message);
  }
}
