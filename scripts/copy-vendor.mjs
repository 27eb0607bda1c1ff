// Copies the pinned front-end libraries from node_modules into the git-ignored
// src/pcrm/web/static/vendor/ directory that the app serves. Run by `npm ci` (postinstall).
import { copyFileSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "src", "pcrm", "web", "static", "vendor");
const files = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "@alpinejs/csp/dist/cdn.min.js": "alpine-csp.min.js",
  "echarts/dist/echarts.min.js": "echarts.min.js",
  "frappe-gantt/dist/frappe-gantt.umd.js": "frappe-gantt.umd.js",
  "frappe-gantt/dist/frappe-gantt.css": "frappe-gantt.css",
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
};

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
for (const [source, target] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(vendor, target));
}
// The lock file's hash tells `pcrm demo` and the tests whether vendor/ is current.
writeFileSync(join(vendor, ".lock-stamp"), readFileSync(join(root, "package-lock.json")));
console.log(`PCRM: copied ${Object.keys(files).length} front-end files into ${vendor}`);
