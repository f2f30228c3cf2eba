/** Writes the generated grammar artifacts (see `grammarArtifacts.ts`). */
import { writeFileSync } from "node:fs";
import { grammarArtifacts } from "./grammarArtifacts.js";

for (const a of grammarArtifacts()) {
  writeFileSync(a.path, a.text);
  console.log(`wrote ${a.path}`);
}
