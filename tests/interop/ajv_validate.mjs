// Validate documents against JSON Schemas as a front end does: Ajv's 2020-12 class in strict
// mode, the formats of ajv-formats (date, email, ...) and ajv-formats-draft2019 (idn-email).
// Input (stdin): [{"schema": {...}, "docs": [...]}, ...]. Output (stdout): one array of
// booleans per job. A schema that strict mode refuses is an error (exit code 1).
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import addDraft2019Formats from "ajv-formats-draft2019";

export function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats(ajv);
  addDraft2019Formats(ajv, { formats: ["idn-email"] });
  return ajv;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const jobs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const ajv = makeAjv();
const out = jobs.map((job) => {
  const validate = ajv.compile(job.schema);
  return job.docs.map((doc) => validate(doc));
});
process.stdout.write(JSON.stringify(out));
